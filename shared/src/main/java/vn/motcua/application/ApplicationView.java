package vn.motcua.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.motcua.catalogue.LocalizedText;
import vn.motcua.catalogue.Procedure;

/**
 * The Application shape of DESIGN.md §3. The public view leaves {@code applicant},
 * {@code fields} and {@code documents} null (absent from the JSON) and its history carries
 * roles and notes only: nothing in it identifies a person.
 */
public record ApplicationView(String trackingCode, String procedureCode, String officeId, Status status,
                              Channel channel, String submittedAt, String receivedAt, String dueDate,
                              boolean overdue, List<Change> history, ProcedureSummary procedure,
                              Applicant applicant, Map<String, Object> fields, List<ApplicationDocument> documents,
                              Integer rating) {

    /** A history entry as a citizen sees it: a role in {@code by}, never an officer's id. */
    public record Change(Status from, Status to, String at, Actor by, String note) {
    }

    /** Enough of the procedure to read the status page without a second call. */
    public record ProcedureSummary(String code, LocalizedText name, int processingDays, long feeVnd) {
    }

    public static ApplicationView publicView(Application a, Procedure procedure, Instant now) {
        return view(a, procedure, now, false);
    }

    /** For the holder of the access key (and, later, an officer of the dossier's office). */
    public static ApplicationView fullView(Application a, Procedure procedure, Instant now) {
        return view(a, procedure, now, true);
    }

    private static ApplicationView view(Application a, Procedure procedure, Instant now, boolean full) {
        List<Change> history = a.history().stream()
                .map(h -> new Change(h.from(), h.to(), h.at(), h.by(), h.note()))
                .toList();
        ProcedureSummary summary = procedure == null ? null
                : new ProcedureSummary(procedure.code(), procedure.name(), procedure.processingDays(), procedure.feeVnd());
        return new ApplicationView(a.trackingCode(), a.procedureCode(), a.officeId(), a.status(), a.channel(),
                a.submittedAt(), a.receivedAt(), a.dueDate(), a.overdue(), history, summary,
                full ? a.applicant() : null, full ? a.fields() : null, full ? a.documents() : null,
                full && a.rating() != null ? a.rating().score() : null);
    }
}
