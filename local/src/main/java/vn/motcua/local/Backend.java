package vn.motcua.local;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the AWS-compatible services run: the open-source emulators (the default) or LocalStack in
 * Docker ({@code -Plocalstack}). Everything above this line — resources from template.yaml,
 * seeding, functions, tests — is written once for both.
 */
public interface Backend extends AutoCloseable {

    URI dynamoDbEndpoint();

    URI s3Endpoint();

    URI sqsEndpoint();

    String region();

    String accountId();

    /** AWS_REGION, credentials and AWS_ENDPOINT_URL_* for SDK clients pointed at this backend. */
    Map<String, String> clientEnvironment();

    Duration startupTime();

    Optional<java.nio.file.Path> dataDir();

    /**
     * The stack has loaded the data directory's tables: from now on a stop writes them back. Until
     * then (a start that failed half-way) it must not, or it would overwrite the snapshot with
     * what little was loaded.
     */
    default void dataLoaded() {
    }

    /** The file every e-mail and SMS the backend accepted is mirrored to, a JSON object a line. */
    java.nio.file.Path outboxFile();

    @Override
    void close();

    /** True when the build asked for LocalStack (the -Plocalstack profile sets it). */
    static boolean localStackRequested() {
        return "localstack".equals(System.getProperty("motcua.backend"));
    }
}
