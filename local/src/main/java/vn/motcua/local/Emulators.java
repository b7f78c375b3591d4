package vn.motcua.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;

/**
 * The local stack's open-source emulators, each on a free port bound to 127.0.0.1 only: moto
 * (DynamoDB, SES, SNS) as a child process ({@link Moto}), S3Proxy and ElasticMQ in this JVM.
 *
 * <p>With a data directory, the tables' items are written to {@code <dir>/dynamodb} when the
 * emulators stop and loaded back by the stack when it starts ({@link TableSnapshot}: moto keeps
 * nothing on disk), S3Proxy keeps objects under {@code <dir>/s3} (jclouds "filesystem" blob
 * store) and the outbox is {@code <dir>/outbox/outbox.jsonl}; without one everything is in
 * memory and the outbox in a temporary directory. ElasticMQ is always in memory.
 *
 * <p>Clients authenticate with {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY} in
 * {@link #REGION}. S3Proxy verifies AWS signature V2 and V4 (header and presigned query), so
 * presigned URLs are really checked. S3 clients must use path-style addressing.
 *
 * <p>Usage: {@code try (Emulators e = Emulators.start(null)) { ... e.s3Endpoint() ... }}.
 * One instance per JVM is the expected use (tests create one per test JVM); several instances
 * work too, each with its own ports.
 */
public final class Emulators implements Backend {

