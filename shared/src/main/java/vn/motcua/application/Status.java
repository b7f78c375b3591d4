package vn.motcua.application;

import java.util.EnumSet;
import java.util.Set;

/** Where a dossier is in its life (DESIGN.md §2). */
public enum Status {
    DRAFT, SUBMITTED, RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED, APPROVED, REJECTED, COMPLETED, WITHDRAWN;

    private static final Set<Status> DECIDED = EnumSet.of(APPROVED, REJECTED, COMPLETED);
    private static final Set<Status> RUNNING_CLOCK = EnumSet.of(RECEIVED, IN_PROGRESS);
    private static final Set<Status> AWAITING_DECISION = EnumSet.of(RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED);
    private static final Set<Status> OPEN_WORK = EnumSet.of(RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED, APPROVED);

    /** An officer has decided: the citizen may rate the service. */
    public boolean isDecided() {
        return DECIDED.contains(this);
    }

    /** The processing clock runs (it pauses while SUPPLEMENT_REQUESTED and stops at a decision). */
    public boolean clockRuns() {
        return RUNNING_CLOCK.contains(this);
    }

    /** Received and not yet approved or rejected: the only statuses in which a dossier can be late. */
    public boolean awaitsDecision() {
        return AWAITING_DECISION.contains(this);
    }

    /** The office still has something to do: decide, or (APPROVED) hand the result over. */
    public boolean isOpenWork() {
        return OPEN_WORK.contains(this);
    }
}
