package vn.motcua.notification;

import java.util.Map;

/**
 * One message to a citizen, queued on the notifications queue by whatever changed (a dossier's
 * status, a booking) and sent by the notifications function: email when {@code email} is set,
 * SMS to {@code phone} otherwise.
 *
 * @param kind         what happened, e.g. APPLICATION_STATUS, APPOINTMENT_BOOKED,
 *                     APPOINTMENT_CANCELLED, APPOINTMENT_MOVED, APPOINTMENT_REMINDER
 * @param dedupKey     unique per real-world event, so a redelivered message is sent once
 * @param details      kind-specific values for the text (status, date, time, note…)
 */
public record Notification(String kind, String dedupKey, String trackingCode, String appointmentId,
                           String fullName, String phone, String email, Map<String, String> details) {

    public Notification {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
