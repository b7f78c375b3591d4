package vn.motcua.snapstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.crac.Core;
import vn.motcua.log.Log;

/** Registration with CRaC, which SnapStart drives, and priming that never fails a deployment. */
public final class SnapStart {

    private static final Log LOG = Log.of(SnapStart.class);
    /** Weak, like CRaC's own context: a handler the runtime dropped is not kept alive here. */
    private static final Set<Primed> REGISTERED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private SnapStart() {
    }

    /**
     * Call from the handler's constructor. CRaC holds resources weakly; the Lambda runtime holds
     * the handler, so the handler registers itself.
     */
    public static void register(Primed function) {
        Core.getGlobalContext().register(function);
        REGISTERED.add(function);
    }

    /** Whether {@code handler} registered itself, i.e. SnapStart will prime it (the contract test asks). */
    public static boolean isRegistered(Object handler) {
        return handler instanceof Primed primed && REGISTERED.contains(primed);
    }

    /**
     * Calls {@code handler}'s Lambda entry point with {@code event} (one that makes no AWS call,
     * e.g. an empty SQS batch), its answer discarded: the reader, the handler and the writer of
     * the real path, in the snapshot.
     */
    public static void invoke(RequestStreamHandler handler, String event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code priming}; if it throws, logs and goes on. A failing {@code beforeCheckpoint} fails
     * the snapshot and so the publication of the version: a cold first request is the lesser harm.
     */
    public static void bestEffort(Primed function, Runnable priming) {
        try {
            priming.run();
        } catch (RuntimeException e) {
            // ERROR: a priming hook is written not to throw, so this is a bug to fix, not the weather.
            LOG.error("priming failed; the snapshot is taken without it", e,
                    "function", function.getClass().getSimpleName());
        }
    }
}
