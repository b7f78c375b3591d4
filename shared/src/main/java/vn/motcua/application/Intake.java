package vn.motcua.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.Procedure;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.queue.IntakeMessage;
import vn.motcua.queue.IntakeQueue;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.ApplicationRepository.PendingIntake;

/**
 * Intake: a submitted dossier becomes RECEIVED with its due date, and its applicant is told.
 * Safe under SQS's at-least-once delivery, and the repair that re-queues dossiers whose intake
 * message never arrived.
 */
public final class Intake {

    private static final Log LOG = Log.of(Intake.class);
    static final String RECEIVED_NOTE = "Hồ sơ đã được tiếp nhận và chuyển đến bộ phận giải quyết.";
    /** After this many re-queues the repair stops and reports the dossier as stuck. */
    public static final int MAX_REQUEUES = 5;
    private static final int WRITE_ATTEMPTS = 3;

    private final ApplicationRepository repository;
    private final Catalogue catalogue;
    private final Notifier notifier;
    private final Clock clock;

    public Intake(ApplicationRepository repository, Catalogue catalogue, Notifier notifier, Clock clock) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * SUBMITTED → RECEIVED, once. A redelivered message finds the dossier RECEIVED and only
     * queues its notification again (the notifications function sends each dedupKey once), in
     * case the first attempt stopped between the write and the notification. Throws for a
     * message it can never process (unknown dossier or procedure), which SQS retries and then
     * moves to the DLQ.
     */
    public void receive(IntakeMessage message) {
        TrackingCode code = TrackingCode.tryParse(message == null ? null : message.trackingCode())
                .orElseThrow(() -> new IllegalArgumentException("Not a tracking code: " + message));
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Application a = repository.find(code.value())
                    .orElseThrow(() -> new IllegalStateException("No dossier " + code));
            switch (a.status()) {
                case SUBMITTED -> {
                    Procedure procedure = catalogue.requireProcedure(a.procedureCode());
                    Instant now = clock.instant();
                    Application next = a.receive(now, procedure.processingDays(),
                            new WorkingCalendar(catalogue.holidays()), RECEIVED_NOTE);
                    var stored = repository.transitionIf(next, Status.SUBMITTED, a.version());
                    if (stored.isPresent()) {
                        LOG.info("dossier received", "trackingCode", code, "dueDate", next.dueDate());
                        notifier.send(StatusNotifications.lastChange(stored.get()));
                        return;
                    }
                }
                case RECEIVED -> {
                    LOG.info("dossier already received; notification queued again", "trackingCode", code);
                    notifier.send(StatusNotifications.lastChange(a));
                    return;
                }
                default -> {
                    LOG.info("nothing to take in", "trackingCode", code, "status", a.status());
                    return;
                }
            }
        }
        throw new IllegalStateException("Dossier " + code + " kept changing during intake");
    }

    /**
     * Re-queues submitted dossiers still waiting for intake {@code after} their submission:
     * the queue refused the message, or intake failed on it. Double messages are harmless
     * ({@link #receive} is idempotent). A dossier re-queued {@link #MAX_REQUEUES} times is
     * left alone and logged as stuck for a human. Returns how many were re-queued.
     */
    public int repair(IntakeQueue queue, Duration after) {
        Instant cutoff = clock.instant().minus(after);
        List<PendingIntake> pending = repository.pendingIntake(cutoff, 100);
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
