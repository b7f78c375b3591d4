package vn.motcua.application;

import static vn.motcua.application.Status.APPROVED;
import static vn.motcua.application.Status.COMPLETED;
import static vn.motcua.application.Status.DRAFT;
import static vn.motcua.application.Status.IN_PROGRESS;
import static vn.motcua.application.Status.RECEIVED;
import static vn.motcua.application.Status.REJECTED;
import static vn.motcua.application.Status.SUBMITTED;
import static vn.motcua.application.Status.SUPPLEMENT_REQUESTED;
import static vn.motcua.application.Status.WITHDRAWN;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import vn.motcua.problem.ApiProblem;

/**
 * The application status machine of DESIGN.md §2, as data. Anything not listed is refused
 * with 409 "invalid-transition".
 *
 * <pre>
 * DRAFT ──SUBMIT──▶ SUBMITTED ──RECEIVE──▶ RECEIVED ──ACCEPT──▶ IN_PROGRESS
 * IN_PROGRESS ──REQUEST_SUPPLEMENT──▶ SUPPLEMENT_REQUESTED ──SUBMIT──▶ IN_PROGRESS
 * IN_PROGRESS ──APPROVE──▶ APPROVED ──COMPLETE──▶ COMPLETED
 * IN_PROGRESS | RECEIVED ──REJECT──▶ REJECTED
 * DRAFT | SUBMITTED | RECEIVED | IN_PROGRESS | SUPPLEMENT_REQUESTED ──WITHDRAW──▶ WITHDRAWN
 * </pre>
 */
public final class StatusMachine {

    private static final Map<Status, Map<Action, Status>> TRANSITIONS = new EnumMap<>(Status.class);

    static {
        allow(DRAFT, Action.SUBMIT, SUBMITTED);
        allow(SUBMITTED, Action.RECEIVE, RECEIVED);
        allow(RECEIVED, Action.ACCEPT, IN_PROGRESS);
        allow(IN_PROGRESS, Action.REQUEST_SUPPLEMENT, SUPPLEMENT_REQUESTED);
        allow(SUPPLEMENT_REQUESTED, Action.SUBMIT, IN_PROGRESS);
        allow(IN_PROGRESS, Action.APPROVE, APPROVED);
        allow(APPROVED, Action.COMPLETE, COMPLETED);
        allow(IN_PROGRESS, Action.REJECT, REJECTED);
        allow(RECEIVED, Action.REJECT, REJECTED);
        for (Status from : new Status[] {DRAFT, SUBMITTED, RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED}) {
            allow(from, Action.WITHDRAW, WITHDRAWN);
        }
    }

    private StatusMachine() {
    }

    private static void allow(Status from, Action action, Status to) {
        TRANSITIONS.computeIfAbsent(from, f -> new EnumMap<>(Action.class)).put(action, to);
    }

    /** Where {@code action} leads from {@code from}, if anywhere. */
    public static Optional<Status> target(Status from, Action action) {
        return Optional.ofNullable(TRANSITIONS.getOrDefault(from, Map.of()).get(action));
    }

    /** Where {@code action} leads from {@code from}; 409 "invalid-transition" if it may not. */
    public static Status next(Status from, Action action) {
        return target(from, action).orElseThrow(() -> ApiProblem.conflict("invalid-transition",
                "A dossier in status " + from + " cannot be " + verb(action)));
    }

    private static String verb(Action action) {
        return switch (action) {
            case SUBMIT -> "submitted";
            case RECEIVE -> "received";
            case ACCEPT -> "accepted";
            case REQUEST_SUPPLEMENT -> "sent back for supplements";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case COMPLETE -> "completed";
            case WITHDRAW -> "withdrawn";
        };
    }
}
