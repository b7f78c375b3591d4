package vn.motcua.sweep;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.motcua.application.Application;
import vn.motcua.application.Status;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.Office;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.StatsRepository;

/**
 * The daily sweep, office by office from the catalogue, with Queries only (never a Scan):
 * <ol>
 *   <li>marks dossiers whose due date has passed while the clock runs (RECEIVED, IN_PROGRESS)
 *       as overdue: one Query per office and status on the officer-queue index, then a
 *       conditional write per dossier;</li>
 *   <li>queues a reminder (APPOINTMENT_REMINDER) for each of tomorrow's BOOKED appointments;</li>
 *   <li>closes yesterday's appointments still BOOKED as NO_SHOW (counted in the KPIs).</li>
 * </ol>
 * Running it twice changes nothing more: a dossier is marked once (the mark is conditional on
 * the version read, and a marked dossier is skipped), a reminder's dedupKey is the same for the
 * same appointment version (the notifications function sends it once), and only BOOKED
 * appointments are closed.
 */
public final class DailySweep {

    private static final Log LOG = Log.of(DailySweep.class);
    public static final String REMINDER = vn.motcua.notification.NotificationText.APPOINTMENT_REMINDER;
    private static final int WRITE_ATTEMPTS = 3;

    public record Result(int marked, int reminders, int noShows, int failedOffices) {
    }

    private final Catalogue catalogue;
    private final ApplicationRepository applications;
    private final AppointmentRepository appointments;
    private final StatsRepository stats;
    private final Notifier notifier;
    private final Clock clock;

    public DailySweep(Catalogue catalogue, ApplicationRepository applications, AppointmentRepository appointments,
                      StatsRepository stats, Notifier notifier, Clock clock) {
        this.catalogue = catalogue;
        this.applications = applications;
        this.appointments = appointments;
        this.stats = stats;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** SnapStart priming: the offices and holidays the sweep walks, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
    }

    /** One pass over every office; an office that fails is logged and the others still run. */
    public Result run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
        int marked = 0;
        int reminders = 0;
        int noShows = 0;
        int failed = 0;
        for (Office office : catalogue.offices()) {
            try {
                marked += markOverdue(office.officeId(), now);
                reminders += remind(office.officeId(), today.plusDays(1));
                noShows += closeLeftovers(office.officeId(), today.minusDays(1));
            } catch (RuntimeException e) {
                failed++;
                LOG.error("sweep failed for an office; the next run will pick it up", e, "office", office.officeId());
            }
        }
        Result result = new Result(marked, reminders, noShows, failed);
        LOG.info("daily sweep", "marked", marked, "reminders", reminders, "noShows", noShows, "failedOffices", failed);
        return result;
    }

    private int markOverdue(String officeId, Instant now) {
        int marked = 0;
        for (Status status : List.of(Status.RECEIVED, Status.IN_PROGRESS)) {
            for (Application a : applications.dueBeforeUnmarked(officeId, status, now)) {
                if (markOne(a, now)) {
                    marked++;
                }
            }
        }
        return marked;
    }

    /** Marks {@code a} unless it is already marked or no longer late; re-reads after a lost race. */
    private boolean markOne(Application read, Instant now) {
        Application current = read;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Application next = current.markOverdue(now);
            if (next == current) {
                return false;
            }
            if (applications.transitionIf(current, next).isPresent()) {
                LOG.info("dossier overdue", "trackingCode", current.trackingCode(), "dueDate", current.dueDate());
                return true;
            }
            Optional<Application> again = applications.find(current.trackingCode());
            if (again.isEmpty()) {
                return false;
            }
            current = again.get();
        }
        LOG.info("dossier kept changing; left for the next sweep", "trackingCode", read.trackingCode());
        return false;
    }

    private int remind(String officeId, LocalDate tomorrow) {
        int sent = 0;
        for (Appointment a : appointments.dayList(officeId, tomorrow)) {
            if (a.isBooked()) {
                notifier.send(a.notification(REMINDER));
                sent++;
            }
        }
        return sent;
    }

    private int closeLeftovers(String officeId, LocalDate yesterday) {
        int closed = 0;
        for (Appointment a : appointments.dayList(officeId, yesterday)) {
            if (!a.isBooked()) {
                continue;
            }
            try {
                appointments.closeIfBooked(a, AppointmentStatus.NO_SHOW, stats);
                closed++;
            } catch (ApiProblem changed) {
                // An officer (or a concurrent sweep) closed it between the day list and this write.
                LOG.info("appointment no longer booked", "appointmentId", a.appointmentId());
            }
        }
        return closed;
    }
}
