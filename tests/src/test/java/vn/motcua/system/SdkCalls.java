package vn.motcua.system;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the DynamoDB operations the calling thread makes while {@link #during} runs: one entry
 * per request, SDK retries not counted. Registered for every SDK client of the test JVM through
 * the SDK's global interceptor file, so handlers are measured exactly as they are wired.
 */
public final class DynamoDbCalls implements ExecutionInterceptor {

    /** One request: its operation, and whether its client names an endpoint (the local stack's). */
    record Call(String operation, boolean toTheStack) {
    }

    private static final ThreadLocal<List<Call>> RECORDING = new ThreadLocal<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Call> calls = RECORDING.get();
        if (calls != null && "DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    Boolean.TRUE.equals(attributes.getAttribute(SdkExecutionAttribute.ENDPOINT_OVERRIDDEN))));
        }
    }

    /** The DynamoDB operations {@code action} made on this thread, in order. */
    static List<String> during(Runnable action) {
        return record(action).stream().map(Call::operation).toList();
    }

    /**
     * Only the operations sent to the local stack: not those of SnapStart priming's in-memory
     * client ({@code AwsClients.primeOffline}), which names no endpoint and never leaves the JVM.
     */
    static List<String> toTheStackDuring(Runnable action) {
        return record(action).stream().filter(Call::toTheStack).map(Call::operation).toList();
    }

    private static List<Call> record(Runnable action) {
        List<Call> calls = new ArrayList<>();
        RECORDING.set(calls);
        try {
            action.run();
        } finally {
            RECORDING.remove();
        }
        return calls;
    }
}
