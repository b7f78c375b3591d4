package vn.motcua.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import vn.motcua.aws.AwsClients;

/**
 * SnapStart priming for the functions Lambda invokes with events (queues, S3, schedules), as
 * {@link vn.motcua.http.HttpFunction} does for the HTTP ones: before the snapshot is taken, the
 * SDK's DynamoDB pipeline runs against an in-memory HTTP client ({@link AwsClients#primeOffline()})
 * and then the function's own {@link #prime()}, so those classes are loaded and initialised in
 * the snapshot instead of on the first message after a restore.
 *
 * <p>A handler implements this and calls {@link #register} from its constructor.
 */
public interface Primed extends Resource {

    /**
     * The function's own paths (parse a sample message, load the catalogue). It may read through
     * the function's clients but never writes, and must not throw: priming is best effort.
     */
    void prime();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        AwsClients.primeOffline();
        prime();
    }

    @Override
    default void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: no connection is worth keeping across a snapshot, and credentials
        // come from the restored sandbox's environment.
    }

    /** CRaC holds resources weakly; the Lambda runtime holds the handler, so the handler registers itself. */
    static void register(Primed function) {
        Core.getGlobalContext().register(function);
    }
}
