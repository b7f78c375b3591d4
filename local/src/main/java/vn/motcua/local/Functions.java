package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
 */
final class Functions {

    enum Source { CODE_URI, CLASSPATH }

    private final Template template;
    private final Source source;
    private final Function<String, Config> configs;
    private final Map<String, RequestHandler<Object, Object>> handlers = new ConcurrentHashMap<>();

    Functions(Template template, Source source, Function<String, Config> configs) {
        this.template = template;
        this.source = source;
        this.configs = configs;
    }

    @SuppressWarnings("unchecked")
    Object invoke(String logicalId, Object event) {
        RequestHandler<Object, Object> handler = handlers.computeIfAbsent(logicalId, this::load);
        Context context = new LocalContext(logicalId, timeout(logicalId));
        return handler.handleRequest(event, context);
    }

    private int timeout(String logicalId) {
        Object own = template.function(logicalId).properties().get("Timeout");
        Object global = template.globalsFunction().get("Timeout");
        return Integer.parseInt(String.valueOf(own != null ? own : global != null ? global : 3));
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> load(String logicalId) {
        Template.Function fn = template.function(logicalId);
        try {
            ClassLoader loader = source == Source.CLASSPATH
                    ? Thread.currentThread().getContextClassLoader()
                    : jarLoader(fn);
            Class<?> type = Class.forName(fn.handlerClass(), true, loader);
            Constructor<?> constructor = type.getConstructor(Config.class);
            return (RequestHandler<Object, Object>) constructor.newInstance(configs.apply(logicalId));
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