    public static final String REGION = "ap-southeast-1";
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";
    /** Account id that ElasticMQ puts in queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";
    /** Every emulator binds to this address, never to 0.0.0.0. */
    public static final String BIND_HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Emulators.class);

    private final Path dataDir;
    private final Moto moto;
    private final Path outbox;
    private final S3Proxy s3;
    private final BlobStoreContext blobStoreContext;
    private final SQSRestServer sqs;
    private final URI dynamoDbEndpoint;
    private final URI s3Endpoint;
    private final URI sqsEndpoint;
    private final Duration startupTime;
    private boolean closed;
    private volatile boolean saveOnClose;

    private Emulators(Path dataDir, Path outbox, Moto moto, StartedS3 s3, StartedSqs sqs, Duration startupTime) {
        this.dataDir = dataDir;
        this.outbox = outbox;
        this.moto = moto;
        this.dynamoDbEndpoint = moto.endpoint();
        this.s3 = s3.proxy;
        this.blobStoreContext = s3.context;
        this.s3Endpoint = endpoint(s3.port);
        this.sqs = sqs.server;
        this.sqsEndpoint = endpoint(sqs.port);
        this.startupTime = startupTime;
    }

    /**
     * Starts the three emulators (in parallel) and returns once all of them accept connections.
     *
     * @param dataDirOrNull where tables, objects and the outbox persist (created if missing), or
     *                      {@code null} to keep everything in memory
     * @throws Moto.Unavailable if Python 3 or moto is missing (nothing is left running)
     * @throws IllegalStateException if one of them fails to start (the others are stopped)
     */
    public static Emulators start(Path dataDirOrNull) {
        long t0 = System.nanoTime();
        Path dataDir = dataDirOrNull == null ? null : dataDirOrNull.toAbsolutePath();
        Path outbox = outboxFile(dataDir);
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "emulators-start");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Moto> dynamo = CompletableFuture.supplyAsync(timed("moto", () -> Moto.start(outbox)), pool);
        CompletableFuture<StartedS3> s3 = CompletableFuture.supplyAsync(timed("s3", () -> startS3(dataDir)), pool);
        CompletableFuture<StartedSqs> sqs = CompletableFuture.supplyAsync(timed("sqs", Emulators::startSqs), pool);
        try {
            CompletableFuture.allOf(dynamo, s3, sqs).join();
        } catch (CompletionException e) {
            // Stop whatever did start, then report the first failure.
            List<AutoCloseable> started = new ArrayList<>();
            dynamo.thenAccept(started::add);
            s3.thenAccept(started::add);
            sqs.thenAccept(started::add);
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Moto.Unavailable unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("Could not start the local emulators: " + cause.getMessage(), cause);
        } finally {
            pool.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Emulators emulators = new Emulators(dataDir, outbox, dynamo.join(), s3.join(), sqs.join(), took);
        LOG.info("Emulators started in {} ms: dynamodb={} s3={} sqs={}", took.toMillis(),
                emulators.dynamoDbEndpoint, emulators.s3Endpoint, emulators.sqsEndpoint);
        return emulators;
    }

    private static <T> Supplier<T> timed(String name, Supplier<T> start) {
        return () -> {
            long t0 = System.nanoTime();
            T started = start.get();
            LOG.debug("{} started in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
            return started;
        };
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** moto's endpoint for SES and SNS too: one process plays all three. */
    public URI sesEndpoint() {
        return dynamoDbEndpoint;
    }

    public URI snsEndpoint() {
        return dynamoDbEndpoint;
    }

    /** Where every e-mail and SMS moto accepted is mirrored, a JSON object a line. */
    @Override
    public Path outboxFile() {
        return outbox;
    }

    @Override
    public void dataLoaded() {
        saveOnClose = dataDir != null;
    }

    /** moto's process id. */
    public long motoPid() {
        return moto.pid();
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public String region() {
        return REGION;
    }

    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    public String accountId() {
        return ACCOUNT_ID;
    }

    /** The data directory given to {@link #start(Path)}, empty when running in memory. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Wall-clock time {@link #start(Path)} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The standard AWS SDK / CLI environment variables that point a client at these emulators:
     * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code _S3}, {@code _SQS}, {@code _SES}, {@code _SNS},
     * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}. (S3 clients must still be told to use path-style access.)
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_SES", sesEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", snsEndpoint().toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return env;
    }

    /**
     * Stops all three emulators, the tables first written to the data directory if there is one
     * and the stack has loaded it ({@link #dataLoaded()}). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (saveOnClose) {
            try (DynamoDbClient dynamo = new AwsClients(new Config(clientEnvironment())).dynamoDb()) {
                long items = TableSnapshot.save(dynamo, dataDir.resolve("dynamodb"));
                LOG.info("Tables saved to {}: {} items", dataDir.resolve("dynamodb"), items);
            } catch (RuntimeException e) {
                failure = addFailure(null, e);
            }
        }
        // moto first: it is a process of its own, and nothing else may keep it alive.
        try {
            moto.close();
        } catch (RuntimeException e) {
            failure = addFailure(failure, e);
        }
        try {
            s3.stop();
        } catch (Exception e) {
            failure = addFailure(failure, e);
        }
        try {
            blobStoreContext.close();
        } catch (RuntimeException e) {
            failure = addFailure(failure, e);
        }
        stopSqs();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * ElasticMQ's stopAndWait waits for its actor system to terminate, and during JVM shutdown
     * (Ctrl-C, SIGTERM) that can wait for ever: Pekko's own shutdown hook runs beside ours. It gets
     * 5 s; its queues are in memory and die with the JVM anyway.
     */
    private void stopSqs() {
        Thread stop = new Thread(() -> {
            try {
                sqs.stopAndWait();
            } catch (RuntimeException e) {
                LOG.warn("ElasticMQ did not stop cleanly: {}", e.toString());
            }
        }, "elasticmq-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            LOG.warn("ElasticMQ had not stopped after 5 s; leaving it to the JVM's exit");
        }
    }

    private static RuntimeException addFailure(RuntimeException failure, Exception e) {
        if (failure == null) {
            return new IllegalStateException("Could not stop the local emulators cleanly", e);
        }
        failure.addSuppressed(e);
        return failure;
    }

    private static URI endpoint(int port) {
        return URI.create("http://" + BIND_HOST + ":" + port);
    }

    private static Path outboxFile(Path dataDir) {
        try {
            Path dir = dataDir != null ? Files.createDirectories(dataDir.resolve("outbox"))
                    : Files.createTempDirectory("motcua-outbox");
            Path file = dir.resolve("outbox.jsonl");
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the outbox", e);
        }
    }

    // ---------------------------------------------------------------- S3Proxy

    private record StartedS3(S3Proxy proxy, BlobStoreContext context, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                proxy.stop();
            } finally {
                context.close();
            }
        }
    }

    private static StartedS3 startS3(Path dataDir) {
        BlobStoreContext context = null;
        try {
            Properties jclouds = new Properties();
            // SDK clients in a region other than us-east-1 send <LocationConstraint>ap-southeast-1</...>
            // on CreateBucket; S3Proxy refuses any location its blob store doesn't list. Declaring the
            // region makes jclouds' local stores list it as an assignable location.
            jclouds.setProperty("jclouds.regions", REGION);
            String provider;
            if (dataDir == null) {
                provider = "transient";
            } else {
                provider = "filesystem";
                Path dir = Files.createDirectories(dataDir.resolve("s3"));
                jclouds.setProperty("jclouds.filesystem.basedir", dir.toString());
            }
            context = ContextBuilder.newBuilder(provider)
                    .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                    .overrides(jclouds)
                    .modules(List.of(new SLF4JLoggingModule()))
                    .build(BlobStoreContext.class);

            Properties props = new Properties();
            props.setProperty("s3proxy.endpoint", "http://" + BIND_HOST + ":0");
            props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            props.setProperty("s3proxy.identity", ACCESS_KEY_ID);
            props.setProperty("s3proxy.credential", SECRET_ACCESS_KEY);
            props.setProperty("s3proxy.cors-allow-all", "true");
            // Document uploads sign `x-amz-tagging: state=pending` (the bucket's lifecycle expires
            // unconfirmed uploads by that tag). S3Proxy implements no tagging and would answer 501 to
            // the header; ignoring it keeps the upload working, and the header is still checked as
            // part of the V4 signature.
            props.setProperty("s3proxy.ignore-unknown-headers", "true");
            S3Proxy proxy = S3Proxy.Builder.fromProperties(props)
                    .blobStore(context.getBlobStore())
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start; state " + proxy.getState());
                }
                Thread.sleep(5);
            }
            return new StartedS3(proxy, context, proxy.getPort());
        } catch (Exception e) {
            if (context != null) {
                context.close();
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("S3Proxy failed to start: " + e, e);
        }
    }

    // ---------------------------------------------------------------- ElasticMQ

    private record StartedSqs(SQSRestServer server, int port) implements AutoCloseable {
        @Override
        public void close() {
            server.stopAndWait();
        }
    }

    private static StartedSqs startSqs() {
        // withDynamicPort() binds port 0 and (generateServerAddress) rewrites the node address, so
        // queue URLs carry the real port: http://127.0.0.1:<port>/000000000000/<queue>.
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(BIND_HOST)
                .withDynamicPort()
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        try {
            Http.ServerBinding binding = server.waitUntilStarted();
            return new StartedSqs(server, binding.localAddress().getPort());
        } catch (RuntimeException e) {
            try {
                server.stopAndWait();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Emulators[dynamodb=" + dynamoDbEndpoint + ", s3=" + s3Endpoint + ", sqs=" + sqsEndpoint
                + ", dataDir=" + (dataDir == null ? "in-memory" : dataDir) + "]";
    }
}
