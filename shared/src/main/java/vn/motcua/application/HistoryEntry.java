package vn.motcua.application;

/**
 * One status change. {@code from} is absent for the creation of the draft; {@code at} is
 * ISO-8601 with +07:00; {@code note} is written for the citizen; {@code actorId} (an officer's
 * id) is kept for the audit trail and never shown in a citizen's view.
 */
public record HistoryEntry(Status from, Status to, String at, Actor by, String actorId, String note) {
}
