package vn.motcua.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A conditional item a repository writes first in the same TransactWriteItems as its own change,
 * e.g. the idempotency record of the request ({@link vn.motcua.idempotency.Idempotency}): both
 * are written or neither. If the guard's condition fails, the repository throws what
 * {@code refusal} makes of its cancellation reason (which holds the item that stood in the way
 * when the guard asks for ALL_OLD).
 */
public record Guard(TransactWriteItem item, Function<CancellationReason, RuntimeException> refusal) {

    /** {@code items} with the guard first (it is the one reported first); {@code items} alone without one. */
    static List<TransactWriteItem> first(Guard guard, List<TransactWriteItem> items) {
        if (guard == null) {
            return items;
        }
        List<TransactWriteItem> all = new ArrayList<>(items.size() + 1);
        all.add(guard.item());
        all.addAll(items);
        return all;
    }

    /** Throws the guard's refusal if its condition is what failed. */
    static void check(Guard guard, List<CancellationReason> reasons) {
        if (guard != null && Transactions.failed(reasons, 0)) {
            throw guard.refusal().apply(reasons.get(0));
        }
    }

    /** Where the caller's own item {@code index} sits in the transaction. */
    static int offset(Guard guard, int index) {
        return guard == null ? index : index + 1;
    }
}
