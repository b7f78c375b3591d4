package vn.motcua.appointment.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.json.Json;
import vn.motcua.notification.Notification;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.AppointmentRepository;

/**
 * Refusals decided before the transaction: each answers its problem+json and makes no DynamoDB
 * call at all, so nothing can have been written. (What the transaction decides is proven
 * against moto in the integration tests.)
 */
class AppointmentsHandlerRefusalTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../../data"));
    /** Monday 2026-03-09 10:00 in Hanoi. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);

    private final List<String> dynamoCalls = new ArrayList<>();
    private final List<Notification> sent = new ArrayList<>();
    private final AppointmentsHandler handler = new AppointmentsHandler(
            new Catalogue(() -> DATA, CLOCK, Duration.ofMinutes(5)),
            new AppointmentRepository(untouchable(), "AppointmentsTable", CLOCK, IdGenerator.seeded(1)),
            sent::add, CLOCK, IdGenerator.seeded(2), unusedIdempotency(untouchable(), CLOCK));

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            // date,       time,   status, type
            "2026-03-09, 09:45, 400, slot-in-past",
            "2026-03-06, 08:00, 400, slot-in-past",
            "2026-03-24, 08:00, 400, outside-booking-window",
            "2026-03-15, 08:00, 400, office-closed",
            "2026-03-14, 13:30, 400, not-a-slot-start",
            "2026-03-10, 08:05, 400, not-a-slot-start",
            "2026-03-10, 11:30, 400, not-a-slot-start",
            "2026-02-30, 08:00, 400, validation",
            "2026-03-10, 8:00, 400, validation",
    })
    void aBookingTheCalendarRefusesWritesNothing(String date, String time, int status, String type) throws Exception {
        assertProblem(handler.handleEvent(Events.book(Events.booking("hoan-kiem", date, time, "001190012345")), null),
                status, type);
    }

    @Test
    void aBookingOnAPublicHolidayIsRefusedAsClosed() throws Exception {
        SlotsAt tet = new SlotsAt("2026-02-10T03:00:00Z");
        assertProblem(tet.handler.handleEvent(Events.book(Events.booking("hoan-kiem", "2026-02-17", "08:00",
                "001190012345")), null), 400, "office-closed");
        assertThat(tet.dynamoCalls).isEmpty();
    }

    @Test
    void anUnknownOfficeIs404() throws Exception {
        assertProblem(handler.handleEvent(Events.book(Events.booking("hai-ba-trung", "2026-03-10", "08:00",
                "001190012345")), null), 404, "not-found");
        assertProblem(handler.handleEvent(Events.slots("hai-ba-trung", "2026-03-10"), null), 404, "not-found");
    }

    @Test
    void aProcedureTheOfficeDoesNotReceiveIs400AndAnUnknownOneIs404() throws Exception {
        String notHere = """
                {"officeId":"hoan-kiem","date":"2026-03-10","time":"08:00","procedureCode":"HT-001",
                 "citizen":{"fullName":"Nguyễn Văn An","idNumber":"001190012345","phone":"0912345678"}}""";
        assertProblem(handler.handleEvent(Events.book(notHere), null), 400, "validation");
        assertProblem(handler.handleEvent(Events.book(notHere.replace("HT-001", "ZZ-999")), null), 404, "not-found");
    }

    @Test
    void malformedBodiesAre4xxNever5xx() throws Exception {
        assertProblem(handler.handleEvent(Events.book("{"), null), 400, "malformed-json");
        assertProblem(handler.handleEvent(Events.book("{\"officeId\":\"hoan-kiem\",\"extra\":1}"), null), 400, "validation");
        assertProblem(handler.handleEvent(Events.book("{\"officeId\":42}"), null), 400, "validation");
        assertProblem(handler.handleEvent(Events.book("[]"), null), 400, "validation");
        assertProblem(handler.handleEvent(Events.book("null"), null), 400, "malformed-json");
        assertProblem(handler.handleEvent(Events.book(Events.booking("hoan-kiem", "2026-03-10", "08:00", "00119001234\u0000")), null),
                400, "validation");
    }

    @ParameterizedTest
    @CsvSource({"''", "2026-3-10", "10/03/2026", "2026-02-29", "2026-03-08", "2026-03-24"})
    void aSlotsDateThatIsMalformedOrOutsideTheWindowIs400(String date) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleEvent(Events.slots("hoan-kiem", date.isEmpty() ? null : date), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.tree(response.getBody()).get("type").asText())
                .isIn(ApiProblem.TYPE_BASE + "validation", ApiProblem.TYPE_BASE + "outside-booking-window");
        assertThat(dynamoCalls).isEmpty();
    }

    @Test
    void aClosedDayHasAnEmptySlotListWithoutReadingTheTable() throws Exception {
        APIGatewayV2HTTPResponse sunday = handler.handleEvent(Events.slots("hoan-kiem", "2026-03-15"), null);
        assertThat(sunday.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.tree(sunday.getBody());
        assertThat(body.get("date").asText()).isEqualTo("2026-03-15");
        assertThat(body.get("slots")).isEmpty();
        assertThat(dynamoCalls).isEmpty();
    }

    @Test
    void aMissingOrMalformedIdOrTokenIs404WithoutAReadForMalformedIds() throws Exception {
        assertProblem(handler.handleEvent(Events.get("../../etc/passwd", "token"), null), 404, "not-found");
        assertProblem(handler.handleEvent(Events.cancel("0123456789abcdef0123456789abcdef", null), null), 404, "not-found");
        assertProblem(handler.handleEvent(Events.move("XYZ", "t", "{\"date\":\"2026-03-10\",\"time\":\"08:00\"}"), null),
                404, "not-found");
    }

    private void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(Json.tree(response.getBody()).get("type").asText()).isEqualTo(ApiProblem.TYPE_BASE + type);
        assertThat(dynamoCalls).as("DynamoDB calls").isEmpty();
        assertThat(sent).as("notifications").isEmpty();
    }

    /** A DynamoDbClient that records and refuses every call: a refusal must not need one. */
    private DynamoDbClient untouchable() {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") || method.getName().equals("serviceName")) {
                        return null;
                    }
                    dynamoCalls.add(method.getName());
                    throw new AssertionError("DynamoDB was called: " + method.getName());
                });
    }

    private static final class SlotsAt {
        final List<String> dynamoCalls = new ArrayList<>();
        final AppointmentsHandler handler;

        SlotsAt(String instant) {
            Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
            DynamoDbClient none = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, (p, m, a) -> {
                        dynamoCalls.add(m.getName());
                        throw new AssertionError("DynamoDB was called");
                    });
            handler = new AppointmentsHandler(new Catalogue(() -> DATA, clock, Duration.ofMinutes(5)),
                    new AppointmentRepository(none, "AppointmentsTable", clock, IdGenerator.seeded(1)),
                    n -> { throw new AssertionError("notified"); }, clock, IdGenerator.seeded(2),
                    unusedIdempotency(none, clock));
        }
    }

    /** No request here sends an Idempotency-Key, so the table is never touched. */
    static Idempotency unusedIdempotency(DynamoDbClient dynamo, Clock clock) {
        return new Idempotency(software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo).build(), "IdempotencyTable", clock, IdGenerator.seeded(3));
    }
}
