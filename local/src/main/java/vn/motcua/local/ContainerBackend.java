package vn.motcua.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in Docker through Testcontainers, for {@code mvn -Plocalstack verify}. Testcontainers
 * is only on the class path in that profile; nothing else loads this class.
 */
final class ContainerBackend implements Backend {

    static final String IMAGE = System.getProperty("motcua.localstack.image", "localstack/localstack:4.4");

    private final LocalStackContainer container;
    private final Duration startupTime;
    private final Path outbox;

    private ContainerBackend(LocalStackContainer container, Duration startupTime) {
        this.container = container;
        this.startupTime = startupTime;
        try {
            this.outbox = java.nio.file.Files.createTempFile("motcua-outbox", ".jsonl");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerBackend start() {
        long started = System.nanoTime();
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices("dynamodb", "s3", "sqs", "ses", "sns");
        container.start();
        return new ContainerBackend(container, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public URI dynamoDbEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI s3Endpoint() {
        return container.getEndpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return container.getEndpoint();
    }

    @Override
    public String region() {
        return container.getRegion();
    }

    @Override
    public String accountId() {
        return "000000000000";
    }

    @Override
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region());
        env.put("AWS_DEFAULT_REGION", region());
        env.put("AWS_ACCESS_KEY_ID", container.getAccessKey());
        env.put("AWS_SECRET_ACCESS_KEY", container.getSecretKey());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SES", container.getEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", container.getEndpoint().toString());
        return env;
    }

    @Override
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public Optional<Path> dataDir() {
        return Optional.empty();
    }

    /**
     * LocalStack keeps what SES and SNS accepted behind its own endpoints, not in a file: the
     * outbox stays empty there, and the tests that read it run on the default emulators.
     */
    @Override
    public Path outboxFile() {
        return outbox;
    }

    @Override
    public void close() {
        container.stop();
    }
}
