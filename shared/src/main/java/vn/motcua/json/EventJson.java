package vn.motcua.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The envelopes Lambda hands a function (API Gateway, SQS, S3, EventBridge), read, and its
 * answers written, with jackson-core's streaming API.
 *
 * <p>Every function is a stream handler: the Lambda Java runtime hands it the event's bytes
 * instead of decoding an event object itself with aws-lambda-java-serialization, whose own shaded
 * Jackson and bean introspection cost ~670 classes and ~0.3 s of a cold start (bench/README.md).
 * Each reader maps the few fields its function uses into the aws-lambda-java-events class, so
 * handlers and tests keep one event type.
 *
 * <p>An envelope comes from AWS, not from a citizen: its limits are AWS's (API Gateway's 10 MB
 * payload, base64 included), not {@link Json#MAPPER}'s, which apply when a body itself is read.
 */
public final class EventJson {

    private static final JsonFactory ENVELOPE = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNestingDepth(16)
                    .build())
            .build();

    private EventJson() {
    }

    /** The event's top-level object; an IOException naming {@code what} if it is not one. */
    public static Map<String, Object> read(InputStream in, String what) throws IOException {
        try (JsonParser parser = ENVELOPE.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("An " + what + " event is a JSON object");
            }
            return object(parser);
        }
    }

    public static JsonGenerator writer(OutputStream out) throws IOException {
        return ENVELOPE.createGenerator(out);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Each object of a JSON array (e.g. an event's "Records"); empty if there is none. */
    public static List<Map<String, Object>> objects(Object value) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> object = map(item);
                if (object != null) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    /** AWS sends strings; a number or boolean is kept as its JSON text. */
    public static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
    }

    /** An object of texts; a list value becomes {@code [a b]}, the way API Gateway flattens a list claim. */
    public static Map<String, String> textMap(Object value) {
        Map<String, Object> json = map(value);
        if (json == null) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        json.forEach((k, v) -> texts.put(k, v instanceof List<?> list ? bracketed(list) : text(v)));
        return texts;
    }

    public static List<String> texts(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> texts = new ArrayList<>(list.size());
        list.forEach(v -> texts.add(text(v)));
        return texts;
    }

    private static String bracketed(List<?> list) {
        StringBuilder text = new StringBuilder("[");
        for (Object v : list) {
            text.append(text.length() > 1 ? " " : "").append(text(v));
        }
        return text.append(']').toString();
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("Unexpected " + parser.currentToken() + " in the event");
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, value(parser));
        }
        return map;
    }
}
