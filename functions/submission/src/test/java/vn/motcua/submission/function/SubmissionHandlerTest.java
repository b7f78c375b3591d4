package vn.motcua.submission.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import vn.motcua.application.Dossiers;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.json.Json;
import vn.motcua.storage.ApplicationRepository;

/**
 * The create route without an emulator: the catalogue comes from data/, DynamoDB is a recorder
 * that fails on anything but PutItem. Proves that bad input is refused before any call.
 */
class SubmissionHandlerTest {

    static final String VALID = """
            {"procedureCode":"HT-005","officeId":"hang-trong",
             "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001099012345","phone":"0912345678"},
             "fields":{"eventType":"BIRTH","registrationNumber":"123/2020","registrationDate":"2020-05-14","copies":2}}
            """;

    final RecordingDynamoDb dynamoDb = new RecordingDynamoDb();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    final SubmissionHandler handler = handler();

    SubmissionHandler handler() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb.client).build();
        Catalogue catalogue = new Catalogue(() -> CatalogueFiles.read(Path.of("../../data")), clock, Duration.ofHours(1));
        Dossiers dossiers = new Dossiers(new ApplicationRepository(dynamoDb.client, enhanced, "ApplicationsTable"),
                catalogue, m -> { throw new AssertionError("no intake here"); },
                n -> { throw new AssertionError("no notification here"); }, clock, IdGenerator.seeded(7));
        return new SubmissionHandler(dossiers, new Idempotency(enhanced, "IdempotencyTable", clock, IdGenerator.seeded(8)));
    }

    static APIGatewayV2HTTPEvent post(String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /applications");
        event.setRawPath("/applications");
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json"));
        h.putAll(headers);
        event.setHeaders(h);
        event.setBody(body);
        return event;
    }

    @Test
    void aValidCreateIsOneConditionalPutAndA201WithLocation() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleEvent(post(VALID, Map.of()), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = Json.tree(response.getBody());
        String code = body.get("trackingCode").asText();
        assertThat(response.getHeaders()).containsEntry("location", "/applications/" + code);
        assertThat(body.get("status").asText()).isEqualTo("DRAFT");
        assertThat(body.get("accessKey").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(body.get("requiredDocuments").isArray()).isTrue();

        assertThat(dynamoDb.puts()).singleElement().satisfies(put -> {
            assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(trackingCode)");
            assertThat(put.item().get("trackingCode").s()).isEqualTo(code);
            String doc = put.item().get("doc").s();
            assertThat(doc).doesNotContain(body.get("accessKey").asText())
                    .contains(Secrets.hash(body.get("accessKey").asText()));
            assertThat(put.item()).doesNotContainKey("queueKey").containsKey("expiresAt");
        });
    }

    static List<Arguments> badBodies() {
        String valid = VALID;
        List<Arguments> corpus = new ArrayList<>();
        corpus.add(Arguments.of("truncated JSON", "{\"procedureCode\":", 400));
        corpus.add(Arguments.of("not JSON", "procedureCode=HT-005", 400));
        corpus.add(Arguments.of("empty body", "", 400));
        corpus.add(Arguments.of("JSON null", "null", 400));
        corpus.add(Arguments.of("an array", "[]", 400));
        corpus.add(Arguments.of("a number", "42", 400));
        corpus.add(Arguments.of("trailing garbage", valid + "}", 400));
        corpus.add(Arguments.of("empty object", "{}", 400));
        corpus.add(Arguments.of("procedure code is a number", valid.replace("\"HT-005\"", "5"), 400));
        corpus.add(Arguments.of("applicant is a string", "{\"procedureCode\":\"HT-005\",\"officeId\":\"hang-trong\",\"applicant\":\"me\"}", 400));
        corpus.add(Arguments.of("fields is an array", valid.replace("\"fields\":{", "\"fields\":[{").replace("}}", "}]}"), 400));
        corpus.add(Arguments.of("number as string", valid.replace("\"copies\":2", "\"copies\":\"2\""), 400));
        corpus.add(Arguments.of("infinite number", valid.replace("\"copies\":2", "\"copies\":1e400"), 400));
        corpus.add(Arguments.of("negative number", valid.replace("\"copies\":2", "\"copies\":-2"), 400));
        corpus.add(Arguments.of("fractional count as a string", valid.replace("\"copies\":2", "\"copies\":\"2.5\""), 400));
        corpus.add(Arguments.of("missing required form field", valid.replace(",\"copies\":2", ""), 400));
        corpus.add(Arguments.of("impossible date", valid.replace("2020-05-14", "2020-02-30"), 400));
        corpus.add(Arguments.of("enum value not allowed", valid.replace("BIRTH", "birth"), 400));
        corpus.add(Arguments.of("missing applicant phone", valid.replace(",\"phone\":\"0912345678\"", ""), 400));
        corpus.add(Arguments.of("11-digit citizen id", valid.replace("001099012345", "00109901234"), 400));
        corpus.add(Arguments.of("landline phone", valid.replace("0912345678", "02438256789"), 400));
        corpus.add(Arguments.of("NUL in name", valid.replace("Nguyễn Văn An", "Nguyễn\\u0000An"), 400));
        corpus.add(Arguments.of("newline in name", valid.replace("Nguyễn Văn An", "Nguyễn\\nAn"), 400));
        corpus.add(Arguments.of("right-to-left override", valid.replace("Nguyễn Văn An", "Nguyễn\\u202eAn"), 400));
        corpus.add(Arguments.of("lone surrogate", valid.replace("Nguyễn Văn An", "Nguyễn\\ud800An"), 400));
        corpus.add(Arguments.of("unknown top-level field", valid.replace("{\"procedureCode\"", "{\"status\":\"APPROVED\",\"procedureCode\""), 400));
        corpus.add(Arguments.of("unknown form field", valid.replace("\"eventType\"", "\"isAdmin\":true,\"eventType\""), 400));
        corpus.add(Arguments.of("path trick in office id", valid.replace("hang-trong", "../../hang-trong"), 400));
        corpus.add(Arguments.of("deep nesting", "{\"fields\":" + "[".repeat(100) + "]".repeat(100) + "}", 413));
        corpus.add(Arguments.of("100 KB string", valid.replace("Nguyễn Văn An", "A".repeat(100_000)), 413));
        corpus.add(Arguments.of("10 MB string", valid.replace("Nguyễn Văn An", "A".repeat(10 * 1024 * 1024)), 413));
        corpus.add(Arguments.of("unknown procedure", valid.replace("HT-005", "XX-999"), 404));
        corpus.add(Arguments.of("unknown office", valid.replace("hang-trong", "dong-da"), 404));
        corpus.add(Arguments.of("office does not receive procedure", valid.replace("hang-trong", "so-tu-phap"), 422));
        return corpus;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void everyBadBodyIsAProblemAndTouchesNoTable(String what, String body, int status) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleEvent(post(body, Map.of()), null);
        assertThat(response.getStatusCode()).as(what).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = Json.tree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://motcua.vn/problems/");
        assertThat(response.getBody().length()).isLessThan(4096);
        assertThat(dynamoDb.calls).as("DynamoDB calls for " + what).isEmpty();
    }

    @Test
    void aWrongContentTypeIs415() {
        APIGatewayV2HTTPResponse response = handler.handleEvent(post(VALID, Map.of("content-type", "text/plain")), null);
        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(dynamoDb.calls).isEmpty();
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIs400() {
        APIGatewayV2HTTPEvent event = post("%%%not-base64%%%", Map.of());
        event.setIsBase64Encoded(true);
        assertThat(handler.handleEvent(event, null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPEvent encoded = post(Base64.getEncoder().encodeToString(VALID.getBytes(StandardCharsets.UTF_8)), Map.of());
        encoded.setIsBase64Encoded(true);
        assertThat(handler.handleEvent(encoded, null).getStatusCode()).isEqualTo(201);
    }

    @Test
    void aMalformedIdempotencyKeyIs400BeforeAnyWrite() {
        APIGatewayV2HTTPResponse response = handler.handleEvent(post(VALID, Map.of("idempotency-key", "bad key with spaces")), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(dynamoDb.calls).isEmpty();
    }

    @Test
    void servesExactlyTheTemplatesRoutes() {
        assertThat(handler.routeKeys()).containsExactlyInAnyOrder("POST /applications",
                "POST /applications/{trackingCode}/submit", "POST /applications/{trackingCode}/withdraw",
                "POST /applications/{trackingCode}/rating");
    }

    @Test
    void anImpossibleTrackingCodeIs404WithoutALookup() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /applications/{trackingCode}/submit");
        event.setRawPath("/applications/HN-7K3F-9QXA-M2P5-R8T4/submit");
        event.setPathParameters(Map.of("trackingCode", "HN-7K3F-9QXA-M2P5-R8T4"));
        event.setHeaders(Map.of("x-access-key", "whatever"));
        assertThat(handler.handleEvent(event, null).getStatusCode()).isEqualTo(404);
        assertThat(dynamoDb.calls).isEmpty();
    }
}
