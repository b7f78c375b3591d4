package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;

/**
 * The due date over real HTTP on a day that tests it: a local stack whose clock reads Thursday
 * 29 April 2027, 10:00 in Hanoi. Friday 30 April is Reunification Day, then a weekend, then
 * Monday 3 May (Labour Day falls on Saturday and moves to Monday): a one-day procedure received
 * on Thursday is due on Tuesday 4 May at 17:00.
 */
class HolidayDueDateEndToEndTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static LocalStack stack;

    @BeforeAll
    static void startAStackOnTheDayBeforeTheHolidays() {
        stack = LocalStack.start(LocalStack.Options.forTests(LocalStack.projectRoot()).withHttp(0).fromCodeUri()
                .withClock(OffsetDateTime.parse("2027-04-29T10:00:00+07:00").toInstant()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aOneDayDossierReceivedBeforeAHolidayAndAWeekendIsDueOnTheNextWorkingDay() throws Exception {
        JsonNode created = Json.tree(send("POST", "/applications", """
                {"procedureCode":"HT-005","officeId":"hang-trong",
                 "applicant":{"fullName":"Trần Thị Mai","idNumber":"001190054321","phone":"0987654321"},
                 "fields":{"eventType":"MARRIAGE","copies":1}}""", null).body());
        String code = created.get("trackingCode").asText();
        HttpResponse<String> submitted = send("POST", "/applications/" + code + "/submit", "",
                created.get("accessKey").asText());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);

        JsonNode view = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            view = Json.tree(send("GET", "/applications/" + code, null, null).body());
            if (view.get("status").asText().equals("RECEIVED")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(view.get("status").asText()).isEqualTo("RECEIVED");
        // Received on Thursday within office hours (the stack's clock started at 10:00 and runs on):
        // all the due date depends on.
        OffsetDateTime receivedAt = OffsetDateTime.parse(view.get("receivedAt").asText());
        assertThat(receivedAt).isBetween(OffsetDateTime.parse("2027-04-29T10:00:00+07:00"),
                OffsetDateTime.parse("2027-04-29T17:00:00+07:00"));
        assertThat(view.get("dueDate").asText()).isEqualTo("2027-05-04T17:00:00+07:00");
    }

    static HttpResponse<String> send(String method, String path, String body, String accessKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url().orElseThrow() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (accessKey != null) {
            request.header("x-access-key", accessKey);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        Contract.check(built.method(), built.uri().getRawPath(), response);
        return response;
    }
}
