package vn.motcua.documents.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationDocument;
import vn.motcua.application.Dossiers;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.document.DocumentLinks;
import vn.motcua.document.Documents;
import vn.motcua.document.UploadRequest;
import vn.motcua.document.Verification;
import vn.motcua.id.IdGenerator;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.S3DocumentLinks;
import vn.motcua.storage.S3DocumentStore;

/**
 * Test fixture over the shared local stack: dossiers made through the real use case, uploads
 * through the presigned URL with java.net.http, S3 events shaped as S3 sends them.
 */
public final class Fixture {

    public static final LocalStack STACK = LocalStack.shared();
    /** The documents function's environment: tables, bucket, endpoints, credentials. */
    public static final Config CONFIG = STACK.configFor("DocumentsFunction");
    public static final String BUCKET = STACK.bucketName("DocumentsBucket");
    public static final ApplicationRepository REPOSITORY;
    public static final Dossiers DOSSIERS;
    public static final Documents DOCUMENTS;
    public static final Verification VERIFICATION;
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A minimal real PDF. */
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    /** The 8-byte PNG signature and a little more: a PNG, whatever it is declared as. */
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    static {
        AwsClients clients = new AwsClients(CONFIG);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        var enhanced = clients.enhanced(dynamoDb);
        REPOSITORY = new ApplicationRepository(dynamoDb, enhanced, CONFIG.applicationsTable());
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, CONFIG.catalogueTable()), Clock.systemUTC(),
                Duration.ofMinutes(5));
        DOSSIERS = new Dossiers(REPOSITORY, catalogue, message -> { }, notification -> { }, Clock.systemUTC(),
                IdGenerator.secure());
        S3DocumentStore store = new S3DocumentStore(clients.s3());
        DOCUMENTS = new Documents(REPOSITORY, catalogue, new S3DocumentLinks(clients.s3Presigner(), clients.s3DownloadSigner(BUCKET, java.time.Clock.systemUTC()), BUCKET), store,
                BUCKET, Clock.systemUTC(), IdGenerator.secure());
        VERIFICATION = new Verification(REPOSITORY, store);
    }

    private Fixture() {
    }

    public record Dossier(String trackingCode, String accessKey) {
    }

    /** A new DRAFT: HT-001 needs the medical birth certificate; HT-005 needs no document. */
    public static Dossier draft(String procedure) {
        String fields = switch (procedure) {
            case "HT-005" -> "{\"eventType\":\"BIRTH\",\"copies\":1}";
            case "HT-001" -> "{\"childFullName\":\"Lê Minh Châu\",\"childDateOfBirth\":\"2026-11-01\",\"childGender\":\"FEMALE\"}";
            default -> throw new IllegalArgumentException(procedure);
        };
        String id = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        String body = "{\"procedureCode\":\"" + procedure + "\",\"officeId\":\"hang-trong\",\"applicant\":{\"fullName\":"
                + "\"Lê Văn Cường\",\"idNumber\":\"" + id + "\",\"phone\":\"0901234567\"},\"fields\":" + fields + "}";
        Dossiers.Created created = DOSSIERS.create(tree(body));
        return new Dossier(created.trackingCode(), created.accessKey());
    }

    public static Documents.Announced announce(Dossier d, String type, String fileName, String contentType, long size) {
        return DOCUMENTS.announce(d.trackingCode(), java.util.Optional.of(d.accessKey()),
                new UploadRequest(type, fileName, contentType, size));
    }

    /** PUT {@code body} to a presigned URL with its signed headers (java.net.http sets Content-Length itself). */
    public static int put(DocumentLinks.Upload upload, byte[] body) {
        return put(upload, body, Map.of());
    }

    public static int put(DocumentLinks.Upload upload, byte[] body, Map<String, String> overrides) {
        Map<String, String> headers = new HashMap<>(upload.headers());
        headers.remove("Content-Length");
        headers.putAll(overrides);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        // A client per upload: the storage refuses a wrongly signed PUT (403) before reading its
        // body and drops the connection, and a pooled connection reused after that fails with
        // "header parser received no bytes" (seen once in a full build).
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<byte[]> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String key(Dossier d, String documentId) {
        return "applications/" + d.trackingCode() + "/" + documentId;
    }

    public static boolean exists(String key) {
        return STACK.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    public static Application stored(Dossier d) {
        return REPOSITORY.find(d.trackingCode()).orElseThrow();
    }

    public static ApplicationDocument document(Dossier d, String documentId) {
        return stored(d).documents().stream().filter(x -> x.documentId().equals(documentId)).findFirst().orElseThrow();
    }

    /** An S3 ObjectCreated:Put event as S3 sends it: one record, the key URL-encoded. */
    public static S3Event objectCreated(String bucket, String key) {
        String encoded = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("test"), "arn:aws:s3:::" + bucket);
        var object = new S3EventNotification.S3ObjectEntity(encoded, 1L, "etag", null, "0001");
        var s3 = new S3EventNotification.S3Entity("DocumentUploaded", bucketEntity, object, "1.0");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("ap-southeast-1", "ObjectCreated:Put",
                "aws:s3", Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("x", "y"), s3,
                new S3EventNotification.UserIdentityEntity("test"))));
    }

    public static APIGatewayV2HTTPEvent request(String method, String path, String routeKey, Map<String, String> pathParameters,
                                         Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        Map<String, String> h = new HashMap<>(headers);
        if (body != null) {
            h.putIfAbsent("content-type", "application/json");
        }
        event.setHeaders(h);
        event.setPathParameters(new HashMap<>(pathParameters));
        event.setBody(body);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withRequestId("it").build());
        return event;
    }

    public static JsonNode tree(String json) {
        try {
            return Json.tree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
