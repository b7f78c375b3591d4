package vn.motcua.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import vn.motcua.notification.Notification;

/**
 * A booked place at an office's counter, as stored. {@code version} grows with every change, so a
 * cancel or a move applies only to the state it was decided on.
 */
public record Appointment(String appointmentId, String officeId, LocalDate date, LocalTime time,
                          AppointmentStatus status, String procedureCode, String trackingCode,
                          Citizen citizen, String cancelTokenHash, long version,
                          Instant createdAt, Instant updatedAt) {

    /** A new BOOKED appointment; only the hash of its cancel token is kept. */
    public static Appointment book(Booking booking, String appointmentId, String cancelTokenHash, Instant now) {
        return new Appointment(appointmentId, booking.officeId(), booking.date(), booking.time(),
                AppointmentStatus.BOOKED, booking.procedureCode(), booking.trackingCode(), booking.citizen(),
                cancelTokenHash, 1, now, now);
    }

    public boolean isBooked() {
        return status == AppointmentStatus.BOOKED;
    }

    public boolean holds(LocalDate otherDate, LocalTime otherTime) {
        return date.equals(otherDate) && time.equals(otherTime);
    }

    public Appointment withStatus(AppointmentStatus newStatus, Instant at) {
        return new Appointment(appointmentId, officeId, date, time, newStatus, procedureCode,
                trackingCode, citizen, cancelTokenHash, version + 1, createdAt, at);
    }

    public Appointment movedTo(LocalDate newDate, LocalTime newTime, Instant at) {
        return new Appointment(appointmentId, officeId, newDate, newTime, status, procedureCode,
                trackingCode, citizen, cancelTokenHash, version + 1, createdAt, at);
    }

    /**
     * The message for the citizen about this state of the appointment. The version makes the
     * dedup key unique per change, and equal for two requests that observed the same change.
     */
    public Notification notification(String kind) {
        return new Notification(kind, kind + "#" + appointmentId + "#" + version, trackingCode, appointmentId,
                citizen.fullName(), citizen.phone(), null, Map.of("officeId", officeId, "date", date.toString(),
                        "time", SlotCalendar.format(time), "status", status.name()));
    }

    /** What the API shows: no citizen data, no token hash. */
    public AppointmentView view() {
        return new AppointmentView(appointmentId, officeId, date.toString(),
                SlotCalendar.format(time), status, procedureCode, trackingCode);
    }
}
