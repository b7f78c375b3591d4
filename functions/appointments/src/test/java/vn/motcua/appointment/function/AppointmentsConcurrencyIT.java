package vn.motcua.appointment.function;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.appointment.function.Harness.activeCount;
import static vn.motcua.appointment.function.Harness.appointmentItem;
import static vn.motcua.appointment.function.Harness.available;
import static vn.motcua.appointment.function.Harness.book;
import static vn.motcua.appointment.function.Harness.booked;
import static vn.motcua.appointment.function.Harness.call;
import static vn.motcua.appointment.function.Harness.dayGuards;
import static vn.motcua.appointment.function.Harness.dayList;
import static vn.motcua.appointment.function.Harness.newCitizen;
import static vn.motcua.appointment.function.Harness.type;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.motcua.local.TransactionConflicts;

/**
 * N concurrent bookings make exactly min(N, C) appointments, also when DynamoDB cancels transactions
 * for conflicts; a move never holds two places or none (docs/appointments.md).
 */
class AppointmentsConcurrencyIT {

    @Test
    void fiftyParallelBookingsForASlotOfSixGiveExactlySixAppointments() throws Exception {
        // hoan-kiem has 6 counters.
        List<APIGatewayV2HTTPResponse> responses = inParallel(50, i ->
                Events.book(Events.booking("hoan-kiem", "2026-03-11", "09:00", newCitizen())));

        Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(
                APIGatewayV2HTTPResponse::getStatusCode, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409).containsEntry(201, 6L).containsEntry(409, 44L);
        assertThat(responses.stream().filter(r -> r.getStatusCode() == 409).map(Harness::type).distinct())
                .containsExactly("slot-full");
        assertThat(available("hoan-kiem", "2026-03-11", "09:00")).isZero();
        assertThat(booked("hoan-kiem", "2026-03-11", "09:00")).isEqualTo(6);
        assertThat(dayList("hoan-kiem", "2026-03-11")).hasSize(6);

        // Cancelling one frees exactly one place, and a new booking takes it.
        APIGatewayV2HTTPResponse first = responses.stream().filter(r -> r.getStatusCode() == 201).findFirst().orElseThrow();
        var body = Harness.json(first);
        APIGatewayV2HTTPResponse cancelled = call(Events.cancel(body.get("appointmentId").asText(),
                body.get("cancelToken").asText()));
        assertThat(cancelled.getStatusCode()).isEqualTo(204);
        assertThat(available("hoan-kiem", "2026-03-11", "09:00")).isEqualTo(1);
        book("hoan-kiem", "2026-03-11", "09:00", newCitizen());
        assertThat(available("hoan-kiem", "2026-03-11", "09:00")).isZero();
        APIGatewayV2HTTPResponse late = call(Events.book(Events.booking("hoan-kiem", "2026-03-11", "09:00", newCitizen())));
        assertThat(late.getStatusCode()).isEqualTo(409);
        assertThat(type(late)).isEqualTo("slot-full");
    }

