package vn.motcua.application;

import java.time.Clock;
import java.time.Instant;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.Procedure;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.queue.IntakeMessage;
import vn.motcua.storage.ApplicationRepository;

/**
 * Intake: a submitted dossier becomes RECEIVED with its due date, and its applicant is told.
 * Safe under SQS's at-least-once delivery ({@link IntakeRepair} may send a message twice too).
 */
public final class Intake {

    private static final Log LOG = Log.of(Intake.class);
    static final String RECEIVED_NOTE = "Hồ sơ đã được tiếp nhận và chuyển đến bộ phận giải quyết.";
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

    /** SnapStart priming: the catalogue due dates are computed from, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
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
                    var stored = repository.transitionIf(a, next);
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
}
