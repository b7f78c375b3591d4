package vn.motcua.snapstart;

import org.crac.Context;
import org.crac.Resource;
import vn.motcua.aws.AwsClients;

/**
 * A function SnapStart primes: before the snapshot is taken, the SDK's DynamoDB pipeline runs
 * against an in-memory HTTP client ({@link AwsClients#primeOffline()}) and then the function's
 * own {@link #prime()}, so those classes are loaded and initialised in the snapshot instead of on
 * the first request or message after a restore. Every function is one: {@link
 * vn.motcua.http.HttpFunction} (which first runs its HTTP request path) and each SQS, S3 and
 * schedule handler, which implements this and calls {@link SnapStart#register} from its
 * constructor.
 */
public interface Primed extends Resource {

    /**
     * The function's own paths (parse a sample message, load the catalogue). It may read through
     * the function's clients but never writes. Priming is best effort: whatever it throws is
     * logged and the snapshot is taken all the same ({@link SnapStart#bestEffort}).
     */
    void prime();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        SnapStart.bestEffort(this, () -> {
            AwsClients.primeOffline();
            prime();
        });
    }

    @Override
    default void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: no connection is worth keeping across a snapshot, and credentials
        // come from the restored sandbox's environment.
    }
}
