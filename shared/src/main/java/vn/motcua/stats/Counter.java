package vn.motcua.stats;

/**
 * The counters kept per office and month (and city-wide under {@code ALL}). Each is only ever
 * increased, with DynamoDB {@code ADD}, in the same transaction as the change it counts.
 */
public enum Counter {
    /** Dossiers received (intake or a walk-in at the counter), by month of receipt. */
    RECEIVED("received"),
    RECEIVED_ONLINE("receivedOnline"),
    RECEIVED_COUNTER("receivedCounter"),
    /** APPROVED or REJECTED, by month of the decision. */
    DECIDED("decided"),
    DECIDED_ON_TIME("decidedOnTime"),
    /** Sum over decisions of the seconds from receipt to decision (the average's numerator). */
    PROCESSING_SECONDS("processingSeconds"),
    /** Citizens' ratings, by month of the rating. */
    RATINGS("ratings"),
    RATING_SUM("ratingSum"),
    /** Appointments closed by the officer (or the sweeper), by month of the appointment. */
    SERVED("served"),
    NO_SHOW("noShow");

    private final String attribute;

    Counter(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute name in the stats table. */
    public String attribute() {
        return attribute;
    }
}
