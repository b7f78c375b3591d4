package vn.motcua.appointment.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.notification.Notification;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.CatalogueRepository;

/**
 * The appointments handler in-process against the shared local stack (moto, seeded
 * catalogue), with time fixed at Monday 2026-03-09 10:00 in Hanoi and the notifications
 * recorded. Each test books its own office-day-slots and citizens, so tests share one table.
 */
final class Harness {

    /** Monday 2026-03-09 10:00 in Hanoi. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);

    static final LocalStack STACK = LocalStack.shared();
    static final String TABLE = STACK.tableName("AppointmentsTable");
    static final AtomicLong DYNAMO_CALLS = new AtomicLong();
    static final List<Notification> SENT = new CopyOnWriteArrayList<>();
    static final AppointmentsHandler HANDLER = handler();

    private static final AtomicLong CITIZENS = new AtomicLong(System.nanoTime() % 1_000_000L * 1000);

    private Harness() {
    }

    private static AppointmentsHandler handler() {
        Config config = STACK.configFor("AppointmentsFunction");
        AwsClients clients = new AwsClients(config);
        DynamoDbClient counted = counting(clients.dynamoDb());
        Catalogue catalogue = new Catalogue(new CatalogueRepository(clients.enhanced(counted), config.catalogueTable()),
                CLOCK, config.catalogueTtl());
        return new AppointmentsHandler(catalogue,
                new AppointmentRepository(counted, config.appointmentsTable(), CLOCK, IdGenerator.secure()),
                SENT::add, CLOCK, IdGenerator.secure(),
                new Idempotency(clients.enhanced(counted), config.idempotencyTable(), CLOCK, IdGenerator.secure()));
    }

    /** A fresh 12-digit citizen ID number, never used by another test of this JVM. */
    static String newCitizen() {
        return String.format("%012d", CITIZENS.incrementAndGet());
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return HANDLER.handleEvent(event, null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.tree(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String type(APIGatewayV2HTTPResponse response) {
        return json(response).path("type").asText().replace("https://motcua.vn/problems/", "");
    }

    /** Books and returns {appointmentId, cancelToken}; fails the test unless 201. */
    static String[] book(String officeId, String date, String time, String idNumber) {
        APIGatewayV2HTTPResponse response = call(Events.book(Events.booking(officeId, date, time, idNumber)));
        if (response.getStatusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.getStatusCode() + " " + response.getBody());
        }
        JsonNode body = json(response);
        return new String[] {body.get("appointmentId").asText(), body.get("cancelToken").asText()};
    }

    /** The "available" the API shows for one slot, or -1 when the slot is not listed. */
    static int available(String officeId, String date, String time) {
        APIGatewayV2HTTPResponse response = call(Events.slots(officeId, date));
        for (JsonNode slot : json(response).get("slots")) {
            if (slot.get("time").asText().equals(time)) {
                return slot.get("available").asInt();
            }
        }
        return -1;
    }

    // --- what is in the table, read with the stack's admin client ------------------------------

    /** The slot counter's booked value; 0 when the counter item does not exist. */
    static int booked(String officeId, String date, String time) {
        var item = STACK.dynamoDb().getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", s("SLOT#" + officeId + "#" + date), "sk", s(time)))).item();
        return item == null || !item.containsKey("booked") ? 0 : Integer.parseInt(item.get("booked").n());
    }

    /** Every item under the citizen's guard partition (day guards and the active counter). */
    static List<Map<String, AttributeValue>> citizenItems(String idNumber) {
        return STACK.dynamoDb().query(b -> b.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("CITIZEN#" + AppointmentRepository.citizenKey(idNumber)))))
                .items();
    }

    static int activeCount(String idNumber) {
        return citizenItems(idNumber).stream().filter(i -> i.get("sk").s().equals("ACTIVE"))
                .mapToInt(i -> Integer.parseInt(i.get("count").n())).findFirst().orElse(0);
    }

    static List<String> dayGuards(String idNumber) {
        return citizenItems(idNumber).stream().map(i -> i.get("sk").s()).filter(sk -> sk.startsWith("DAY#")).toList();
    }

    /** The office's day list as the officer will read it: one Query on gsi1, ordered by time. */
    static List<Map<String, AttributeValue>> dayList(String officeId, String date) {
        return STACK.dynamoDb().query(b -> b.tableName(TABLE).indexName(AppointmentRepository.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(officeId + "#" + date)))).items();
    }

    static Map<String, AttributeValue> appointmentItem(String appointmentId) {
        return STACK.dynamoDb().getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", s("APPT#" + appointmentId), "sk", s("APPT")))).item();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Counts every call the handler makes to DynamoDB, for the O(1) guarantee. */
    private static DynamoDbClient counting(DynamoDbClient real) {
        return (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(Harness.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == DynamoDbClient.class && !method.getName().equals("serviceName")
                            && !method.getName().equals("close") && !method.getName().equals("serviceClientConfiguration")) {
                        DYNAMO_CALLS.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
