package vn.motcua.appointment.function;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.appointment.function.Harness.SENT;
import static vn.motcua.appointment.function.Harness.activeCount;
import static vn.motcua.appointment.function.Harness.appointmentItem;
import static vn.motcua.appointment.function.Harness.available;
import static vn.motcua.appointment.function.Harness.book;
import static vn.motcua.appointment.function.Harness.booked;
import static vn.motcua.appointment.function.Harness.call;
import static vn.motcua.appointment.function.Harness.citizenItems;
import static vn.motcua.appointment.function.Harness.dayGuards;
import static vn.motcua.appointment.function.Harness.dayList;
import static vn.motcua.appointment.function.Harness.json;
import static vn.motcua.appointment.function.Harness.newCitizen;
import static vn.motcua.appointment.function.Harness.type;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.id.IdGenerator;
import vn.motcua.notification.Notification;
import vn.motcua.storage.AppointmentRepository;

/** The appointment routes against moto: what a citizen sees and what the table holds. */
class AppointmentsHandlerIT {

    @Test
    void aBookingAnswers201WithATokenThatReadsCancelsAndNothingElse() {
        String citizen = newCitizen();
        APIGatewayV2HTTPResponse created = call(Events.book("""
                {"officeId":"so-tu-phap","date":"2026-03-10","time":"08:15","procedureCode":"TP-001",
                 "trackingCode":"hn7k2p9xq4","citizen":{"fullName":"Lê Thị Hồng","idNumber":"%s","phone":"+84987654321"}}"""
                .formatted(citizen)));
        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String id = body.get("appointmentId").asText();
        String token = body.get("cancelToken").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(body.get("status").asText()).isEqualTo("BOOKED");
        assertThat(body.get("date").asText()).isEqualTo("2026-03-10");
        assertThat(body.get("time").asText()).isEqualTo("08:15");
        assertThat(body.get("trackingCode").asText()).isEqualTo("HN7K2P9XQ4");
        assertThat(created.getHeaders()).containsEntry("location", "/appointments/" + id);

        // The table keeps the token only as a hash, and the citizen ID only on the appointment item.
        Map<String, AttributeValue> item = appointmentItem(id);
        assertThat(item.toString()).doesNotContain(token);
        assertThat(item.get("idNumber").s()).isEqualTo(citizen);
        assertThat(citizenItems(citizen)).allSatisfy(guard -> assertThat(guard.toString()).doesNotContain(citizen));

        APIGatewayV2HTTPResponse read = call(Events.get(id, token));
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(json(read).has("cancelToken")).isFalse();
        assertThat(json(read).has("citizen")).isFalse();
        assertThat(read.getBody()).doesNotContain(citizen).doesNotContain("Hồng");
        assertThat(json(read).get("procedureCode").asText()).isEqualTo("TP-001");

        for (String wrong : new String[] {token + "x", "", token.toUpperCase()}) {
            APIGatewayV2HTTPResponse refused = call(Events.get(id, wrong.isEmpty() ? null : wrong));
            assertThat(refused.getStatusCode()).isEqualTo(404);
            assertThat(type(refused)).isEqualTo("not-found");
            assertThat(call(Events.cancel(id, wrong.isEmpty() ? null : wrong)).getStatusCode()).isEqualTo(404);
        }
        assertThat(call(Events.get(IdGenerator.secure().id(), token)).getStatusCode()).isEqualTo(404);
        assertThat(booked("so-tu-phap", "2026-03-10", "08:15")).as("a wrong token cancels nothing").isEqualTo(1);
        assertThat(sentFor(id)).extracting(Notification::kind).containsExactly("APPOINTMENT_BOOKED");
    }

