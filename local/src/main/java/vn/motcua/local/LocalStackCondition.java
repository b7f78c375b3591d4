package vn.motcua.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * With -Plocalstack on a machine without Docker, skips every test with a clear reason instead
 * of failing: the suite is the same, only the backend is missing. Registered through JUnit's
 * extension auto-detection, which only the localstack profile switches on.
 */
public final class LocalStackCondition implements ExecutionCondition {

    private static volatile Boolean docker;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Backend.localStackRequested()) {
            return ConditionEvaluationResult.enabled("embedded emulators");
        }
        if (docker == null) {
            docker = ContainerBackend.dockerAvailable();
            if (!docker) {
                System.err.println("[motcua] -Plocalstack: no Docker engine here, so the LocalStack suite is SKIPPED. "
                        + "Run it where Docker runs; `mvn -B verify` covers the same suite on the embedded emulators.");
            }
        }
        return docker ? ConditionEvaluationResult.enabled("LocalStack in Docker")
                : ConditionEvaluationResult.disabled("-Plocalstack needs Docker, and no Docker engine answers here");
    }
}
