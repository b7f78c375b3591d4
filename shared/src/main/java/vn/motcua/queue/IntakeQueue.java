package vn.motcua.queue;

/** Hands a submitted dossier to the intake function. */
@FunctionalInterface
public interface IntakeQueue {

    /** Throws if the queue refuses the message; the dossier stays pending and the repair retries. */
    void enqueue(IntakeMessage message);
}
