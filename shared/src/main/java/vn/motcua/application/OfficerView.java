package vn.motcua.application;

import java.util.List;
import java.util.Map;
import vn.motcua.catalogue.Procedure;

/**
 * A dossier as an officer of its office sees it: the full view plus the audit trail (which
 * officer, {@code actorId}, made each change), the decision time, when the sweeper found it
 * late, the rating with its comment, and download links for the documents.
 */
public record OfficerView(String trackingCode, String procedureCode, String officeId, Status status, Channel channel,
                          String submittedAt, String receivedAt, String dueDate, String decidedAt, boolean overdue,
                          String overdueSince, List<HistoryEntry> history, ApplicationView.ProcedureSummary procedure,
                          Applicant applicant, Map<String, Object> fields, List<Document> documents, Rating rating) {

    /** A document with its download link (absent until uploaded, or while the links seam is empty). */
    public record Document(String documentId, String documentType, String fileName, DocumentStatus status,
                           String reason, DownloadLinks.Link download) {
    }

    /** One line of the work queue. */
    public record Summary(String trackingCode, String procedureCode, Status status, Channel channel,
                          String applicantName, String receivedAt, String dueDate, boolean overdue) {

        static Summary of(Application a) {
            return new Summary(a.trackingCode(), a.procedureCode(), a.status(), a.channel(),
                    a.applicant() == null ? null : a.applicant().fullName(), a.receivedAt(), a.dueDate(), a.overdue());
        }
    }

    static OfficerView of(Application a, Procedure procedure, DownloadLinks links) {
        ApplicationView.ProcedureSummary summary = procedure == null ? null
                : new ApplicationView.ProcedureSummary(procedure.code(), procedure.name(), procedure.processingDays(),
                        procedure.feeVnd());
        List<Document> documents = a.documents().stream().map(d -> new Document(d.documentId(), d.documentType(),
                d.fileName(), d.status(), d.reason(),
                d.status() == DocumentStatus.UPLOADED ? links.download(a, d).orElse(null) : null)).toList();
        return new OfficerView(a.trackingCode(), a.procedureCode(), a.officeId(), a.status(), a.channel(),
                a.submittedAt(), a.receivedAt(), a.dueDate(), a.decidedAt(), a.overdue(), a.overdueSince(),
                a.history(), summary, a.applicant(), a.fields(), documents, a.rating());
    }
}
