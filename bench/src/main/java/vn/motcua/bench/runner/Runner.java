package vn.motcua.bench.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * The child JVM's main class: plays the Lambda Java runtime's part for one function. It loads
 * the handler class from the class path (the function's deployment jar), constructs it with its
 * no-arg constructor, then hands it each event's bytes (every function is a stream handler, as
 * Lambda's runtime would: it decodes nothing for them), and prints one line starting with
 * {@link #MARKER} that the harness reads.
 *
 * <pre>
 * Runner cold &lt;Class::method&gt; &lt;event.json&gt;
 * Runner warm &lt;Class::method&gt; &lt;warmup&gt; &lt;invocations&gt; &lt;event.json&gt;...
 * </pre>
 *
 * It uses java.base only (no lambdas, no String.format, no indy string concatenation), so what
 * it loads is what any runtime would; the Lambda context lives in its own class, loaded only for
 * handlers that take one (the floor does not).
 */
public final class Runner {

    public static final String MARKER = "@@motcua-bench ";

    private Runner() {
    }

    public static void main(String[] args) throws Throwable {
        long start = System.nanoTime();
        String mode = args[0];
        String handler = args[1];
        int sep = handler.indexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);

        Class<?> type = Class.forName(className);
        Object instance = type.getDeclaredConstructor().newInstance();
        Method method = handlerMethod(type, methodName);
        Class<?>[] params = method.getParameterTypes();
        if (params.length < 2 || params[0] != InputStream.class || params[1] != OutputStream.class) {
            // TemplateContractTest holds every function to RequestStreamHandler; the floor is one too.
            throw new IllegalArgumentException(handler.concat(" is not a stream handler (InputStream, OutputStream[, Context])"));
        }
        boolean wantsContext = params.length == 3;
        if (Boolean.getBoolean("bench.primed")) {
            primeAsBeforeASnapshot(instance);
        }
        long initialised = System.nanoTime();

        if (mode.equals("cold")) {
            byte[] event = withOwnIdempotencyKey(Files.readAllBytes(Paths.get(args[2])), "c", System.nanoTime());
            long read = System.nanoTime();
            Object[] call = new Object[params.length];
            byte[] answer = invoke(instance, method, wantsContext, event, call);
            long answered = System.nanoTime();
            // CPU time of the whole JVM (JIT and GC threads included) up to the answer: unlike
            // wall time, it barely moves when other processes share the cores.
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
            System.out.println(MARKER + "{\"initMs\":" + ms(initialised - start)
                    + ",\"cpuMs\":" + ms(cpu)
                    + ",\"invokeMs\":" + ms(answered - read)
                    + ",\"status\":" + status(answer) + "}");
        } else {
            int warmup = Integer.parseInt(args[2]);
            int invocations = Integer.parseInt(args[3]);
            int events = args.length - 4;
            byte[][] bodies = new byte[events][];
            for (int i = 0; i < events; i++) {
                bodies[i] = Files.readAllBytes(Paths.get(args[4 + i]));
            }
            long[][] samples = new long[events][invocations / events + 1];
            int[] counts = new int[events];
            int[] errors = new int[events];
            int[] lastStatus = new int[events];
            Object[] call = new Object[params.length];
            for (int i = 0; i < warmup + invocations; i++) {
                int e = i % events;
                byte[] body = withOwnIdempotencyKey(bodies[e], "w", i);
                long t0 = System.nanoTime();
                byte[] answer = invoke(instance, method, wantsContext, body, call);
                long t1 = System.nanoTime();
                int status = status(answer);
                lastStatus[e] = status;
                if (i >= warmup) {
                    if (status >= 500) {
                        errors[e]++;
                    }
                    samples[e][counts[e]++] = t1 - t0;
                }
            }
            StringBuilder line = new StringBuilder(MARKER).append("{\"initMs\":").append(ms(initialised - start))
                    .append(",\"events\":[");
            long[] all = new long[invocations];
            int n = 0;
            for (int e = 0; e < events; e++) {
                long[] s = Arrays.copyOf(samples[e], counts[e]);
                System.arraycopy(s, 0, all, n, s.length);
                n += s.length;
                Arrays.sort(s);
                line.append(e == 0 ? "" : ",").append("{\"n\":").append(s.length)
                        .append(",\"p50Ms\":").append(ms(percentile(s, 50)))
                        .append(",\"p99Ms\":").append(ms(percentile(s, 99)))
                        .append(",\"maxMs\":").append(ms(s.length == 0 ? 0 : s[s.length - 1]))
                        .append(",\"status\":").append(lastStatus[e])
                        .append(",\"errors5xx\":").append(errors[e]).append('}');
            }
            long[] s = Arrays.copyOf(all, n);
            Arrays.sort(s);
            line.append("],\"p50Ms\":").append(ms(percentile(s, 50)))
                    .append(",\"p99Ms\":").append(ms(percentile(s, 99))).append('}');
            System.out.println(line);
        }
        System.out.flush();
        if (Boolean.getBoolean("bench.exit")) {
            System.exit(0); // lets -XX:StartFlightRecording dump its recording
        }
        // Like a Lambda sandbox after the response: nothing else to wait for (SDK threads included).
        Runtime.getRuntime().halt(0);
    }

    private static byte[] invoke(Object instance, Method method, boolean wantsContext, byte[] event, Object[] call)
            throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call[0] = new ByteArrayInputStream(event);
        call[1] = out;
        if (wantsContext) {
            call[2] = Contexts.create();
        }
        try {
            method.invoke(instance, call);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
        return out.toByteArray();
    }

    /** The method Lambda would call: by name, the most specific one (not a generic bridge). */
    /**
     * {@code -Dbench.primed=true}: what SnapStart does before it snapshots, short of the snapshot:
     * CRaC's {@code beforeCheckpoint} on the handler (if it is a CRaC resource), inside init. The
     * first invoke that follows is then the part of a SnapStart cold start this machine can
     * measure; the restore itself needs Lambda (or a CRaC JVM).
     */
    private static void primeAsBeforeASnapshot(Object instance) throws Throwable {
        Class<?> resource;
        try {
            resource = Class.forName("org.crac.Resource", false, instance.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        if (resource.isInstance(instance)) {
            Method before = resource.getMethod("beforeCheckpoint", Class.forName("org.crac.Context"));
            before.invoke(instance, new Object[] {null});
        }
    }

    /**
     * A sample that carries an {@code idempotency-key} header gets its own key per invocation
     * (the sample's key + a suffix), so a POST measures the write and not, after the first, a
     * replay of the stored answer; other samples are returned as they are.
     */
    static byte[] withOwnIdempotencyKey(byte[] event, String run, long n) {
        String json = new String(event, StandardCharsets.UTF_8);
        int header = json.indexOf("\"idempotency-key\"");
        if (header < 0) {
            return event;
        }
        int open = json.indexOf('"', json.indexOf(':', header) + 1);
        int close = json.indexOf('"', open + 1);
        StringBuilder out = new StringBuilder(json.length() + 24).append(json, 0, close)
                .append('-').append(run).append(n).append(json, close, json.length());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Method handlerMethod(Class<?> type, String name) {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(name) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            if (found == null || m.getParameterCount() > found.getParameterCount()) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("No public method " + name + " on " + type.getName());
        }
        return found;
    }

    /** The answer's statusCode when it has one (API Gateway responses), else 200. */
    static int status(byte[] answer) {
        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"statusCode\"");
        if (at < 0) {
            return 200;
        }
        int i = text.indexOf(':', at) + 1;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int end = i;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end > i ? Integer.parseInt(text.substring(i, end)) : 200;
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static String ms(long nanos) {
        long hundredths = nanos / 10_000;
        return (hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
    }
}
