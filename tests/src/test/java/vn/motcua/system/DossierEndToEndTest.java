package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Holiday;
import vn.motcua.json.Json;
import vn.motcua.local.Outbox;

/**
 * A dossier's life over real HTTP, with the local stack running the intake and notifications
 * functions from their jars off the real queues: create → submit → RECEIVED with its due date
 * → the notification in the outbox. (The due-date arithmetic across weekends, holidays and Tết
 * is pinned with a controlled clock in IntakeIT and WorkingCalendarTest; here the clock is real.)
 */
class DossierEndToEndTest {

    static final String BODY = """
            {"procedureCode":"CT-003","officeId":"hang-trong",
             "applicant":{"fullName":"Đỗ Quang Huy","idNumber":"001203009876","phone":"0389 123 456"},
             "fields":{"absenceFrom":"2026-12-01","absenceTo":"2026-12-20","destination":"Đà Nẵng","reason":"%s"}}
            """;

    @Test
    void createSubmitAndWithinSecondsThePublicViewShowsReceivedWithADueDateAndTheOutboxHasTheNotification()
            throws Exception {
        String reason = reasonValue();
        HttpResponse<String> created = post("/applications", BODY.formatted(reason), "idempotency-key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Json.tree(created.body());
        String code = body.get("trackingCode").asText();
        String key = body.get("accessKey").asText();
        assertThat(created.headers().firstValue("location")).contains("/applications/" + code);
        assertThat(body.get("status").asText()).isEqualTo("DRAFT");

        HttpResponse<String> submitted = post("/applications/" + code + "/submit", "", "x-access-key", key);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);

        JsonNode view = awaitStatus(code, "RECEIVED", Duration.ofSeconds(20));
        OffsetDateTime receivedAt = OffsetDateTime.parse(view.get("receivedAt").asText());
        WorkingCalendar calendar = new WorkingCalendar(CatalogueFiles.read(TemplateContractTest.ROOT.resolve("data"))
                .holidays().stream().map(Holiday::localDate).collect(Collectors.toSet()));
        // CT-003 takes 1 working day: 17:00 Hanoi time on the next working day after receipt.
        assertThat(view.get("dueDate").asText())
                .isEqualTo(WorkingCalendar.format(calendar.dueDate(receivedAt.toInstant(), 1)))
                .endsWith("T17:00:00+07:00");
        LocalDate due = OffsetDateTime.parse(view.get("dueDate").asText()).toLocalDate();
        assertThat(calendar.isWorkingDay(due)).isTrue();
        assertThat(due).isAfter(receivedAt.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate());
        assertThat(view.get("history")).extracting(h -> h.get("to").asText())
                .containsExactly("DRAFT", "SUBMITTED", "RECEIVED");
        assertThat(view.has("applicant")).isFalse();
        assertThat(view.toString()).doesNotContain("Đỗ Quang Huy", "001203009876", "389123456", "Đà Nẵng");

        String dueText = due.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        List<Outbox.Sent> sent = awaitOutbox(code, 2, Duration.ofSeconds(20));
        assertThat(sent).extracting(Outbox.Sent::body).contains(
                "Hồ sơ " + code + " đã được tiếp nhận. Hạn trả kết quả: " + dueText + ".");
        assertThat(sent).allSatisfy(n -> {
            assertThat(n.to()).isEqualTo("+84389123456");
            assertThat(n.channel()).isEqualTo("SMS");
        });
    }

    @Test
    void aBodyOverTheLimitIs413AndAMalformedOneIs400OverHttp() throws Exception {
        HttpResponse<String> huge = post("/applications", BODY.formatted("x".repeat(1024 * 1024)));
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> malformed = post("/applications", "{\"procedureCode\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("content-type")).contains("application/problem+json");
    }

    static String reasonValue() throws Exception {
        JsonNode procedure = Json.tree(SystemStack.get("/procedures/CT-003").body());
        for (JsonNode field : procedure.get("fields")) {
            if (field.get("name").asText().equals("reason")) {
                return field.get("values").get(0).asText();
            }
        }
        throw new AssertionError("CT-003 has no reason field");
    }

    static JsonNode awaitStatus(String code, String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = SystemStack.get("/applications/" + code);
            assertThat(response.statusCode()).isEqualTo(200);
            view = Json.tree(response.body());
            if (view.get("status").asText().equals(status)) {
                return view;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(code + " did not reach " + status + " within " + within + "; last view " + view);
    }

    /** What moto's SES and SNS accepted about {@code code}, as the stack mirrors it into outbox.jsonl. */
    static List<Outbox.Sent> awaitOutbox(String code, int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<Outbox.Sent> sent = List.of();
        while (System.nanoTime() < deadline) {
            sent = SystemStack.get().outbox().stream()
                    .filter(n -> n.body().contains(code) || (n.subject() != null && n.subject().contains(code))).toList();
            if (sent.size() >= count) {
                return sent;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("outbox for " + code + ": " + sent);
    }

    static HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(SystemStack.url(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return SystemStack.send(request);
    }
}
