package vn.motcua.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Fault injection at the SDK level: cancels a share of {@code TransactWriteItems} calls with the
 * reason code {@code TransactionConflict}, as DynamoDB does when another transaction holds one of
 * the items. No emulator here produces that (moto serves one request at a time), and real
 * DynamoDB does, so this is how the tests see what it does to us.
 *
 * <p>Installed for every SDK client in this JVM through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}) in the local stack's
 * jar, which no function's deployment package contains (TemplateContractTest checks that). It
 * does nothing until {@link #inject(double)} switches it on.
 *
 * <p>A cancelled call never reaches moto's TransactWriteItems: the request is turned into a
 * {@code DescribeLimits} (a read with no effect), and its answer replaced by the HTTP 400 that
 * DynamoDB sends, which the SDK unmarshals into a real {@code TransactionCanceledException}: one
 * item, chosen at random, has the code {@code TransactionConflict} and the others {@code None}.
 */
public final class TransactionConflicts implements ExecutionInterceptor {

    private static final ExecutionAttribute<Integer> CONFLICTING = new ExecutionAttribute<>("motcua.conflictingItem");
    private static final ExecutionAttribute<Integer> ITEMS = new ExecutionAttribute<>("motcua.transactItems");
    private static volatile Injection current;

    /**
     * Cancels {@code share} (0..1) of the TransactWriteItems calls made in this JVM until closed.
     * Which ones is fixed, not drawn: the n-th call is cancelled when {@code floor(n × share)}
     * steps up, so after n calls exactly {@code floor(n × share)} were (0.3: the 4th, 7th, 10th…;
     * 0.5: every other one; 1: all), and a test never depends on luck. An injection made while
     * another is on replaces it until closed.
     */
    public static synchronized Injection inject(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be within 0..1: " + share);
        }
        Injection injection = new Injection(share, current);
        current = injection;
        return injection;
    }

    /** One switch-on; {@link #close()} switches it off again. */
    public static final class Injection implements AutoCloseable {
        private final double share;
        private final Injection previous;
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger cancelled = new AtomicInteger();

        private Injection(double share, Injection previous) {
            this.share = share;
            this.previous = previous;
        }

        /** Counts the call; true if it is one to cancel. */
        private boolean cancels() {
            int n = calls.incrementAndGet();
            boolean cancel = Math.floor(n * share) > Math.floor((n - 1) * share);
            if (cancel) {
                cancelled.incrementAndGet();
            }
            return cancel;
        }

        /** TransactWriteItems calls seen while switched on (every SDK attempt counts). */
        public int calls() {
            return calls.get();
        }

        /** Of those, how many were cancelled with TransactionConflict. */
        public int cancelled() {
            return cancelled.get();
        }

        @Override
        public void close() {
            synchronized (TransactionConflicts.class) {
                if (current == this) {
                    current = previous;
                }
            }
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Injection injection = current;
        if (injection == null || !(context.request() instanceof TransactWriteItemsRequest request)) {
            return context.httpRequest();
        }
        if (!injection.cancels()) {
            return context.httpRequest();
        }
        int items = Math.max(1, request.transactItems().size());
        attributes.putAttribute(ITEMS, items);
        attributes.putAttribute(CONFLICTING, ThreadLocalRandom.current().nextInt(items));
        return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeLimits").build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(CONFLICTING) == null) {
            return context.requestBody();
        }
        return Optional.of(RequestBody.fromString("{}"));
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(CONFLICTING) == null) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
                .removeHeader("x-amzn-ErrorType")
                .removeHeader("x-amz-crc32")
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(body(attributes).length))
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(CONFLICTING) == null) {
            return context.responseBody();
        }
        return Optional.of(new ByteArrayInputStream(body(attributes)));
    }

    /** DynamoDB's answer: the reasons in the order of the request's items. */
    private static byte[] body(ExecutionAttributes attributes) {
        int items = attributes.getAttribute(ITEMS);
        int conflicting = attributes.getAttribute(CONFLICTING);
        StringJoiner codes = new StringJoiner(", ", "[", "]");
        StringJoiner reasons = new StringJoiner(",", "[", "]");
        for (int i = 0; i < items; i++) {
            boolean conflict = i == conflicting;
            codes.add(conflict ? "TransactionConflict" : "None");
            reasons.add(conflict ? "{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}"
                    : "{\"Code\":\"None\"}");
        }
        return ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons " + codes + "\","
                + "\"CancellationReasons\":" + reasons + "}").getBytes(StandardCharsets.UTF_8);
    }
}
