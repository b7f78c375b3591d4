package vn.motcua.application;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Procedure;
import vn.motcua.catalogue.RequiredDocument;
import vn.motcua.problem.ApiProblem;

/**
 * A dossier, immutable: every change returns a new value with the status machine applied and
 * one history entry appended. Times are ISO-8601 strings with +07:00 (as the API shows them).
 *
 * @param accessKeyHash SHA-256 of the citizen's access key ({@link vn.motcua.id.Secrets})
 * @param intakePending set from submit until intake: the outbox flag the intake repair looks for
 * @param version       optimistic lock: the repository writes it and conditions every write on it
 * @param overdueSince  when the daily sweeper found the dossier past its due date while the clock
 *                      ran; stored (not computed) so the views and the queue agree ({@link #overdue()})
 */
public record Application(String trackingCode, String procedureCode, String officeId, Channel channel,
                          Status status, Applicant applicant, Map<String, Object> fields,
                          List<ApplicationDocument> documents, String accessKeyHash,
                          String createdAt, String submittedAt, String receivedAt, String dueDate,
                          String decidedAt, boolean intakePending, List<HistoryEntry> history,
                          Rating rating, long version, String overdueSince) {

    public Application {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        documents = documents == null ? List.of() : List.copyOf(documents);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new draft filed online, version 0 (not yet stored). */
    public static Application draft(TrackingCode code, NewApplication form, String accessKeyHash, Instant now) {
        String at = WorkingCalendar.format(now);
        return new Application(code.value(), form.procedure().code(), form.office().officeId(), Channel.ONLINE,
                Status.DRAFT, form.applicant(), form.fields(), List.of(), accessKeyHash, at, null, null, null,
                null, false, List.of(new HistoryEntry(null, Status.DRAFT, at, Actor.CITIZEN, null, null)), null, 0, null);
    }

    /** Mandatory document types of {@code procedure} without an UPLOADED document here. */
    public List<String> missingDocuments(Procedure procedure) {
        List<String> missing = new ArrayList<>();
        for (RequiredDocument required : procedure.mandatoryDocuments()) {
            boolean uploaded = documents.stream().anyMatch(d -> d.documentType().equals(required.type())
                    && d.status() == DocumentStatus.UPLOADED);
            if (!uploaded) {
                missing.add(required.type());
            }
        }
        return missing;
    }

    /**
     * The citizen hands the dossier in: a draft becomes SUBMITTED and waits for intake; a dossier
     * sent back for supplements returns to IN_PROGRESS and its due date moves by the pause.
     */
    public Application submit(Instant now, WorkingCalendar calendar) {
        Status to = StatusMachine.next(status, Action.SUBMIT);
        String at = WorkingCalendar.format(now);
        if (status == Status.DRAFT) {
            return change(to, Actor.CITIZEN, null, null, now).with(at, receivedAt, dueDate, true);
        }
        String moved = dueDate == null ? null : WorkingCalendar.format(calendar.extendByPause(
                OffsetDateTime.parse(dueDate), pausedAt(), now));
        Application resumed = change(to, Actor.CITIZEN, null, null, now).with(submittedAt, receivedAt, moved, false);
        // A pause moves the due date; should it land after now again, the dossier is no longer late.
        return moved != null && overdueSince != null && !now.isAfter(WorkingCalendar.parse(moved))
                ? resumed.withOverdueSince(null) : resumed;
    }

    /**
     * A dossier an officer registers at the counter (a walk-in): it is received on the spot, so
     * it skips DRAFT and SUBMITTED and its due date runs from now. One history entry, by the officer.
     */
    public static Application atCounter(TrackingCode code, NewApplication form, String accessKeyHash, String officerId,
                                        Instant now, WorkingCalendar calendar, String note) {
        String at = WorkingCalendar.format(now);
        String due = WorkingCalendar.format(calendar.dueDate(now, form.procedure().processingDays()));
        return new Application(code.value(), form.procedure().code(), form.office().officeId(), Channel.COUNTER,
                Status.RECEIVED, form.applicant(), form.fields(), List.of(), accessKeyHash, at, at, at, due, null,
                false, List.of(new HistoryEntry(null, Status.RECEIVED, at, Actor.OFFICER, officerId, note)), null, 0,
                null);
    }

    /** Intake: SUBMITTED → RECEIVED, with the due date {@code calendar} gives for the procedure. */
    public Application receive(Instant now, int processingDays, WorkingCalendar calendar, String note) {
        Status to = StatusMachine.next(status, Action.RECEIVE);
        String due = WorkingCalendar.format(calendar.dueDate(now, processingDays));
        return change(to, Actor.SYSTEM, null, note, now).with(submittedAt, WorkingCalendar.format(now), due, false);
    }

    /** The citizen withdraws the dossier. */
    public Application withdraw(Instant now, String note) {
        return change(StatusMachine.next(status, Action.WITHDRAW), Actor.CITIZEN, null, note, now)
                .with(submittedAt, receivedAt, dueDate, false);
    }

    /** An officer's action (ACCEPT, REQUEST_SUPPLEMENT, APPROVE, REJECT, COMPLETE). */
    public Application act(Action action, String officerId, String note, Instant now) {
        if (action.actor() != Actor.OFFICER) {
            throw new IllegalArgumentException(action + " is not an officer's action");
        }
        return change(StatusMachine.next(status, action), Actor.OFFICER, officerId, note, now);
    }

    /** The citizen's rating: once, and only after a decision (409 otherwise). */
    public Application rate(int score, String comment, Instant now) {
        if (!status.isDecided()) {
            throw ApiProblem.conflict("not-decided", "A dossier can be rated once it is decided; it is " + status);
        }
        if (rating != null) {
            throw ApiProblem.conflict("already-rated", "This dossier has already been rated");
        }
        return new Application(trackingCode, procedureCode, officeId, channel, status, applicant, fields, documents,
                accessKeyHash, createdAt, submittedAt, receivedAt, dueDate, decidedAt, intakePending, history,
                new Rating(score, comment, WorkingCalendar.format(now)), version, overdueSince);
    }

    /** Past its due date while the processing clock runs (RECEIVED or IN_PROGRESS). */
    public boolean overdueAt(Instant now) {
        return dueDate != null && status.clockRuns() && now.isAfter(WorkingCalendar.parse(dueDate));
    }

    /**
     * Overdue as every view and the officer queue show it: the sweeper marked it, and the office
     * still owes a decision (it stays late while waiting for the citizen's supplements; a decision
     * ends it, and the on-time KPI keeps the record).
     */
    public boolean overdue() {
        return overdueSince != null && status.awaitsDecision();
    }

    /** The sweeper's mark: set once, when the clock runs past the due date; otherwise unchanged. */
    public Application markOverdue(Instant now) {
        return overdueSince == null && overdueAt(now) ? withOverdueSince(WorkingCalendar.format(now)) : this;
    }

    public HistoryEntry lastChange() {
        return history.get(history.size() - 1);
    }

    public Application withVersion(long newVersion) {
        return new Application(trackingCode, procedureCode, officeId, channel, status, applicant, fields, documents,
                accessKeyHash, createdAt, submittedAt, receivedAt, dueDate, decidedAt, intakePending, history, rating,
                newVersion, overdueSince);
    }

    public Application withDocuments(List<ApplicationDocument> newDocuments) {
        return new Application(trackingCode, procedureCode, officeId, channel, status, applicant, fields, newDocuments,
                accessKeyHash, createdAt, submittedAt, receivedAt, dueDate, decidedAt, intakePending, history, rating,
                version, overdueSince);
    }

    private Application withOverdueSince(String since) {
        return new Application(trackingCode, procedureCode, officeId, channel, status, applicant, fields, documents,
                accessKeyHash, createdAt, submittedAt, receivedAt, dueDate, decidedAt, intakePending, history, rating,
                version, since);
    }

    private Application change(Status to, Actor by, String actorId, String note, Instant now) {
        List<HistoryEntry> next = new ArrayList<>(history);
        String at = WorkingCalendar.format(now);
        next.add(new HistoryEntry(status, to, at, by, actorId, note));
        String decided = decidedAt == null && (to == Status.APPROVED || to == Status.REJECTED) ? at : decidedAt;
        return new Application(trackingCode, procedureCode, officeId, channel, to, applicant, fields, documents,
                accessKeyHash, createdAt, submittedAt, receivedAt, dueDate, decided, intakePending, next, rating,
                version, overdueSince);
    }

    private Application with(String newSubmittedAt, String newReceivedAt, String newDueDate, boolean pending) {
        return new Application(trackingCode, procedureCode, officeId, channel, status, applicant, fields, documents,
                accessKeyHash, createdAt, newSubmittedAt, newReceivedAt, newDueDate, decidedAt, pending, history,
                rating, version, overdueSince);
    }

    /** When the current supplement pause began: the last change into SUPPLEMENT_REQUESTED. */
    private Instant pausedAt() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).to() == Status.SUPPLEMENT_REQUESTED) {
                return WorkingCalendar.parse(history.get(i).at());
            }
        }
        throw new IllegalStateException(trackingCode + " is SUPPLEMENT_REQUESTED without that change in its history");
    }
}
