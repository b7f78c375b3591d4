package vn.motcua.notifications.function;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.motcua.json.Json;
import vn.motcua.log.Log;
import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;

/**
 * In the local stack (env LOCAL_OUTBOX_DIR): logs each notification and appends it as one JSON
 * line to {@code $LOCAL_OUTBOX_DIR/outbox.jsonl}, which tests and developers read.
 */
public final class LocalOutboxSender implements Sender {

    public static final String FILE = "outbox.jsonl";
    private static final Log LOG = Log.of(LocalOutboxSender.class);

    /** One line of the outbox. */
    public record Sent(String at, String channel, String to, String kind, String dedupKey, String trackingCode,
                       String appointmentId, String subject, String body) {
    }

    private final Path file;
    private final Clock clock;

    public LocalOutboxSender(Path dir, Clock clock) {
        this.file = dir.resolve(FILE);
        this.clock = clock;
    }

    @Override
    public void send(Notification n, NotificationText.Message message) {
        String channel = n.email() != null ? "email" : "sms";
        Sent sent = new Sent(clock.instant().toString(), channel, n.email() != null ? n.email() : n.phone(), n.kind(),
                n.dedupKey(), n.trackingCode(), n.appointmentId(), message.subject(), message.body());
        LOG.info("notification (local outbox)", "channel", channel, "dedupKey", n.dedupKey(), "body", message.body());
        String line = Json.write(sent) + "\n";
        // One JVM may run several consumers at once; appends of a line must not interleave.
        synchronized (LocalOutboxSender.class) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to " + file, e);
            }
        }
    }

    /** Everything sent so far to the outbox in {@code dir}, oldest first. */
    public static List<JsonNode> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<JsonNode> out = new ArrayList<>();
        synchronized (LocalOutboxSender.class) {
            try {
                if (!Files.exists(file)) {
                    return out;
                }
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(Json.tree(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return out;
    }
}
