package vn.motcua.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import vn.motcua.json.Json;

/**
 * Structured logging: one JSON object per line on stdout, which Lambda ships to CloudWatch
 * Logs, carrying the request id of the invocation in progress. Small on purpose: no logging
 * framework to load on a cold start.
 */
public final class Log {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static volatile PrintStream out = System.out;

    private final String logger;

    private Log(String logger) {
        this.logger = logger;
    }

    public static Log of(Class<?> type) {
        return new Log(type.getSimpleName());
    }

    /** Set by the handler base classes at the start of each invocation. */
    public static void bindRequest(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void unbindRequest() {
        REQUEST_ID.remove();
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }

    /** For tests that read what was logged. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object[] keyValues) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.putPOJO(String.valueOf(keyValues[i]), value == null ? null : value instanceof Number || value instanceof Boolean ? value : String.valueOf(value));
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
            StackTraceElement[] trace = error.getStackTrace();
            StringBuilder frames = new StringBuilder();
            for (int i = 0; i < Math.min(trace.length, 12); i++) {
                frames.append(trace[i]).append('\n');
            }
            line.put("stackTrace", frames.toString());
        }
        out.println(Json.write(line));
    }
}
