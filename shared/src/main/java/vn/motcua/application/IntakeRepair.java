package vn.motcua.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.motcua.log.Log;
import vn.motcua.queue.IntakeMessage;
import vn.motcua.queue.IntakeQueue;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.ApplicationRepository.PendingIntake;

/**
 * The other half of the no-lost-dossier outbox: the SUBMITTED write marks the dossier as
 * pending intake in the same conditional put, and this re-queues dossiers still pending
 * {@code after} their submission, because the queue refused the message or intake kept failing
 * on it. Double messages are harmless ({@link Intake#receive} is idempotent). Run every few
 * minutes by a schedule; a daily sweeper may call it too.
 */
public final class IntakeRepair {

    private static final Log LOG = Log.of(IntakeRepair.class);
    /** After this many re-queues a dossier is left alone and reported as stuck, for a human. */
    public static final int MAX_REQUEUES = 5;
    static final int BATCH = 100;

    private final ApplicationRepository repository;
    private final IntakeQueue queue;
    private final Clock clock;
    private final Duration after;

    public IntakeRepair(ApplicationRepository repository, IntakeQueue queue, Clock clock, Duration after) {
        this.repository = repository;
        this.queue = queue;
        this.clock = clock;
        this.after = after;
    }

    /** Re-queues the oldest pending dossiers (at most 100 a run); returns how many. */
    public int run() {
        Instant cutoff = clock.instant().minus(after);
        List<PendingIntake> pending = repository.pendingIntake(cutoff, BATCH);
        int requeued = 0;
        for (PendingIntake p : pending) {
            if (p.requeues() >= MAX_REQUEUES) {
                LOG.error("dossier stuck before intake", null, "trackingCode", p.trackingCode(),
                        "submittedAt", p.submittedAt(), "requeues", p.requeues());
                continue;
            }
            try {
                queue.enqueue(new IntakeMessage(p.trackingCode()));
                repository.countRequeueIfPending(p.trackingCode());
                requeued++;
            } catch (RuntimeException e) {
                LOG.error("could not re-queue a dossier for intake", e, "trackingCode", p.trackingCode());
            }
        }
        if (!pending.isEmpty()) {
            LOG.info("intake repair", "pending", pending.size(), "requeued", requeued);
        }
        return requeued;
    }
}