    @Test
    void aRetriedBookingWithTheSameIdempotencyKeyBooksOnceAndReplaysTheFirstAnswer() {
        String citizen = newCitizen();
        String body = Events.booking("so-tu-phap", "2026-03-11", "09:00", citizen);
        String key = "book-" + citizen;
        APIGatewayV2HTTPResponse first = call(withKey(Events.book(body), key));
        APIGatewayV2HTTPResponse retry = call(withKey(Events.book(body), key));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(json(retry).get("appointmentId").asText()).isEqualTo(json(first).get("appointmentId").asText());
        assertThat(json(retry).get("cancelToken").asText()).isEqualTo(json(first).get("cancelToken").asText());
        assertThat(booked("so-tu-phap", "2026-03-11", "09:00")).as("one place taken, not two").isEqualTo(1);

        APIGatewayV2HTTPResponse reused = call(withKey(Events.book(
                Events.booking("so-tu-phap", "2026-03-11", "09:15", citizen)), key));
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(type(reused)).isEqualTo("idempotency-key-reused");
        assertThat(booked("so-tu-phap", "2026-03-11", "09:15")).isZero();
    }

    private static APIGatewayV2HTTPEvent withKey(APIGatewayV2HTTPEvent event, String key) {
        java.util.Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.put("idempotency-key", key);
        event.setHeaders(headers);
        return event;
    }

