package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import vn.motcua.config.Config;

/**
 * Loads each function's handler once, the way Lambda would: from the deployment jar its
 * CodeUri names (one class loader per function), or from the classpath when tests already have
 * the handler classes. Handlers are built through their {@code (Config)} constructor with the
 * environment template.yaml gives them.
 *
 * <p>Every function is a stream handler and gets JSON bytes, as from Lambda: an API Gateway event
 * is written with a plain ObjectMapper's bean mapping of the event class (the shape API Gateway
 * sends), the other events with the Lambda runtime's own serialisation ({@link LambdaWire}); never
 * with the functions' own readers, so those are checked against another writer.
 */
final class Functions {

    enum Source { CODE_URI, CLASSPATH }

    private final Template template;
    private final Source source;
    private final Function<String, Config> configs;
    private static final ObjectMapper WIRE = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Object> handlers = new ConcurrentHashMap<>();

    Functions(Template template, Source source, Function<String, Config> configs) {
        this.template = template;
        this.source = source;
        this.configs = configs;
    }

    /**
     * Invokes a function with an event object, as Lambda would: the event as the JSON Lambda
     * delivers (API Gateway's payload with a plain ObjectMapper, so the functions' own reader is
     * checked against another writer; SQS, S3 and schedule events with the Lambda runtime's own
     * serialisation, {@link LambdaWire}), the answer decoded: an SQS batch's partial failures, an
     * HTTP response, or the answer's JSON tree (null if empty).
     */
    Object invoke(String logicalId, Object event) {
        try {
            if (event instanceof APIGatewayV2HTTPEvent) {
                return WIRE.readValue(invokeJson(logicalId, WIRE.writeValueAsBytes(event)), APIGatewayV2HTTPResponse.class);
            }
            byte[] answer = invokeJson(logicalId, LambdaWire.encode(event));
            if (answer.length == 0) {
                return null;
            }
            return event instanceof SQSEvent ? LambdaWire.decode(SQSBatchResponse.class, answer) : WIRE.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes a stream handler with the event's JSON, as Lambda does; answers its JSON. */
    byte[] invokeJson(String logicalId, byte[] event) {
        Object handler = handlers.computeIfAbsent(logicalId, this::load);
        if (!(handler instanceof RequestStreamHandler stream)) {
            throw new IllegalArgumentException(logicalId + " is not a stream handler");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            stream.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(logicalId, timeout(logicalId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private int timeout(String logicalId) {
        Object own = template.function(logicalId).properties().get("Timeout");
        Object global = template.globalsFunction().get("Timeout");
        return Integer.parseInt(String.valueOf(own != null ? own : global != null ? global : 3));
    }

    private Object load(String logicalId) {
        Template.Function fn = template.function(logicalId);
        try {
            ClassLoader loader = source == Source.CLASSPATH
                    ? Thread.currentThread().getContextClassLoader()
                    : jarLoader(fn);
            Class<?> type = Class.forName(fn.handlerClass(), true, loader);
            Constructor<?> constructor = type.getConstructor(Config.class);
            return constructor.newInstance(configs.apply(logicalId));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load " + fn.handler() + " for " + logicalId
                    + " (it needs a public constructor taking vn.motcua.config.Config)", e);
        }
    }

    private ClassLoader jarLoader(Template.Function fn) {
        Path jar = template.root().resolve(fn.codeUri());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(fn.logicalId() + "'s CodeUri " + jar
                    + " does not exist: run `mvn -B -DskipTests package` first");
        }
        try {
            // Parent first: the event classes, the SDK and shared come from the local stack's own
            // class path, so the objects it builds are the ones the handler expects.
            return new URLClassLoader(fn.logicalId(), new URL[] {jar.toUri().toURL()}, Functions.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
