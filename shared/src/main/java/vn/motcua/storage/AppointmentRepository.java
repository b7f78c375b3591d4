package vn.motcua.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.appointment.Citizen;
import vn.motcua.appointment.SlotCalendar;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.problem.ApiProblem;
import vn.motcua.stats.StatsDelta;

/**
 * The appointments table: slot counters, appointments and per-citizen guards in one table, so
 * that one TransactWriteItems decides a booking, a cancellation or a move as a whole.
 *
 * <pre>
 * item              pk                            sk                 attributes
 * slot counter      SLOT#{officeId}#{date}        {HH:mm}            booked (N)
 * appointment       APPT#{appointmentId}          APPT               the appointment, version (N),
 *                                                                    gsi1pk={officeId}#{date}, gsi1sk={HH:mm}#{id}
 * day guard         CITIZEN#{citizenKey}          DAY#{officeId}#{date}   appointmentId
 * active counter    CITIZEN#{citizenKey}          ACTIVE             count (N)
 * </pre>
 *
 * <p>A day's slots are one Query on the slot partition; the officer's day list is one Query on
 * GSI1, ordered by time. {@code citizenKey} is a SHA-256 of the citizen ID number: the number
 * itself is only on the appointment item, never in a key.
 *
 * <p>"Active" means BOOKED. The active counter goes up with a booking and down when the booking
 * is cancelled or the officer marks it SERVED or NO_SHOW ({@link #closeIfBooked}); a move leaves
 * it alone. An appointment whose day has passed still counts until the officer (or a daily job)
 * closes it.
 */
public final class AppointmentRepository {


    /** The anti-broker rule: a citizen holds at most this many active bookings. */
    public static final int ACTIVE_LIMIT = 2;

    public static final String GSI1 = "gsi1";

    /** TransactWriteItems cancelled by a concurrent transaction on the same item is retried this often. */
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final IdGenerator ids;