    @Test
    void cancellingFreesThePlaceAndTheGuardsAndIsIdempotent() {
        String citizen = newCitizen();
        String[] a = book("so-tu-phap", "2026-03-10", "08:30", citizen);
        assertThat(available("so-tu-phap", "2026-03-10", "08:30")).isEqualTo(3);
        assertThat(activeCount(citizen)).isEqualTo(1);
        assertThat(dayGuards(citizen)).containsExactly("DAY#so-tu-phap#2026-03-10");

        assertThat(call(Events.cancel(a[0], a[1])).getStatusCode()).isEqualTo(204);
        assertThat(call(Events.cancel(a[0], a[1])).getStatusCode()).as("again").isEqualTo(204);
        assertThat(available("so-tu-phap", "2026-03-10", "08:30")).isEqualTo(4);
        assertThat(booked("so-tu-phap", "2026-03-10", "08:30")).isZero();
        assertThat(activeCount(citizen)).isZero();
        assertThat(dayGuards(citizen)).isEmpty();
        assertThat(json(call(Events.get(a[0], a[1]))).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(sentFor(a[0])).extracting(Notification::kind).containsExactly("APPOINTMENT_BOOKED", "APPOINTMENT_CANCELLED");

        // The same citizen may book that day again once the first is cancelled.
        book("so-tu-phap", "2026-03-10", "09:30", citizen);
        APIGatewayV2HTTPResponse moveCancelled = call(Events.move(a[0], a[1], "{\"date\":\"2026-03-11\",\"time\":\"08:00\"}"));
        assertThat(moveCancelled.getStatusCode()).isEqualTo(409);
        assertThat(type(moveCancelled)).isEqualTo("appointment-not-booked");
        assertThat(booked("so-tu-phap", "2026-03-11", "08:00")).isZero();
    }

    @Test
    void aFullSlotRefusesWith409AndWritesNothing() {
        book("hang-trong", "2026-03-17", "10:00", newCitizen());
        book("hang-trong", "2026-03-17", "10:00", newCitizen());
        String third = newCitizen();
        APIGatewayV2HTTPResponse refused = call(Events.book(Events.booking("hang-trong", "2026-03-17", "10:00", third)));
        assertProblem(refused, 409, "slot-full");
        assertThat(booked("hang-trong", "2026-03-17", "10:00")).isEqualTo(2);
        assertThat(citizenItems(third)).isEmpty();
        assertThat(dayList("hang-trong", "2026-03-17")).hasSize(2);
    }

    @Test
    void theSameCitizenTwiceAtOneOfficeOnOneDayIs409AndWritesNothing() {
        String citizen = newCitizen();
        book("cau-giay", "2026-03-10", "08:00", citizen);
        APIGatewayV2HTTPResponse refused = call(Events.book(Events.booking("cau-giay", "2026-03-10", "14:10", citizen)));
        assertProblem(refused, 409, "already-booked-that-day");
        assertThat(booked("cau-giay", "2026-03-10", "14:10")).isZero();
        assertThat(activeCount(citizen)).isEqualTo(1);
        assertThat(dayList("cau-giay", "2026-03-10")).extracting(i -> i.get("idNumber").s()).containsOnlyOnce(citizen);
        // Another office the same day is a different guard.
        book("hcc-ha-noi", "2026-03-10", "08:00", citizen);
    }

    @Test
    void aThirdActiveBookingIs409UntilOneIsCancelled() {
        String citizen = newCitizen();
        String[] first = book("cau-giay", "2026-03-11", "08:00", citizen);
        book("cau-giay", "2026-03-12", "08:00", citizen);
        APIGatewayV2HTTPResponse refused = call(Events.book(Events.booking("hcc-ha-noi", "2026-03-13", "08:00", citizen)));
        assertProblem(refused, 409, "booking-limit");
        assertThat(booked("hcc-ha-noi", "2026-03-13", "08:00")).isZero();
        assertThat(activeCount(citizen)).isEqualTo(2);
        assertThat(dayGuards(citizen)).hasSize(2);
        assertThat(dayList("hcc-ha-noi", "2026-03-13")).isEmpty();

        assertThat(call(Events.cancel(first[0], first[1])).getStatusCode()).isEqualTo(204);
        book("hcc-ha-noi", "2026-03-13", "08:00", citizen);
        assertThat(activeCount(citizen)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource({
            "hoan-kiem,  2026-03-09, 09:45, 400, slot-in-past",
            "hoan-kiem,  2026-03-24, 08:00, 400, outside-booking-window",
            "hoan-kiem,  2026-03-15, 08:00, 400, office-closed",
            "hoan-kiem,  2026-03-14, 13:30, 400, not-a-slot-start",
            "hoan-kiem,  2026-03-18, 08:05, 400, not-a-slot-start",
            "hai-ba-trung, 2026-03-18, 08:00, 404, not-found",
    })
    void aBookingRefusedBeforeTheTransactionWritesNothing(String office, String date, String time, int status, String type) {
        String citizen = newCitizen();
        assertProblem(call(Events.book(Events.booking(office, date, time, citizen))), status, type);
        assertThat(citizenItems(citizen)).isEmpty();
        assertThat(booked(office, date, time)).isZero();
        assertThat(dayList(office, date)).noneMatch(i -> i.get("idNumber").s().equals(citizen));
    }

    @Test
    void aMoveTakesTheNewPlaceAndFreesTheOldTogether() {
        String citizen = newCitizen();
        String[] a = book("hcc-ha-noi", "2026-03-16", "08:00", citizen);
        APIGatewayV2HTTPResponse sameDay = call(Events.move(a[0], a[1], "{\"date\":\"2026-03-16\",\"time\":\"09:00\"}"));
        assertThat(sameDay.getStatusCode()).isEqualTo(200);
        assertThat(json(sameDay).get("time").asText()).isEqualTo("09:00");
        assertThat(booked("hcc-ha-noi", "2026-03-16", "08:00")).isZero();
        assertThat(booked("hcc-ha-noi", "2026-03-16", "09:00")).isEqualTo(1);

        APIGatewayV2HTTPResponse nextDay = call(Events.move(a[0], a[1], "{\"date\":\"2026-03-17\",\"time\":\"13:30\"}"));
        assertThat(nextDay.getStatusCode()).isEqualTo(200);
        assertThat(booked("hcc-ha-noi", "2026-03-16", "09:00")).isZero();
        assertThat(booked("hcc-ha-noi", "2026-03-17", "13:30")).isEqualTo(1);
        assertThat(dayGuards(citizen)).containsExactly("DAY#hcc-ha-noi#2026-03-17");
        assertThat(activeCount(citizen)).isEqualTo(1);
        assertThat(dayList("hcc-ha-noi", "2026-03-16")).isEmpty();
        assertThat(dayList("hcc-ha-noi", "2026-03-17")).extracting(i -> i.get("appointmentId").s()).containsExactly(a[0]);

        APIGatewayV2HTTPResponse same = call(Events.move(a[0], a[1], "{\"date\":\"2026-03-17\",\"time\":\"13:30\"}"));
        assertThat(same.getStatusCode()).as("moving to where it is changes nothing").isEqualTo(200);
        assertThat(booked("hcc-ha-noi", "2026-03-17", "13:30")).isEqualTo(1);
        assertThat(sentFor(a[0])).extracting(Notification::kind)
                .containsExactly("APPOINTMENT_BOOKED", "APPOINTMENT_MOVED", "APPOINTMENT_MOVED");
        assertThat(sentFor(a[0])).extracting(Notification::dedupKey).doesNotHaveDuplicates();
    }

    @Test
    void aMoveThatCannotTakeTheNewPlaceChangesNothing() {
        String citizen = newCitizen();
        String[] a = book("hang-trong", "2026-03-18", "08:00", citizen);
        book("hang-trong", "2026-03-18", "09:00", newCitizen());
        book("hang-trong", "2026-03-18", "09:00", newCitizen());
        book("hang-trong", "2026-03-19", "08:00", citizen);
        long version = Long.parseLong(appointmentItem(a[0]).get("version").n());

        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-03-18\",\"time\":\"09:00\"}")), 409, "slot-full");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-03-19\",\"time\":\"09:00\"}")), 409,
                "already-booked-that-day");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-03-09\",\"time\":\"08:00\"}")), 400, "slot-in-past");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-03-21\",\"time\":\"08:00\"}")), 400, "office-closed");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-03-18\",\"time\":\"08:10\"}")), 400, "not-a-slot-start");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"2026-04-18\",\"time\":\"08:00\"}")), 400,
                "outside-booking-window");
        assertProblem(call(Events.move(a[0], a[1], "{\"date\":\"18/03/2026\"}")), 400, "validation");
        assertProblem(call(Events.move(a[0], a[1] + "x", "{\"date\":\"2026-03-20\",\"time\":\"08:00\"}")), 404, "not-found");

        Map<String, AttributeValue> item = appointmentItem(a[0]);
        assertThat(item.get("time").s()).isEqualTo("08:00");
        assertThat(Long.parseLong(item.get("version").n())).isEqualTo(version);
        assertThat(booked("hang-trong", "2026-03-18", "08:00")).isEqualTo(1);
        assertThat(booked("hang-trong", "2026-03-18", "09:00")).isEqualTo(2);
        assertThat(booked("hang-trong", "2026-03-19", "09:00")).isZero();
        assertThat(booked("hang-trong", "2026-03-20", "08:00")).isZero();
        assertThat(dayGuards(citizen)).containsExactlyInAnyOrder("DAY#hang-trong#2026-03-18", "DAY#hang-trong#2026-03-19");
    }

    @Test
    void theDaysSlotsAreOneQueryAndShowWhatIsLeft() {
        book("hcc-ha-noi", "2026-03-18", "10:00", newCitizen());
        book("hcc-ha-noi", "2026-03-18", "10:00", newCitizen());
        book("hcc-ha-noi", "2026-03-18", "16:00", newCitizen());
        call(Events.slots("hcc-ha-noi", "2026-03-18")); // the catalogue cache is warm from here on
        long before = Harness.DYNAMO_CALLS.get();
        APIGatewayV2HTTPResponse response = call(Events.slots("hcc-ha-noi", "2026-03-18"));
        assertThat(Harness.DYNAMO_CALLS.get() - before).isEqualTo(1);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store");
        JsonNode body = json(response);
        assertThat(body.get("date").asText()).isEqualTo("2026-03-18");
        // 30-minute slots: 7 in the morning (08:00–11:00), 7 in the afternoon (13:30–16:30).
        assertThat(body.get("slots")).hasSize(14);
        assertThat(body.get("slots").get(0).get("time").asText()).isEqualTo("08:00");
        assertThat(body.get("slots").get(0).get("capacity").asInt()).isEqualTo(8);
        assertThat(available("hcc-ha-noi", "2026-03-18", "10:00")).isEqualTo(6);
        assertThat(available("hcc-ha-noi", "2026-03-18", "16:00")).isEqualTo(7);
        assertThat(available("hcc-ha-noi", "2026-03-18", "11:00")).isEqualTo(8);

        APIGatewayV2HTTPResponse today = call(Events.slots("hcc-ha-noi", "2026-03-09"));
        assertThat(json(today).get("slots").get(0).get("time").asText()).as("10:00 has started").isEqualTo("10:30");
    }

    @Test
    void theOfficersDayListIsOneQueryOrderedByTime() {
        book("so-tu-phap", "2026-03-19", "14:00", newCitizen());
        book("so-tu-phap", "2026-03-19", "08:45", newCitizen());
        book("so-tu-phap", "2026-03-19", "10:15", newCitizen());
        List<Map<String, AttributeValue>> list = dayList("so-tu-phap", "2026-03-19");
        assertThat(list).extracting(i -> i.get("time").s()).containsExactly("08:45", "10:15", "14:00");
        assertThat(list).allSatisfy(i -> {
            assertThat(i.get("status").s()).isEqualTo("BOOKED");
            assertThat(i).containsKeys("fullName", "phone");
        });
    }

    @Test
    void anOfficerOutcomeReleasesTheCitizenButKeepsThePlace() {
        String citizen = newCitizen();
        String[] a = book("so-tu-phap", "2026-03-20", "08:00", citizen);
        AppointmentRepository repository = new AppointmentRepository(Harness.STACK.dynamoDb(), Harness.TABLE,
                Harness.CLOCK, IdGenerator.secure());
        var stored = repository.find(a[0]).orElseThrow();
        var served = repository.closeIfBooked(stored, AppointmentStatus.SERVED);
        assertThat(served.status()).isEqualTo(AppointmentStatus.SERVED);
        assertThat(activeCount(citizen)).isZero();
        assertThat(dayGuards(citizen)).isEmpty();
        assertThat(booked("so-tu-phap", "2026-03-20", "08:00")).isEqualTo(1);
        assertProblem(call(Events.cancel(a[0], a[1])), 409, "appointment-not-booked");
        assertThat(booked("so-tu-phap", "2026-03-20", "08:00")).isEqualTo(1);
        assertThat(repository.find(a[0]).orElseThrow().updatedAt()).isEqualTo(Instant.now(Harness.CLOCK));
    }

    @Test
    void theDeployedWiringQueuesTheBookingNotificationOnTheNotificationsQueue() throws Exception {
        Assumptions.assumeTrue(Harness.STACK.template().resourcesOfType("AWS::SQS::Queue").containsKey("NotificationsQueue"),
                "NotificationsQueue is declared in template.yaml by the applications branch");
        AppointmentsHandler wired = new AppointmentsHandler(Harness.STACK.configFor("AppointmentsFunction"),
                Harness.CLOCK, IdGenerator.secure());
        APIGatewayV2HTTPResponse created = wired.handleEvent(Events.book(
                Events.booking("hcc-ha-noi", "2026-03-19", "15:00", newCitizen())), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        String id = json(created).get("appointmentId").asText();
        String queue = Harness.STACK.queueUrl("NotificationsQueue");
        JsonNode found = null;
        for (int poll = 0; poll < 10 && found == null; poll++) {
            for (var message : Harness.STACK.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                JsonNode body = vn.motcua.json.Json.tree(message.body());
                if (id.equals(body.path("appointmentId").asText())) {
                    found = body;
                }
            }
        }
        assertThat(found).as("a notification for " + id).isNotNull();
        assertThat(found.get("kind").asText()).isEqualTo("APPOINTMENT_BOOKED");
        assertThat(found.get("details").get("time").asText()).isEqualTo("15:00");
    }

    private static List<Notification> sentFor(String appointmentId) {
        return SENT.stream().filter(n -> appointmentId.equals(n.appointmentId())).toList();
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(type(response)).isEqualTo(type);
    }
}
