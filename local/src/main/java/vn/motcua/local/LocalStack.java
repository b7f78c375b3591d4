package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.config.Config;
import vn.motcua.storage.CatalogueRepository;

/**
 * The embedded local stack: the emulators, every table, queue and bucket template.yaml
 * declares, the reference data from data/, and optionally the HTTP front and the event
 * sources that run the functions. Tests share one per JVM through {@link #shared()}.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * How to start. {@code port} 0 picks a free one; {@code http} false starts no front;
     * {@code clockOffset} shifts every function's clock (zero in normal use).
     */
    public record Options(Path root, Path dataDir, boolean http, int port, boolean eventSources,
                          boolean handlersFromClasspath, Duration retryDelay, Duration clockOffset) {

        public static Options forTests(Path root) {
            return new Options(root, null, false, 0, false, true, Duration.ofSeconds(1), Duration.ZERO);
        }

        public Options withHttp(int port) {
            return new Options(root, dataDir, true, port, true, handlersFromClasspath, retryDelay, clockOffset);
        }

        public Options withDataDir(Path dir) {
            return new Options(root, dir, http, port, eventSources, handlersFromClasspath, retryDelay, clockOffset);
        }

        public Options fromCodeUri() {
            return new Options(root, dataDir, http, port, eventSources, false, retryDelay, clockOffset);
        }

        /**
         * Every function's clock reads {@code now} at start and runs on from there. The offset
         * travels in whole seconds ({@code MOTCUA_CLOCK_OFFSET_SECONDS}), so it is rounded up:
         * truncated, the clock could read up to a second before {@code now} (a stack started
         * within that second once stamped a dossier 09:59:59 on a 10:00 replay).
         */
        public Options withClock(java.time.Instant now) {
            Duration offset = Duration.between(java.time.Instant.now(), now);
            long seconds = offset.getSeconds() + (offset.getNano() > 0 ? 1 : 0);
            return new Options(root, dataDir, http, port, eventSources, handlersFromClasspath, retryDelay,
                    Duration.ofSeconds(seconds));
        }
    }

    private static final vn.motcua.log.Log LOG = vn.motcua.log.Log.of(LocalStack.class);
    private static LocalStack shared;

    private final Options options;
    private final Template template;
    private final Backend emulators;
    private final Resources resources;
    private final Config adminConfig;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;
    private final Path outboxDir;
    private final Map<String, Config> configs = new ConcurrentHashMap<>();
    private final Functions functions;
    private final EventSources eventSources;
    private final HttpFront front;
    private final LocalAuth auth;

    private LocalStack(Options options) throws IOException {
        this.options = options;
        this.template = Template.load(options.root().resolve("template.yaml"));
        this.emulators = Backend.localStackRequested() ? ContainerBackend.start() : Emulators.start(options.dataDir());
        try {
            Map<String, String> env = new LinkedHashMap<>(emulators.clientEnvironment());
            this.adminConfig = new Config(env);
            AwsClients clients = new AwsClients(adminConfig);
            this.dynamoDb = clients.dynamoDb();
            this.sqs = clients.sqs();
            this.s3 = clients.s3();
            this.resources = new Resources(template, emulators);
            long t0 = System.nanoTime();
            resources.create(dynamoDb, sqs, s3);
            emulators.dataDir().ifPresent(dir -> {
                TableSnapshot.Loaded loaded = TableSnapshot.load(dynamoDb, dir.resolve("dynamodb"), resources.tableNames());
                LOG.info("tables restored", "items", loaded.items(), "notInTemplate", loaded.skipped());
            });
            emulators.dataLoaded();
            long t1 = System.nanoTime();
            seed(clients);
            verifySender(clients);
            LOG.info("resources ready", "createMs", (t1 - t0) / 1_000_000, "seedMs", (System.nanoTime() - t1) / 1_000_000);
            this.outboxDir = emulators.outboxFile().getParent();
            this.auth = LocalAuth.load(options.dataDir());
            this.functions = new Functions(template,
                    options.handlersFromClasspath() ? Functions.Source.CLASSPATH : Functions.Source.CODE_URI,
                    this::configFor);
            this.eventSources = new EventSources(template, resources, functions, sqs, s3, options.retryDelay());
            if (options.eventSources()) {
                eventSources.start();
            }
            this.front = options.http() ? new HttpFront(template, functions, auth, options.port()) : null;
        } catch (RuntimeException | IOException e) {
            try {
                emulators.close();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    public static LocalStack start(Options options) {
        try {
            return new LocalStack(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One stack per test JVM, found from the working directory (any module of the project),
     * closed when the JVM exits.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(Options.forTests(projectRoot()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-stack-stop"));
        }
        return shared;
    }

    /** The directory holding template.yaml, searched upwards from the working directory. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private void seed(AwsClients clients) {
        if (template.resourcesOfType("AWS::DynamoDB::Table").containsKey("CatalogueTable")) {
            new CatalogueRepository(clients.enhanced(dynamoDb), resources.tableName("CatalogueTable"))
                    .seed(CatalogueFiles.read(template.root().resolve("data")));
        }
    }

    /**
     * SES refuses to send from an address nobody verified, locally as in AWS (where the operator
     * verifies NotificationEmailFrom once, see docs/). The stack verifies the template's sender.
     */
    private void verifySender(AwsClients clients) {
        String from = resources.resolve(Map.of("Ref", "NotificationEmailFrom"));
        try (var ses = clients.ses()) {
            ses.verifyEmailIdentity(b -> b.emailAddress(from));
        }
    }

    /**
     * The environment a function gets: its template variables (Globals first) resolved to the
     * local resources, plus region, credentials and the emulators' endpoints.
     */
    public Config configFor(String functionLogicalId) {
        return configs.computeIfAbsent(functionLogicalId, id -> {
            Template.Function fn = template.function(id);
            Map<String, String> env = new LinkedHashMap<>();
            Template.<Object>map(Template.map(template.globalsFunction().get("Environment")).get("Variables"))
                    .forEach((k, v) -> env.put(k, resources.resolve(v)));
            fn.environment().forEach((k, v) -> env.put(k, resources.resolve(v)));
            env.remove("JAVA_TOOL_OPTIONS");
            env.putAll(emulators.clientEnvironment());
            env.put("AWS_LAMBDA_FUNCTION_NAME", id);
            if (!options.clockOffset().isZero()) {
                env.put("MOTCUA_CLOCK_OFFSET_SECONDS", Long.toString(options.clockOffset().toSeconds()));
            }
            return new Config(env);
        });
    }

    public Template template() {
        return template;
    }

    public Backend emulators() {
        return emulators;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public String tableName(String logicalId) {
        return resources.tableName(logicalId);
    }

    /**
     * How many items the table holds now, for tests proving a refusal wrote nothing. DescribeTable,
     * not a Scan: moto counts ItemCount live (DynamoDB itself refreshes it about every six hours,
     * so this is for the local stack only).
     */
    public long itemCount(String tableLogicalId) {
        return dynamoDb.describeTable(b -> b.tableName(tableName(tableLogicalId))).table().itemCount();
    }

    public String queueUrl(String logicalId) {
        return resources.queueUrl(logicalId);
    }

    public String bucketName(String logicalId) {
        return resources.bucketName(logicalId);
    }

    /** The directory of {@code outbox.jsonl}, every e-mail and SMS moto's SES and SNS accepted. */
    public Path outboxDir() {
        return outboxDir;
    }

    /** Everything moto's SES and SNS accepted so far, oldest first. */
    public List<Outbox.Sent> outbox() {
        return Outbox.read(emulators.outboxFile());
    }

    public LocalAuth auth() {
        return auth;
    }

    public Optional<URI> url() {
        return Optional.ofNullable(front).map(HttpFront::url);
    }

    /** Invokes a function with an event, as `sam local invoke` would. */
    public Object invoke(String functionLogicalId, Object event) {
        return functions.invoke(functionLogicalId, event);
    }

    /** Invokes a function (every one is a stream handler) with an event's JSON bytes, as Lambda does. */
    public byte[] invokeJson(String functionLogicalId, byte[] event) {
        return functions.invokeJson(functionLogicalId, event);
    }

    /**
     * The SQS event Lambda would deliver for messages received from the queue {@code queueLogicalId}:
     * tests that drive a consumer by hand build their batches with the same code the stack polls with.
     */
    public SQSEvent sqsEvent(String queueLogicalId, List<Message> messages) {
        return EventSources.sqsEvent(messages, resources.queueArn(queueLogicalId));
    }

    /** Runs a scheduled function now, with the event EventBridge would send it. */
    public Object runSchedule(String functionLogicalId) {
        return functions.invoke(functionLogicalId, EventSources.scheduledEvent(functionLogicalId));
    }

    /** Runs every event source once in this thread (SQS batches, new S3 objects). */
    public void pollEventSources() {
        eventSources.pollOnce();
    }

    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        if (eventSources != null) {
            eventSources.close();
        }
        emulators.close();
    }
}