    public AppointmentRepository(DynamoDbClient dynamo, String table, Clock clock, IdGenerator ids) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.ids = ids;
    }

    /** How many places are taken in each slot of the day: one strongly consistent Query. */
    public Map<LocalTime, Integer> bookedCounts(String officeId, LocalDate date) {
        Map<LocalTime, Integer> booked = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(slotPk(officeId, date))))
                    .projectionExpression("sk, booked")
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.containsKey("booked")) {
                    booked.put(LocalTime.parse(item.get("sk").s()), Integer.parseInt(item.get("booked").n()));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return booked;
    }

    public Optional<Appointment> find(String appointmentId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(apptKey(appointmentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Books {@code appointment} in one transaction, or writes nothing: the slot counter goes up
     * only while below {@code capacity}, the citizen's day guard must not exist, and their
     * active counter must be below {@link #ACTIVE_LIMIT}. A refusal is a 409 naming which rule
     * held: "already-booked-that-day", "booking-limit" or "slot-full".
     */
    public void bookIfAvailable(Appointment appointment, int capacity) {
        bookIfAvailable(appointment, capacity, null);
    }

    /**
     * {@link #bookIfAvailable(Appointment, int)} with {@code guard} (may be null) written first in
     * the same transaction: if the guard's condition fails, nothing is written and its refusal is
     * thrown, before any of the booking's own refusals (a retry of a booking that was made must
     * not read as "already booked").
     */
    public void bookIfAvailable(Appointment appointment, int capacity, Guard guard) {
        String citizen = citizenKey(appointment.citizen().idNumber());
        // The most specific refusals come first, should DynamoDB report only the first failure.
        List<TransactWriteItem> items = List.of(
                put(dayGuard(citizen, appointment), "attribute_not_exists(pk)"),
                update(activeKey(citizen),
                        "ADD #count :one",
                        // The anti-broker rule, decided inside the same transaction as the place.
                        "attribute_not_exists(#count) OR #count < :limit",
                        Map.of("#count", "count"), Map.of(":one", n(1), ":limit", n(ACTIVE_LIMIT))),
                takePlace(appointment.officeId(), appointment.date(), appointment.time(), capacity),
                put(toItem(appointment), "attribute_not_exists(pk)"));
        transact(Guard.first(guard, items), reasons -> {
            Guard.check(guard, reasons);
            if (failed(reasons, Guard.offset(guard, 0))) {
                return ApiProblem.conflict("already-booked-that-day", "This citizen already has an appointment at "
                        + appointment.officeId() + " on " + appointment.date());
            }
            if (failed(reasons, Guard.offset(guard, 1))) {
                return ApiProblem.conflict("booking-limit", "This citizen already holds " + ACTIVE_LIMIT
                        + " active appointments; cancel one to book another");
            }
            if (failed(reasons, Guard.offset(guard, 2))) {
                return ApiProblem.conflict("slot-full", "The slot " + appointment.date() + " "
                        + SlotCalendar.format(appointment.time()) + " is fully booked");
            }
            return unexpected("book", appointment, reasons);
        });
    }

    /**
     * Cancels a BOOKED appointment, freeing its place, its day guard and one active booking in
     * the same transaction. Idempotent: an appointment already cancelled is returned as it is.
     * Refuses (409 "appointment-not-booked") one that was SERVED or NO_SHOW.
     */
    public Appointment cancelIfBooked(Appointment current) {
        Appointment seen = current;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (seen.status() == AppointmentStatus.CANCELLED) {
                return seen;
            }
            requireBooked(seen);
            Appointment cancelled = seen.withStatus(AppointmentStatus.CANCELLED, clock.instant());
            String citizen = citizenKey(seen.citizen().idNumber());
            List<TransactWriteItem> items = List.of(
                    changeAppointment(seen, cancelled),
                    freePlace(seen.officeId(), seen.date(), seen.time()),
                    deleteDayGuard(citizen, seen),
                    releaseActive(citizen));
            Appointment attempted = seen;
            boolean[] changedUnderUs = {false};
            transact(items, reasons -> {
                if (failed(reasons, 0)) {
                    changedUnderUs[0] = true;
                    return null;
                }
                return unexpected("cancel", attempted, reasons);
            });
            if (!changedUnderUs[0]) {
                return cancelled;
            }
            // Moved or cancelled by a concurrent request: decide again on what is stored now.
            seen = find(seen.appointmentId()).orElseThrow();
        }
        throw busy();
    }

    /**
     * Moves a BOOKED appointment to another slot of the same office in one transaction: the new
     * place is taken (below {@code capacity}) and the old one freed together, or nothing changes.
     * A move to another day swaps the citizen's day guard in the same transaction.
     */
    public Appointment moveIfAvailable(Appointment current, LocalDate date, LocalTime time, int capacity) {
        requireBooked(current);
        if (current.holds(date, time)) {
            return current;
        }
        Appointment moved = current.movedTo(date, time, clock.instant());
        String citizen = citizenKey(current.citizen().idNumber());
        boolean newDay = !current.date().equals(date);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(changeAppointment(current, moved));
        if (newDay) {
            items.add(put(dayGuard(citizen, moved), "attribute_not_exists(pk)"));
        }
        int newPlace = items.size();
        items.add(takePlace(current.officeId(), date, time, capacity));
        items.add(freePlace(current.officeId(), current.date(), current.time()));
        if (newDay) {
            items.add(deleteDayGuard(citizen, current));
        }
        transact(items, reasons -> {
            if (failed(reasons, 0)) {
                return changedMeanwhile(current);
            }
            if (newDay && failed(reasons, 1)) {
                return ApiProblem.conflict("already-booked-that-day", "This citizen already has an appointment at "
                        + current.officeId() + " on " + date);
            }
            if (failed(reasons, newPlace)) {
                return ApiProblem.conflict("slot-full", "The slot " + date + " " + SlotCalendar.format(time)
                        + " is fully booked");
            }
            return unexpected("move", current, reasons);
        });
        return moved;
    }

    /**
     * The officer's outcome for a BOOKED appointment (SERVED or NO_SHOW): it stops being active
     * and releases the citizen's day guard; its place stays taken, since the slot was used.
     */
    public Appointment closeIfBooked(Appointment current, AppointmentStatus outcome) {
        return closeIfBooked(current, outcome, null);
    }

    /**
     * {@link #closeIfBooked(Appointment, AppointmentStatus)}, counting the outcome in the public
     * KPIs ({@code stats}, may be null) in the same transaction: an appointment closed once is
     * counted once.
     */
    public Appointment closeIfBooked(Appointment current, AppointmentStatus outcome, StatsRepository stats) {
        if (outcome != AppointmentStatus.SERVED && outcome != AppointmentStatus.NO_SHOW) {
            throw new IllegalArgumentException("An officer closes an appointment as SERVED or NO_SHOW, not " + outcome);
        }
        requireBooked(current);
        Appointment closed = current.withStatus(outcome, clock.instant());
        String citizen = citizenKey(current.citizen().idNumber());
        List<TransactWriteItem> items = new ArrayList<>(List.of(changeAppointment(current, closed),
                deleteDayGuard(citizen, current), releaseActive(citizen)));
        if (stats != null) {
            items.addAll(stats.updates(StatsDelta.appointmentClosed(current.officeId(), current.date(), outcome)));
        }
        transact(items, reasons -> failed(reasons, 0) ? changedMeanwhile(current) : unexpected("close", current, reasons));
        return closed;
    }

    /** An office's appointments on one day, in time order: one Query on {@value #GSI1} (paged through). */
    public List<Appointment> dayList(String officeId, LocalDate date) {
        List<Appointment> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(GSI1)
                    .keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(officeId + "#" + date)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> out.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** The key the citizen's guards live under: a hash, so no citizen ID number is ever a key. */
    public static String citizenKey(String idNumber) {
        return Secrets.hash("citizen-id:" + idNumber);
    }

    // --- transaction items -------------------------------------------------------------------

    private TransactWriteItem takePlace(String officeId, LocalDate date, LocalTime time, int capacity) {
        // ADD creates the counter on the slot's first booking; the condition is what makes
        // overbooking impossible: DynamoDB evaluates it and the increment atomically.
        return update(slotKey(officeId, date, time), "ADD booked :one",
                "attribute_not_exists(booked) OR booked < :capacity",
                Map.of(), Map.of(":one", n(1), ":capacity", n(capacity)));
    }

    private TransactWriteItem freePlace(String officeId, LocalDate date, LocalTime time) {
        return update(slotKey(officeId, date, time), "ADD booked :minus",
                "booked >= :one", Map.of(), Map.of(":minus", n(-1), ":one", n(1)));
    }

    private TransactWriteItem releaseActive(String citizen) {
        return update(activeKey(citizen), "ADD #count :minus", "#count >= :one",
                Map.of("#count", "count"), Map.of(":minus", n(-1), ":one", n(1)));
    }

    private TransactWriteItem deleteDayGuard(String citizen, Appointment appointment) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(dayGuardKey(citizen, appointment.officeId(), appointment.date()))
                .conditionExpression("appointmentId = :id")
                .expressionAttributeValues(Map.of(":id", s(appointment.appointmentId())))
                .build()).build();
    }

    /** Replaces the appointment only if it is still the BOOKED version the decision was made on. */
    private TransactWriteItem changeAppointment(Appointment seen, Appointment next) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(next))
                .conditionExpression("#status = :booked AND #version = :version")
                .expressionAttributeNames(Map.of("#status", "status", "#version", "version"))
                .expressionAttributeValues(Map.of(":booked", s(AppointmentStatus.BOOKED.name()),
                        ":version", n(seen.version())))
                .build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).build()).build();
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, String expression, String condition,
                                     Map<String, String> names, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression(expression).conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    /**
     * Runs the transaction. A condition that failed is the caller's to name ({@code refusal}
     * returns the problem to throw, or null to let the caller decide again). A cancellation only
     * by a concurrent transaction on the same items (TransactionConflict) wrote nothing and is
     * retried with jitter; each attempt has its own ClientRequestToken, so the SDK's own retries
     * of one attempt are idempotent.
     */
    private void transact(List<TransactWriteItem> items, Function<List<CancellationReason>, RuntimeException> refusal) {
        List<CancellationReason> reasons = new ArrayList<>();
        if (!Transactions.write(dynamo, items, ids::id, reasons)) {
            RuntimeException problem = refusal.apply(reasons);
            if (problem != null) {
                throw problem;
            }
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return Transactions.failed(reasons, index);
    }

    private static ApiProblem busy() {
        return new ApiProblem(503, "busy", "Service busy",
                "Too many requests are changing the same slot at once; try again in a moment");
    }

    /** The appointment item's condition failed: another request changed it since it was read. */
    private ApiProblem changedMeanwhile(Appointment seen) {
        Appointment now = find(seen.appointmentId()).orElseThrow();
        return now.isBooked()
                ? ApiProblem.conflict("appointment-changed",
                        "The appointment changed while this request was deciding; read it and try again")
                : notBooked(now);
    }

    private static void requireBooked(Appointment appointment) {
        if (!appointment.isBooked()) {
            throw notBooked(appointment);
        }
    }

    private static ApiProblem notBooked(Appointment appointment) {
        return ApiProblem.conflict("appointment-not-booked", "The appointment is " + appointment.status()
                + " and can no longer change");
    }

    /** A condition the domain guarantees failed: the stored invariants are broken, a bug for a 500. */
    private static IllegalStateException unexpected(String action, Appointment appointment, List<CancellationReason> reasons) {
        return new IllegalStateException("Cannot " + action + " appointment " + appointment.appointmentId()
                + ": unexpected cancellation reasons " + reasons.stream().map(CancellationReason::code).toList());
    }

    // --- keys and items ----------------------------------------------------------------------

    static String slotPk(String officeId, LocalDate date) {
        return "SLOT#" + officeId + "#" + date;
    }

    static Map<String, AttributeValue> slotKey(String officeId, LocalDate date, LocalTime time) {
        return key(slotPk(officeId, date), SlotCalendar.format(time));
    }

    static Map<String, AttributeValue> apptKey(String appointmentId) {
        return key("APPT#" + appointmentId, "APPT");
    }

    static Map<String, AttributeValue> dayGuardKey(String citizen, String officeId, LocalDate date) {
        return key("CITIZEN#" + citizen, "DAY#" + officeId + "#" + date);
    }

    static Map<String, AttributeValue> activeKey(String citizen) {
        return key("CITIZEN#" + citizen, "ACTIVE");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> dayGuard(String citizen, Appointment appointment) {
        Map<String, AttributeValue> item = new HashMap<>(dayGuardKey(citizen, appointment.officeId(), appointment.date()));
        item.put("appointmentId", s(appointment.appointmentId()));
        return item;
    }

    static Map<String, AttributeValue> toItem(Appointment a) {
        Map<String, AttributeValue> item = new HashMap<>(apptKey(a.appointmentId()));
        String time = SlotCalendar.format(a.time());
        item.put("gsi1pk", s(a.officeId() + "#" + a.date()));
        item.put("gsi1sk", s(time + "#" + a.appointmentId()));
        item.put("appointmentId", s(a.appointmentId()));
        item.put("officeId", s(a.officeId()));
        item.put("date", s(a.date().toString()));
        item.put("time", s(time));
        item.put("status", s(a.status().name()));
        if (a.procedureCode() != null) {
            item.put("procedureCode", s(a.procedureCode()));
        }
        if (a.trackingCode() != null) {
            item.put("trackingCode", s(a.trackingCode()));
        }
        item.put("fullName", s(a.citizen().fullName()));
        item.put("idNumber", s(a.citizen().idNumber()));
        item.put("phone", s(a.citizen().phone()));
        item.put("cancelTokenHash", s(a.cancelTokenHash()));
        item.put("version", n(a.version()));
        item.put("createdAt", s(a.createdAt().toString()));
        item.put("updatedAt", s(a.updatedAt().toString()));
        return item;
    }

    static Appointment fromItem(Map<String, AttributeValue> item) {
        return new Appointment(str(item, "appointmentId"), str(item, "officeId"),
                LocalDate.parse(str(item, "date")), LocalTime.parse(str(item, "time")),
                AppointmentStatus.valueOf(str(item, "status")), str(item, "procedureCode"), str(item, "trackingCode"),
                new Citizen(str(item, "fullName"), str(item, "idNumber"), str(item, "phone")),
                str(item, "cancelTokenHash"), Long.parseLong(item.get("version").n()),
                Instant.parse(str(item, "createdAt")), Instant.parse(str(item, "updatedAt")));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
