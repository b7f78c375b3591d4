package vn.motcua.notification;

/** Queues a notification; implementations decide the transport (SQS in every deployed function). */
@FunctionalInterface
public interface Notifier {
    void send(Notification notification);
}
