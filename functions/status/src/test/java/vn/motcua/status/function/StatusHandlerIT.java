package vn.motcua.status.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.Action;
import vn.motcua.application.Applicant;
import vn.motcua.application.Application;
import vn.motcua.application.NewApplication;
import vn.motcua.application.TrackingCode;
import vn.motcua.aws.AwsClients;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.storage.ApplicationRepository;

/** GET /applications/{trackingCode} in-process against the embedded stack. */
class StatusHandlerIT {

    static final LocalStack STACK = LocalStack.shared();
    static final Config CONFIG = STACK.configFor("StatusFunction");
    static final StatusHandler HANDLER = new StatusHandler(CONFIG);
    static final String ACCESS_KEY = IdGenerator.secure().secret();
    static final Applicant APPLICANT = new Applicant("Phạm Thị Dung", "036188001234", "+84912000111", "dung.pham@example.vn");
    static String code;

    /** A dossier that went DRAFT → SUBMITTED → RECEIVED → IN_PROGRESS with an officer's note, then marked late. */
    @BeforeAll
    static void storeADossierInProgress() {
        AwsClients clients = new AwsClients(CONFIG);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        ApplicationRepository repository = new ApplicationRepository(dynamoDb, clients.enhanced(dynamoDb), CONFIG.applicationsTable());
        CatalogueData data = CatalogueFiles.read(LocalStack.projectRoot().resolve("data"));
        var procedure = data.procedures().stream().filter(p -> p.code().equals("HT-005")).findFirst().orElseThrow();
        var office = data.offices().stream().filter(o -> o.officeId().equals("hang-trong")).findFirst().orElseThrow();
        WorkingCalendar calendar = new WorkingCalendar(Set.of());
        Instant at = LocalDateTime.parse("2026-11-20T09:00").atZone(WorkingCalendar.ZONE).toInstant();
        Application draft = Application.draft(TrackingCode.generate(IdGenerator.secure()),
                new NewApplication(procedure, office, APPLICANT, Map.of("eventType", "DEATH", "copies", 3)),
                Secrets.hash(ACCESS_KEY), at);
        assertThat(repository.createIfAbsent(draft)).isTrue();
        Application current = repository.find(draft.trackingCode()).orElseThrow();
        Application next = current.submit(at.plusSeconds(60), calendar)
                .receive(at.plusSeconds(90), 1, calendar, "Hồ sơ đã được tiếp nhận")
                .act(Action.ACCEPT, "officer-nguyen-van-b@hoankiem.gov.vn", "Đang thẩm định", at.plusSeconds(3600))
                // The daily sweep (17:05 on the due day) found it late: overdue is the stored mark.
                .markOverdue(LocalDateTime.parse("2026-11-23T17:05").atZone(WorkingCalendar.ZONE).toInstant());
        assertThat(repository.transitionIf(next, current.status(), current.version())).isPresent();
        code = draft.trackingCode();
    }

    @Test
    void thePublicViewShowsTheStatusAndHistoryButNoPersonalData() throws Exception {
        APIGatewayV2HTTPResponse response = get(code, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store");
        JsonNode view = Json.tree(response.getBody());
        assertThat(view.get("trackingCode").asText()).isEqualTo(code);
        assertThat(view.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(view.get("procedureCode").asText()).isEqualTo("HT-005");
        assertThat(view.get("procedure").get("name").get("vi").asText()).isNotBlank();
        assertThat(view.get("submittedAt").asText()).isEqualTo("2026-11-20T09:01:00+07:00");
        assertThat(view.get("receivedAt").asText()).isEqualTo("2026-11-20T09:01:30+07:00");
        assertThat(view.get("dueDate").asText()).isEqualTo("2026-11-23T17:00:00+07:00");
        // Due on 23/11/2026 at 17:00, still in progress and marked by the sweep: overdue.
        assertThat(view.get("overdue").asBoolean()).isTrue();
        assertThat(view.get("history")).hasSize(4);
        view.get("history").forEach(h -> assertThat(h.get("by").asText()).isIn("citizen", "system", "officer"));
        assertThat(view.get("history").get(3).get("note").asText()).isEqualTo("Đang thẩm định");

        assertThat(view.has("applicant")).isFalse();
        assertThat(view.has("fields")).isFalse();
        assertThat(view.has("documents")).isFalse();
        assertThat(response.getBody()).doesNotContain("Phạm", "Dung", "036188001234", "912000111", "dung.pham",
                "officer-nguyen", "accessKeyHash", Secrets.hash(ACCESS_KEY), "DEATH");
    }

    @Test
    void theFullViewWithTheAccessKeyAddsApplicantFieldsAndDocuments() throws Exception {
        APIGatewayV2HTTPResponse response = get(code.toLowerCase().replace("-", " "), ACCESS_KEY);
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode view = Json.tree(response.getBody());
        assertThat(view.get("trackingCode").asText()).isEqualTo(code);
        assertThat(view.get("applicant").get("idNumber").asText()).isEqualTo("036188001234");
        assertThat(view.get("applicant").get("email").asText()).isEqualTo("dung.pham@example.vn");
        assertThat(view.get("fields").get("copies").asInt()).isEqualTo(3);
        assertThat(view.get("documents").isArray()).isTrue();
        assertThat(response.getBody()).doesNotContain("officer-nguyen", Secrets.hash(ACCESS_KEY));
    }

    @Test
    void aWrongKeyAnUnknownCodeAndAnImpossibleCodeAreTheSame404() {
        APIGatewayV2HTTPResponse wrongKey = get(code, IdGenerator.secure().secret());
        APIGatewayV2HTTPResponse unknown = get("HN-7K3F-9QXA-M2P5-R8TK", null);
        APIGatewayV2HTTPResponse unknownWithKey = get("HN-7K3F-9QXA-M2P5-R8TK", ACCESS_KEY);
        String typo = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");
        APIGatewayV2HTTPResponse mistyped = get(typo, ACCESS_KEY);
        for (APIGatewayV2HTTPResponse r : List.of(wrongKey, unknown, unknownWithKey, mistyped)) {
            assertThat(r.getStatusCode()).isEqualTo(404);
            assertThat(r.getHeaders()).containsEntry("content-type", "application/problem+json");
            assertThat(r.getBody()).isEqualTo(wrongKey.getBody());
        }
    }

    static APIGatewayV2HTTPResponse get(String trackingCode, String accessKey) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /applications/{trackingCode}");
        event.setRawPath("/applications/" + trackingCode);
        event.setPathParameters(Map.of("trackingCode", trackingCode));
        Map<String, String> headers = new HashMap<>();
        if (accessKey != null) {
            headers.put("x-access-key", accessKey);
        }
        event.setHeaders(headers);
        return HANDLER.handleEvent(event, null);
    }
}
