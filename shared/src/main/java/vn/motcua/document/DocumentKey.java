package vn.motcua.document;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.motcua.application.TrackingCode;

/**
 * Where a document's object lives: {@code applications/{trackingCode}/{documentId}}. The server
 * chooses both parts; nothing a citizen typed (the file name least of all) reaches the key.
 */
public record DocumentKey(String trackingCode, String documentId) {

    public static final String PREFIX = "applications/";
    private static final Pattern LAYOUT = Pattern.compile("applications/(HN(?:-[0-9A-Z]{4}){4})/([0-9a-f]{32})");

    public String value() {
        return PREFIX + trackingCode + "/" + documentId;
    }

    /** The key's parts if it has the layout this service writes (canonical tracking code, hex id). */
    public static Optional<DocumentKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m = LAYOUT.matcher(key);
        if (!m.matches() || TrackingCode.tryParse(m.group(1)).filter(c -> c.value().equals(m.group(1))).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DocumentKey(m.group(1), m.group(2)));
    }

    @Override
    public String toString() {
        return value();
    }
}
