package vn.motcua.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.motcua.json.Json;

/**
 * The local stack's {@code outbox.jsonl}: every e-mail moto's SES and every SMS moto's SNS
 * accepted, one JSON object a line, written by moto's launcher before its answer leaves
 * ({@code moto_server.py}). Tests and people read it; its shape is kept.
 */
public final class Outbox {

    /** One line: {@code channel} EMAIL or SMS, {@code to}, {@code subject} (e-mail only), {@code body}, {@code at}. */
    public record Sent(String channel, String to, String subject, String body, String at) {
    }

    private Outbox() {
    }

    public static List<Sent> read(Path file) {
        List<Sent> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Only whole lines: moto's launcher may be appending one right now.
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.readTrusted(line, Sent.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }
}
