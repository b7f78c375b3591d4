package vn.motcua.local;

import java.lang.reflect.Field;
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
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, S3Proxy and ElasticMQ running in this JVM, each on a free port bound to
 * 127.0.0.1 only.
 *
 * <p>With a data directory, DynamoDB Local keeps its SQLite file under {@code <dir>/dynamodb}
 * and S3Proxy keeps objects under {@code <dir>/s3} (jclouds "filesystem" blob store); without
 * one both are in memory. ElasticMQ is always in memory.
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
    private final DynamoDBProxyServer dynamo;
    private final S3Proxy s3;
    private final BlobStoreContext blobStoreContext;
    private final SQSRestServer sqs;
    private final URI dynamoDbEndpoint;
    private final URI s3Endpoint;
    private final URI sqsEndpoint;
    private final Duration startupTime;
    private boolean closed;

    private Emulators(Path dataDir, StartedDynamo dynamo, StartedS3 s3, StartedSqs sqs, Duration startupTime) {
        this.dataDir = dataDir;
        this.dynamo = dynamo.server;
        this.dynamoDbEndpoint = endpoint(dynamo.port);
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
     * @param dataDirOrNull where DynamoDB Local and S3Proxy persist their data (created if
     *                      missing), or {@code null} to keep everything in memory
     * @throws IllegalStateException if one of them fails to start (the others are stopped)
     */
    public static Emulators start(Path dataDirOrNull) {
        long t0 = System.nanoTime();
        Path dataDir = dataDirOrNull == null ? null : dataDirOrNull.toAbsolutePath();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "emulators-start");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<StartedDynamo> dynamo = CompletableFuture.supplyAsync(timed("dynamodb", () -> startDynamo(dataDir)), pool);
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
            throw new IllegalStateException("Could not start the local emulators: " + cause.getMessage(), cause);
        } finally {
            pool.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Emulators emulators = new Emulators(dataDir, dynamo.join(), s3.join(), sqs.join(), took);
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
     * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_SQS},
     * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}. (S3 clients must still be told to use path-style access.)
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return env;
    }

    /** Stops all three emulators. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            sqs.stopAndWait();
        } catch (RuntimeException e) {
            failure = e;
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
        try {
            dynamo.stop();
        } catch (Exception e) {
            failure = addFailure(failure, e);
        }
        if (failure != null) {
            throw failure;
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

    // ---------------------------------------------------------------- DynamoDB Local

    private record StartedDynamo(DynamoDBProxyServer server, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.stop();
        }
    }

    private static StartedDynamo startDynamo(Path dataDir) {
        try {
            List<String> args = new ArrayList<>();
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Path dir = Files.createDirectories(dataDir.resolve("dynamodb"));
                args.add("-dbPath");
                args.add(dir.toString());
            }
            // -sharedDb: one database whatever the client's region/credentials (like one AWS account).
            // -disableTelemetry: same as DDB_LOCAL_TELEMETRY=0; no Pinpoint client, no metadata file.
            // -port is required to be 1..65535 by the CLI parser; the connector is re-bound below.
            args.addAll(List.of("-sharedDb", "-disableTelemetry", "-port", "8000"));
            // ServerRunner.createServerFromCommandLineArgs(...) would do the same plus print a banner
            // (with the misleading "Port: 8000") on System.out.
            CommandLineInput input = new CommandLineInput(args.toArray(String[]::new));
            if (!input.init()) {
                throw new IllegalStateException("DynamoDB Local rejected its arguments " + args);
            }
            DynamoDBProxyServer server = ServerRunner.createServer(input);

            // DynamoDB Local has no "-host" option: DynamoDBProxyServer does `new Server(port)`, which
            // listens on every interface. Re-point its (not yet started) connector at 127.0.0.1 and an
            // ephemeral port. The Jetty server is a private field, hence reflection.
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(server);
            Connector[] connectors = jetty.getConnectors();
            if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector connector)) {
                throw new IllegalStateException("Unexpected DynamoDB Local connectors: " + List.of(connectors));
            }
            connector.setHost(BIND_HOST);
            connector.setPort(0);
            // safeStart() = Jetty start without the telemetry call; start() would also swallow bind errors.
            server.safeStart();
            int port = connector.getLocalPort();
            if (port <= 0) {
                server.stop();
                throw new IllegalStateException("DynamoDB Local did not bind a port");
            }
            return new StartedDynamo(server, port);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to start: " + e, e);
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
