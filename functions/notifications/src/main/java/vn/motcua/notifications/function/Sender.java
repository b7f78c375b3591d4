package vn.motcua.notifications.function;

import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;

/** Delivers one rendered notification to its citizen. Throws if the channel refused it. */
@FunctionalInterface
public interface Sender {
    void send(Notification notification, NotificationText.Message message);
}
