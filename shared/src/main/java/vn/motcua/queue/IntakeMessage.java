package vn.motcua.queue;

/** The intake queue's message: which dossier to take in. Intake re-reads everything else. */
public record IntakeMessage(String trackingCode) {
}
