package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
 * <p>A stream handler (every HTTP function) gets JSON bytes, as from Lambda: an API Gateway event
 * is written with a plain ObjectMapper's bean mapping of the event class (the shape API Gateway
 * sends), not with the functions' own codec, so that codec is checked against another writer.
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

    @SuppressWarnings("unchecked")
    Object invoke(String logicalId, Object event) {
        Object handler = handlers.computeIfAbsent(logicalId, this::load);
        if (handler instanceof RequestStreamHandler) {
            try {
                byte[] answer = invokeJson(logicalId, WIRE.writeValueAsBytes(event));
                return event instanceof APIGatewayV2HTTPEvent
                        ? WIRE.readValue(answer, APIGatewayV2HTTPResponse.class)
                        : WIRE.readTree(answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Context context = new LocalContext(logicalId, timeout(logicalId));
        return ((RequestHandler<Object, Object>) handler).handleRequest(event, context);
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
