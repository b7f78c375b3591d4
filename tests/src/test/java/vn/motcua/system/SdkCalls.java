package vn.motcua.system;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the AWS calls the calling thread makes while a test runs an action: one entry per
 * request, SDK retries not counted. Registered for every SDK client of the test JVM through the
 * SDK's global interceptor file, so handlers are measured exactly as they are wired.
 */
public final class SdkCalls implements ExecutionInterceptor {

    /** One request: service, operation, and whether its client names an endpoint (the local stack's). */
    record Call(String service, String operation, boolean toTheStack) {
    }

    private static final ThreadLocal<List<Call>> RECORDING = new ThreadLocal<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Call> calls = RECORDING.get();
        if (calls != null) {
            calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    Boolean.TRUE.equals(attributes.getAttribute(SdkExecutionAttribute.ENDPOINT_OVERRIDDEN))));
        }
    }

    /** The DynamoDB operations {@code action} made on this thread, in order. */
    static List<String> dynamoDbDuring(Runnable action) {
        return record(action).stream().filter(c -> "DynamoDb".equals(c.service())).map(Call::operation).toList();
    }

    /**
     * Every call {@code action} sent to the local stack, as "Service.Operation" (e.g.
     * "DynamoDb.Query", "Sqs.SendMessage"): not those of SnapStart priming's in-memory client
     * ({@code AwsClients.primeOffline}), which names no endpoint and never leaves the JVM.
     */
    static List<String> toTheStackDuring(Runnable action) {
        return record(action).stream().filter(Call::toTheStack).map(c -> c.service() + "." + c.operation()).toList();
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
