package vn.motcua.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.config.Config;

/**
 * The one place SDK clients are built: explicit region, explicit credentials, the
 * url-connection HTTP client and the endpoint override. Each function builds its clients once,
 * in its constructor, so they survive across invocations and into a SnapStart snapshot.
 */
public final class AwsClients {

    private final Config config;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    public AwsClients(Config config) {
        this.config = config;
        this.region = Region.of(config.region());
        this.credentials = credentials(config);
    }

    public Config config() {
        return config;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    public DynamoDbEnhancedClient enhanced(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "SQS").build();
    }

    /** Needs software.amazon.awssdk:ses in the function's pom. */
    public SesClient ses() {
        return configure(SesClient.builder(), "SES").build();
    }

    /** Needs software.amazon.awssdk:sns in the function's pom. */
    public SnsClient sns() {
        return configure(SnsClient.builder(), "SNS").build();
    }

    public S3Client s3() {
        return configure(S3Client.builder(), "S3")
                .forcePathStyle(config.endpoint("S3").isPresent())
                .build();
    }

    /** Presigned GETs to {@code bucket} without the S3 module (see S3DownloadSigner). */
    public vn.motcua.storage.S3DownloadSigner s3DownloadSigner(String bucket, java.time.Clock clock) {
        URI bucketUrl = config.endpoint("S3")
                .map(endpoint -> URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket))
                .orElseGet(() -> URI.create("https://" + bucket + ".s3." + region.id() + ".amazonaws.com"));
        return new vn.motcua.storage.S3DownloadSigner(credentials, region.id(), bucketUrl, clock);
    }

    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.endpoint("S3").isPresent())
                        .build());
        config.endpoint("S3").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, String service) {
        builder.region(region).credentialsProvider(credentials).httpClient(httpClient());
        Optional<URI> endpoint = config.endpoint(service);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * url-connection, not AWS CRT: measured with the bench (issue 8), CRT's cold start was no
     * faster here (same CPU time within noise) and its native library adds ~2.6 MB per jar
     * even filtered to one platform.
     */
    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Sends a few representative DynamoDB requests (GetItem, Query on an index, a conditional
     * PutItem, UpdateItem, TransactWriteItems) through the SDK's whole pipeline (endpoint rules,
     * marshalling, SigV4 signing, unmarshalling) with an HTTP client that answers {@code {}}
     * from memory, so nothing leaves the JVM. For SnapStart priming; returns how many requests
     * reached the in-memory client.
     */
    public static int primeOffline() {
        OfflineHttpClient http = new OfflineHttpClient();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(Config.DEFAULT_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("prime", "prime")))
                .httpClient(http)
                .build()) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("APP#HT-001"),
                    "sk", AttributeValue.fromS("META"));
            Map<String, AttributeValue> item = Map.of("pk", key.get("pk"), "sk", key.get("sk"),
                    "n", AttributeValue.fromN("1"), "ok", AttributeValue.fromBool(true),
                    "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("a"))),
                    "doc", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
            client.getItem(r -> r.tableName("prime").key(key).consistentRead(true));
            client.query(r -> r.tableName("prime").indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("x"),
                            ":a", AttributeValue.fromS("a"), ":b", AttributeValue.fromS("b")))
                    .limit(20));
            client.putItem(r -> r.tableName("prime").item(item).conditionExpression("attribute_not_exists(pk)"));
            client.updateItem(r -> r.tableName("prime").key(key).updateExpression("SET #n = #n + :one")
                    .expressionAttributeNames(Map.of("#n", "n"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW));
            client.transactWriteItems(r -> r.transactItems(
                    t -> t.put(p -> p.tableName("prime").item(item)),
                    t -> t.conditionCheck(c -> c.tableName("prime").key(key).conditionExpression("attribute_exists(pk)"))));
        }
        return http.requests.get();
    }

    /** Answers every request with 200 and an empty JSON object, after reading its body. */
    private static final class OfflineHttpClient implements SdkHttpClient {
        private final AtomicInteger requests = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    requests.incrementAndGet();
                    request.contentStreamProvider().ifPresent(body -> {
                        try (InputStream in = body.newStream()) {
                            in.readAllBytes();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("content-type", "application/x-amz-json-1.0")
                                    .putHeader("content-length", String.valueOf(answer.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /**
     * Lambda puts the role's credentials in the environment; reading them from there directly
     * skips the default chain's probing of profiles, containers and instance metadata.
     */
    private static AwsCredentialsProvider credentials(Config config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            String id = config.accessKeyId().get();
            String secret = config.secretAccessKey().get();
            return StaticCredentialsProvider.create(config.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
