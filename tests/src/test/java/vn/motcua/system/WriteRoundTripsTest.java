package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.json.Json;

/**
 * The DynamoDB round trips of the idempotent writes on the sample events the benchmark replays
 * (events/, with their Idempotency-Key): each one is 4–5 ms of warm latency against DynamoDB
 * Local. A first create writes the change and its key's record (with the answer) in one
 * transaction, reading nothing first; its retry is that transaction, cancelled by the record,
 * which it replays; a change refused with 404 reads the dossier and nothing else.
 */
class WriteRoundTripsTest {

    record Answer(APIGatewayV2HTTPResponse response, List<String> calls) {
    }

    static Answer invoke(String functionId, APIGatewayV2HTTPEvent event) {
        AtomicReference<Object> answer = new AtomicReference<>();
        List<String> calls = SdkCalls.dynamoDbDuring(() -> answer.set(SystemStack.get().invoke(functionId, event)));
        return new Answer((APIGatewayV2HTTPResponse) answer.get(), calls);
    }

    /** The sample with a fresh Idempotency-Key and, for a booking, another citizen. */
    static APIGatewayV2HTTPEvent sample(String file) throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                vn.motcua.local.LocalStack.projectRoot().resolve("events").resolve(file).toAbsolutePath().toString());
        var headers = new HashMap<>(event.getHeaders());
        headers.put("idempotency-key", UUID.randomUUID().toString());
        event.setHeaders(headers);
        String body = event.getBody().replace("001190012345",
                String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L)));
        if (file.startsWith("AppointmentsFunction-book")) {
            // The sample's slot passes (2026-12-01 08:15 Hanoi): book a place still open instead.
            String sampleSlot = "\"date\": \"2026-12-01\", \"time\": \"08:15\"";
            assertThat(body).contains(sampleSlot);
            String[] slot = openSlot("hoan-kiem");
            body = body.replace(sampleSlot, "\"date\": \"" + slot[0] + "\", \"time\": \"" + slot[1] + "\"");
        }
        event.setBody(body);
        return event;
    }

    /** The first slot from tomorrow (Hanoi) on with at least two places left, as {date, time}. */
    static String[] openSlot(String officeId) throws Exception {
        LocalDate day = LocalDate.now(WorkingCalendar.ZONE).plusDays(1);
        for (int i = 0; i < 14; i++, day = day.plusDays(1)) {
            var answer = SystemStack.get("/offices/" + officeId + "/slots?date=" + day);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            for (JsonNode slot : Json.tree(answer.body()).get("slots")) {
                if (slot.get("available").asInt() >= 2) {
                    return new String[] {day.toString(), slot.get("time").asText()};
                }
            }
        }
        throw new AssertionError("No slot with two places left at " + officeId + " in the next 14 days");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "SubmissionFunction   | SubmissionFunction-create.json  | 201 | TransactWriteItems         | TransactWriteItems",
            "AppointmentsFunction | AppointmentsFunction-book.json  | 201 | TransactWriteItems         | TransactWriteItems",
            "OfficerApplicationsFunction | OfficerApplicationsFunction-walk-in.json | 201 | TransactWriteItems | TransactWriteItems",
            "SubmissionFunction   | SubmissionFunction-rating.json  | 404 | GetItem                    | GetItem",
            "DocumentsFunction    | DocumentsFunction-announce.json | 404 | GetItem                    | GetItem"})
    void theSampleWritesAndTheirRetriesMakeTheseDynamoDbCalls(String function, String file, int status,
                                                              String firstCalls, String retryCalls) throws Exception {
        invoke(function, sample(file)); // the catalogue's cache and the clients are warm from here on
        APIGatewayV2HTTPEvent event = sample(file);

        Answer first = invoke(function, event);
        assertThat(first.response().getStatusCode()).isEqualTo(status);
        assertThat(first.calls()).containsExactly(firstCalls.split(" "));

        Answer retry = invoke(function, event);
        assertThat(retry.response().getStatusCode()).isEqualTo(status);
        assertThat(retry.calls()).containsExactly(retryCalls.split(" "));
        if (status == 201) {
            assertThat(retry.response().getBody()).isEqualTo(first.response().getBody());
            assertThat(retry.response().getHeaders()).containsEntry("idempotent-replayed", "true");
        }
    }
}