    @Test
    void twentyParallelRetriesOfOneBookingWithOneIdempotencyKeyBookOnceAndAllGetItsAnswer() throws Exception {
        String citizen = newCitizen();
        String body = Events.booking("hoan-kiem", "2026-03-12", "10:00", citizen);
        String key = "parallel-" + citizen;
        List<APIGatewayV2HTTPResponse> responses = inParallel(20, i -> {
            APIGatewayV2HTTPEvent event = Events.book(body);
            Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
            headers.put("idempotency-key", key);
            event.setHeaders(headers);
            return event;
        });

        // The record is written in the booking's own transaction: no "in flight" state, every retry replays.
        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(201);
        assertThat(responses.stream().map(r -> Harness.json(r).get("appointmentId").asText()).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.getHeaders().get("idempotent-replayed") == null)).hasSize(1);
        assertThat(booked("hoan-kiem", "2026-03-12", "10:00")).isEqualTo(1);
        assertThat(activeCount(citizen)).isEqualTo(1);
    }

    @Test
    void twentyParallelReschedulesOfOneAppointmentNeverHoldTwoPlacesOrNone() throws Exception {
        String citizen = newCitizen();
        String[] appointment = book("hang-trong", "2026-03-12", "08:00", citizen);
        // Targets on the same day and on the next, so both the plain move and the day-guard swap race.
        List<String[]> targets = new ArrayList<>();
        for (String time : List.of("08:20", "08:40", "09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "13:30")) {
            targets.add(new String[] {"2026-03-12", time});
            targets.add(new String[] {"2026-03-13", time});
        }
        List<APIGatewayV2HTTPResponse> responses = inParallel(20, i -> Events.move(appointment[0], appointment[1],
                "{\"date\":\"%s\",\"time\":\"%s\"}".formatted(targets.get(i)[0], targets.get(i)[1])));

        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).allMatch(s -> s == 200 || s == 409);
        assertThat(responses).filteredOn(r -> r.getStatusCode() == 409).extracting(Harness::type)
                .allMatch(t -> t.equals("appointment-changed"));
        assertThat(responses).anyMatch(r -> r.getStatusCode() == 200);

        var stored = appointmentItem(appointment[0]);
        String date = stored.get("date").s();
        String time = stored.get("time").s();
        // Exactly one place is held across every slot the race touched: the one the appointment names.
        int held = booked("hang-trong", "2026-03-12", "08:00");
        for (String[] target : targets) {
            held += booked("hang-trong", target[0], target[1]);
        }
        assertThat(held).isEqualTo(1);
        assertThat(booked("hang-trong", date, time)).isEqualTo(1);
        assertThat(dayGuards(citizen)).containsExactly("DAY#hang-trong#" + date);
        assertThat(activeCount(citizen)).isEqualTo(1);
        assertThat(dayList("hang-trong", "2026-03-12").size() + dayList("hang-trong", "2026-03-13").size()).isEqualTo(1);
        assertThat(Harness.json(call(Events.get(appointment[0], appointment[1]))).get("time").asText()).isEqualTo(time);
    }

    @Test
    void parallelCancelsOfOneAppointmentFreeItsPlaceOnce() throws Exception {
        String citizen = newCitizen();
        String[] appointment = book("hang-trong", "2026-03-16", "14:10", citizen);
        book("hang-trong", "2026-03-16", "14:10", newCitizen());
        List<APIGatewayV2HTTPResponse> responses = inParallel(10, i -> Events.cancel(appointment[0], appointment[1]));
        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(204);
        assertThat(booked("hang-trong", "2026-03-16", "14:10")).isEqualTo(1);
        assertThat(activeCount(citizen)).isZero();
        assertThat(dayGuards(citizen)).isEmpty();
    }

    @Test
    void withHalfTheTransactionsCancelledByConflictsBookingsStillNeverOverbook() throws Exception {
        // DynamoDB cancels a transaction that meets another on one of its items (TransactionConflict);
        // no emulator does, so the SDK-level injection plays it. hoan-kiem has 6 counters.
        List<APIGatewayV2HTTPResponse> responses;
        int cancelled;
        try (TransactionConflicts.Injection conflicts = TransactionConflicts.inject(0.5)) {
            responses = inParallel(40, i -> Events.book(Events.booking("hoan-kiem", "2026-03-18", "09:00", newCitizen())));
            cancelled = conflicts.cancelled();
        }
        assertThat(cancelled).as("transactions cancelled by the injection").isGreaterThanOrEqualTo(20);
        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).allMatch(s -> s == 201 || s == 409 || s == 503);
        assertThat(responses).filteredOn(r -> r.getStatusCode() != 201).extracting(Harness::type)
                .allMatch(t -> t.equals("slot-full") || t.equals("busy"));
        long won = responses.stream().filter(r -> r.getStatusCode() == 201).count();
        assertThat(won).isBetween(1L, 6L);
        assertThat(booked("hoan-kiem", "2026-03-18", "09:00")).isEqualTo((int) won);
        assertThat(dayList("hoan-kiem", "2026-03-18")).hasSize((int) won);
        // What the conflicts refused can still be booked afterwards, up to exactly the slot's capacity.
        for (int i = 0; i < 10; i++) {
            call(Events.book(Events.booking("hoan-kiem", "2026-03-18", "09:00", newCitizen())));
        }
        assertThat(booked("hoan-kiem", "2026-03-18", "09:00")).isEqualTo(6);
        assertThat(dayList("hoan-kiem", "2026-03-18")).hasSize(6);
    }

    @Test
    void aBookingWhoseEveryAttemptConflictsIs503BusyAndWritesNothing() throws Exception {
        String citizen = newCitizen();
        long items = Harness.STACK.itemCount("AppointmentsTable");
        APIGatewayV2HTTPResponse response;
        int attempts;
        try (TransactionConflicts.Injection conflicts = TransactionConflicts.inject(1.0)) {
            response = call(Events.book(Events.booking("hang-trong", "2026-03-18", "10:20", citizen)));
            attempts = conflicts.calls();
        }
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(503);
        assertThat(response.getHeaders().get("content-type")).isEqualTo("application/problem+json");
        assertThat(type(response)).isEqualTo("busy");
        assertThat(attempts).as("attempts before giving up").isEqualTo(10);
        assertThat(Harness.STACK.itemCount("AppointmentsTable")).isEqualTo(items);
        assertThat(booked("hang-trong", "2026-03-18", "10:20")).isZero();
        assertThat(activeCount(citizen)).isZero();
        assertThat(dayGuards(citizen)).isEmpty();
    }

    private static List<APIGatewayV2HTTPResponse> inParallel(int n, IntFunction<APIGatewayV2HTTPEvent> event)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                APIGatewayV2HTTPEvent e = event.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call(e);
                }));
            }
            start.countDown();
            List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
