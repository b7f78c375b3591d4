package vn.motcua.application;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.log.Log;
import vn.motcua.notification.Notification;
import vn.motcua.notification.Notifier;
import vn.motcua.notification.NotificationText;

/** The notification a dossier's last status change sends to its applicant. */
public final class StatusNotifications {

    private static final Log LOG = Log.of(StatusNotifications.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private StatusNotifications() {
    }

    /**
     * Queues {@link #lastChange} after the write, best effort: the change happened whatever the
     * notifications queue says, so a refusal is logged (for the alarm on error lines), not thrown.
     */
    public static void queue(Notifier notifier, Application a) {
        try {
            notifier.send(lastChange(a));
        } catch (RuntimeException e) {
            LOG.error("could not queue a status notification", e, "trackingCode", a.trackingCode(),
                    "status", a.status());
        }
    }

    /**
     * The message for {@code a}'s latest history entry. Its dedupKey names that entry (code,
     * position in the history, status), so re-sending it after a redelivery is harmless.
     */
    public static Notification lastChange(Application a) {
        HistoryEntry change = a.lastChange();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("status", change.to().name());
        if (a.dueDate() != null) {
            details.put("dueDate", DAY.format(WorkingCalendar.parse(a.dueDate()).atZone(WorkingCalendar.ZONE)));
        }
        if (change.note() != null) {
            details.put("note", change.note());
        }
        String dedupKey = a.trackingCode() + "#" + (a.history().size() - 1) + "#" + change.to();
        Applicant who = a.applicant();
        return new Notification(NotificationText.APPLICATION_STATUS, dedupKey, a.trackingCode(), null,
                who.fullName(), who.phone(), who.email(), details);
    }
}
