package vn.motcua.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.appointment.Citizen;
import vn.motcua.id.IdGenerator;
import vn.motcua.problem.ApiProblem;

/**
 * How the repository reads DynamoDB's cancellation reasons, against the SDK's exception shape
 * and without a network. The conditions themselves, and the retry on TransactionConflict injected
 * at the SDK level, are proven on moto (AppointmentsConcurrencyIT, AppointmentsHandlerIT).
 */
class AppointmentRepositoryTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);
    static final Appointment APPOINTMENT = new Appointment("0123456789abcdef0123456789abcdef", "hoan-kiem",
            LocalDate.parse("2026-03-10"), LocalTime.parse("08:00"), AppointmentStatus.BOOKED, null, null,
            new Citizen("Nguyễn Văn An", "001190012345", "0912345678"), "hash", 1, CLOCK.instant(), CLOCK.instant());

    private final List<TransactWriteItemsRequest> requests = new ArrayList<>();

    @Test
    void aTransactionCancelledOnlyByAConflictIsRetriedWithANewToken() {
        AppointmentRepository repository = repository(cancelled(null, null, "TransactionConflict", null),
                cancelled("None", "TransactionConflict", "None", "None"), null);
        repository.bookIfAvailable(APPOINTMENT, 6);
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(TransactWriteItemsRequest::clientRequestToken).doesNotHaveDuplicates();
        assertThat(requests.get(0).transactItems()).hasSize(4);
    }

    @Test
    void aFailedConditionIsNotRetriedAndNamesTheRuleThatHeld() {
        ApiProblem full = catchThrowableOfType(ApiProblem.class, () -> repository(
                cancelled("None", "None", "ConditionalCheckFailed", "None")).bookIfAvailable(APPOINTMENT, 6));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.type()).isEqualTo("slot-full");
        assertThat(requests).hasSize(1);

        ApiProblem limit = catchThrowableOfType(ApiProblem.class, () -> repository(
                cancelled("None", "ConditionalCheckFailed", "ConditionalCheckFailed", "None")).bookIfAvailable(APPOINTMENT, 6));
        assertThat(limit.type()).as("the citizen's rule before the slot").isEqualTo("booking-limit");

        ApiProblem sameDay = catchThrowableOfType(ApiProblem.class, () -> repository(
                cancelled("ConditionalCheckFailed", "ConditionalCheckFailed", "ConditionalCheckFailed", "None"))
                .bookIfAvailable(APPOINTMENT, 6));
        assertThat(sameDay.type()).isEqualTo("already-booked-that-day");
    }

    @Test
    void endlessConflictsEndIn503NotALoop() {
        TransactionCanceledException conflict = cancelled("TransactionConflict", "None", "None", "None");
        TransactionCanceledException[] always = new TransactionCanceledException[20];
        Arrays.fill(always, conflict);
        ApiProblem busy = catchThrowableOfType(ApiProblem.class, () -> repository(always).bookIfAvailable(APPOINTMENT, 6));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(requests).hasSize(10);
    }

    /** A client whose successive TransactWriteItems answers are the given exceptions (null = success). */
    private AppointmentRepository repository(TransactionCanceledException... answers) {
        DynamoDbClient client = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && args[0] instanceof TransactWriteItemsRequest r) {
                        requests.add(r);
                        TransactionCanceledException answer = requests.size() <= answers.length ? answers[requests.size() - 1] : null;
                        if (answer != null) {
                            throw answer;
                        }
                        return TransactWriteItemsResponse.builder().build();
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new AssertionError("unexpected call " + method.getName());
                });
        requests.clear();
        return new AppointmentRepository(client, "AppointmentsTable", CLOCK, IdGenerator.seeded(7));
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }
}
