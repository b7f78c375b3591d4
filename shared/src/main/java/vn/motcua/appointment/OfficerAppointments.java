package vn.motcua.appointment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import vn.motcua.log.Log;
import vn.motcua.officer.Officer;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.StatsRepository;

/**
 * The officer's side of appointments: the office's day in time order, and the outcome of each
 * (SERVED or NO_SHOW), counted in the public KPIs with the change. Another office's appointment
 * is the same 404 as an unknown one.
 */
public final class OfficerAppointments {

    private static final Log LOG = Log.of(OfficerAppointments.class);
    private static final Pattern APPOINTMENT_ID = Pattern.compile("[0-9a-f]{32}");

    /** The body of POST /officer/appointments/{id}/actions. */
    public record ActionRequest(String action) {
    }

    /** An appointment as the officer at the counter needs it: who is coming, and their phone. */
    public record OfficerAppointmentView(String appointmentId, String officeId, String date, String time,
                                         AppointmentStatus status, String procedureCode, String trackingCode,
                                         String fullName, String phone) {

        static OfficerAppointmentView of(Appointment a) {
            return new OfficerAppointmentView(a.appointmentId(), a.officeId(), a.date().toString(),
                    SlotCalendar.format(a.time()), a.status(), a.procedureCode(), a.trackingCode(),
                    a.citizen().fullName(), a.citizen().phone());
        }
    }

    public record Day(String officeId, String date, List<OfficerAppointmentView> items) {
    }

    private final AppointmentRepository appointments;
    private final StatsRepository stats;
    private final Clock clock;

    public OfficerAppointments(AppointmentRepository appointments, StatsRepository stats, Clock clock) {
        this.appointments = appointments;
        this.stats = stats;
        this.clock = clock;
    }

    /** The office's appointments on {@code date} (today in Hanoi when absent), by time: one Query. */
    public Day day(Officer officer, java.util.Optional<String> date) {
        LocalDate day = date.map(d -> SlotCalendar.parseDate(d)
                        .orElseThrow(() -> ApiProblem.invalid("date", "must be a date YYYY-MM-DD")))
                .orElseGet(() -> LocalDate.now(clock.withZone(SlotCalendar.ZONE)));
        return new Day(officer.officeId(), day.toString(),
                appointments.dayList(officer.officeId(), day).stream().map(OfficerAppointmentView::of).toList());
    }

    /**
     * SERVED or NO_SHOW for a BOOKED appointment of the officer's office, on or after its day:
     * 409 "appointment-not-booked" once closed or cancelled, 409 "appointment-not-due" before its day.
     */
    public OfficerAppointmentView close(Officer officer, String appointmentId, ActionRequest request) {
        AppointmentStatus outcome = outcome(request.action());
        Appointment current = (APPOINTMENT_ID.matcher(appointmentId).matches()
                ? appointments.find(appointmentId) : java.util.Optional.<Appointment>empty())
                .filter(a -> a.officeId().equals(officer.officeId()))
                .orElseThrow(() -> ApiProblem.notFound("No appointment " + appointmentId + " at " + officer.officeId()));
        if (current.isBooked() && current.date().isAfter(LocalDate.now(clock.withZone(SlotCalendar.ZONE)))) {
            throw ApiProblem.conflict("appointment-not-due", "The appointment is on " + current.date()
                    + "; its outcome can be recorded from that day");
        }
        Appointment closed = appointments.closeIfBooked(current, outcome, stats);
        LOG.info("appointment closed", "appointmentId", appointmentId, "outcome", outcome, "officer", officer.subject());
        return OfficerAppointmentView.of(closed);
    }

    private static AppointmentStatus outcome(String action) {
        if ("SERVED".equals(action)) {
            return AppointmentStatus.SERVED;
        }
        if ("NO_SHOW".equals(action)) {
            return AppointmentStatus.NO_SHOW;
        }
        throw ApiProblem.invalid("action", "must be SERVED or NO_SHOW");
    }
}
