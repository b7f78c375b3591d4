package vn.motcua.storage;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;

/**
 * TransactWriteItems with the two outcomes a caller cares about: written, or a condition failed
 * (which item is the caller's to interpret). A cancellation caused only by another transaction on
 * the same items (TransactionConflict, e.g. two decisions adding to the same monthly counter) wrote
 * nothing and is retried with jitter. Each attempt has its own ClientRequestToken, so the SDK's own
 * retries of one attempt are idempotent.
 */
final class Transactions {

    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    private static final int MAX_ATTEMPTS = 10;
    private static final Log LOG = Log.of(Transactions.class);

    private Transactions() {
    }

    /** True if written; false if a condition failed ({@code reasons} tells which). */
    static boolean write(DynamoDbClient client, List<TransactWriteItem> items, List<CancellationReason> reasons) {
        return write(client, items, () -> UUID.randomUUID().toString(), reasons);
    }

    /** {@link #write(DynamoDbClient, List, List)} with the request tokens from {@code tokens}. */
    static boolean write(DynamoDbClient client, List<TransactWriteItem> items, Supplier<String> tokens,
                         List<CancellationReason> reasons) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String token = tokens.get();
            try {
                client.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token));
                return true;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> got = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (got.stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()))) {
                    reasons.addAll(got);
                    return false;
                }
                if (got.stream().noneMatch(r -> CONFLICT.equals(r.code()))) {
                    throw e;
                }
                LOG.info("transaction conflict, retrying", "attempt", attempt);
                pause(attempt);
            }
        }
        throw new ApiProblem(503, "busy", "Service busy", "Too many requests are changing the same items at once; try again in a moment");
    }

    static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * Math.min(attempt, 5) + 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "busy", "Service busy", "Interrupted while retrying a write");
        }
    }
}
