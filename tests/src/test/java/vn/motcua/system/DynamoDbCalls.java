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

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<String> calls = RECORDING.get();
        if (calls != null && "DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** The DynamoDB operations {@code action} made on this thread, in order. */
    static List<String> during(Runnable action) {
        List<String> calls = new ArrayList<>();
        RECORDING.set(calls);
        try {
            action.run();
        } finally {
            RECORDING.remove();
        }
        return calls;
    }
}
