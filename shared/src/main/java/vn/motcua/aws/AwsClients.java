package vn.motcua.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
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
