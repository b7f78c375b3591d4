package vn.motcua.intake.function;

import vn.motcua.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;

import java.util.List;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationView;
import vn.motcua.application.Dossiers;
import vn.motcua.application.Intake;
import vn.motcua.application.IntakeRepair;
import vn.motcua.application.Status;
import vn.motcua.aws.AwsClients;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.local.TransactionConflicts;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.queue.IntakeQueue;
import vn.motcua.queue.SqsIntakeQueue;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;

/**
 * Intake against the embedded stack's real table and queues, with the clock under the test's
 * control: due dates, redelivery, poison messages and the DLQ, and the injected queue fault.
 */
class IntakeIT {

    static final LocalStack STACK = LocalStack.shared();
    static final Config CONFIG = STACK.configFor("IntakeFunction");
    static final SqsClient SQS = STACK.sqs();
    static final String INTAKE_QUEUE = STACK.queueUrl("IntakeQueue");
    static final String INTAKE_DLQ = STACK.queueUrl("IntakeDeadLetterQueue");
    static final String NOTIFICATIONS_QUEUE = STACK.queueUrl("NotificationsQueue");
    static final ApplicationRepository REPOSITORY;
    static final Catalogue CATALOGUE;

    static {
        AwsClients clients = new AwsClients(CONFIG);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        // Counting, as IntakeHandler wires it in AWS: the receipt and its KPI in one transaction.
        REPOSITORY = new ApplicationRepository(dynamoDb, enhanced, CONFIG.applicationsTable(),
                new vn.motcua.storage.StatsRepository(dynamoDb, CONFIG.statsTable()));
        CATALOGUE = new Catalogue(new CatalogueRepository(enhanced, CONFIG.catalogueTable()), Clock.systemUTC(),
                Duration.ofMinutes(5));
    }

    /** HT-005 at Hàng Trống: 1 processing day, no mandatory document. */
    static final String BODY = """
            {"procedureCode":"HT-005","officeId":"hang-trong",
             "applicant":{"fullName":"Trần Thị Bình","idNumber":"001199054321","phone":"0987654321"},
             "fields":{"eventType":"MARRIAGE","copies":1}}
            """;

    final SettableClock clock = new SettableClock(hanoi("2026-04-24T10:00"));
    final IntakeHandler intake = new IntakeHandler(new Intake(REPOSITORY, CATALOGUE,
            new SqsNotifier(SQS, NOTIFICATIONS_QUEUE), clock));

    @BeforeEach
    void emptyQueues() {
        drain(INTAKE_QUEUE);
        drain(INTAKE_DLQ);
        drain(NOTIFICATIONS_QUEUE);
    }

    @Test
    void aDossierSubmittedOnFridayBeforeAHolidayMondayIsDueOnTuesday() throws Exception {
        String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
        clock.advance(Duration.ofSeconds(5));
        assertThat(intake.handleEvent(event(messagesFor(code, INTAKE_QUEUE)), null).getBatchItemFailures()).isEmpty();

        Application a = REPOSITORY.find(code).orElseThrow();
        assertThat(a.status()).isEqualTo(Status.RECEIVED);
        assertThat(a.receivedAt()).isEqualTo("2026-04-24T10:00:05+07:00");
        // Saturday, Sunday and Monday 27/04 (compensatory Hùng Kings' day) are skipped.
        assertThat(a.dueDate()).isEqualTo("2026-04-28T17:00:00+07:00");
        assertThat(a.intakePending()).isFalse();
        assertThat(a.lastChange().by().label()).isEqualTo("system");

        // One notification per status change: SUBMITTED (from the submit), then RECEIVED.
        List<JsonNode> notifications = messagesFor(code, NOTIFICATIONS_QUEUE).stream().map(m -> tree(m.body())).toList();
        assertThat(notifications).extracting(n -> n.get("details").get("status").asText())
                .containsExactlyInAnyOrder("SUBMITTED", "RECEIVED");
        JsonNode notification = notifications.stream()
                .filter(n -> n.get("details").get("status").asText().equals("RECEIVED")).findFirst().orElseThrow();
        assertThat(notification.get("details").get("dueDate").asText()).isEqualTo("28/04/2026");
        assertThat(notification.get("phone").asText()).isEqualTo("+84987654321");
    }

    @Test
    void aDossierSubmittedOnTheEveOfTet2027IsDueAfterTheHolidays() throws Exception {
        clock.set(hanoi("2027-02-03T16:30"));
        String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
        intake.handleEvent(event(messagesFor(code, INTAKE_QUEUE)), null);
        assertThat(REPOSITORY.find(code).orElseThrow().dueDate()).isEqualTo("2027-02-11T17:00:00+07:00");
    }

    @Test
    void aRedeliveredIntakeMessageChangesNothingTheSecondTime() throws Exception {
        String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
        SQSEvent delivery = event(messagesFor(code, INTAKE_QUEUE));
        intake.handleEvent(delivery, null);
        Application first = REPOSITORY.find(code).orElseThrow();
        clock.advance(Duration.ofHours(30));

        // At-least-once: the same message again, and five more at the same time.
        assertThat(intake.handleEvent(delivery, null).getBatchItemFailures()).isEmpty();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<SQSBatchResponse>> concurrent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            concurrent.add(pool.submit(() -> intake.handleEvent(delivery, null)));
        }
        for (Future<SQSBatchResponse> f : concurrent) {
            assertThat(f.get().getBatchItemFailures()).isEmpty();
        }
        pool.shutdown();

        Application after = REPOSITORY.find(code).orElseThrow();
        assertThat(after.version()).isEqualTo(first.version());
        assertThat(after).isEqualTo(first);
        assertThat(after.history()).filteredOn(h -> h.to() == Status.RECEIVED).hasSize(1);
        // The notification may be queued again, always with the same dedupKey: it is sent once.
        List<String> keys = messagesFor(code, NOTIFICATIONS_QUEUE).stream()
                .map(m -> tree(m.body()))
                .filter(n -> n.get("details").get("status").asText().equals("RECEIVED"))
                .map(n -> n.get("dedupKey").asText()).distinct().toList();
        assertThat(keys).singleElement().asString().endsWith("#RECEIVED");
    }

    @Test
    void onlyThePoisonMessageOfABatchIsReportedAndItEndsInTheDeadLetterQueue() throws Exception {
        String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
        List<Message> good = messagesFor(code, INTAKE_QUEUE);
        SQS.sendMessage(b -> b.queueUrl(INTAKE_QUEUE).messageBody("{\"trackingCode\": \"not a code\"}"));
        SQS.sendMessage(b -> b.queueUrl(INTAKE_QUEUE).messageBody("this is not JSON"));
        List<Message> poison = receive(INTAKE_QUEUE, 2);
        List<Message> batch = new ArrayList<>(good);
        batch.addAll(poison);
        SQSBatchResponse response = intake.handleEvent(event(batch), null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrderElementsOf(poison.stream().map(Message::messageId).toList());
        assertThat(REPOSITORY.find(code).orElseThrow().status()).isEqualTo(Status.RECEIVED);

        // What the event source does with a failure: the message becomes visible again. The
        // queue's RedrivePolicy (maxReceiveCount 5) moves it to the DLQ after its 5th receive.
        int receives = 1;
        for (int i = 0; i < 10; i++) {
            for (Message m : poison) {
                SQS.changeMessageVisibility(b -> b.queueUrl(INTAKE_QUEUE).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
            poison = receive(INTAKE_QUEUE, 2);
            if (poison.isEmpty()) {
                break;
            }
            receives++;
            assertThat(intake.handleEvent(event(poison), null).getBatchItemFailures()).hasSize(poison.size());
        }
        assertThat(receives).isEqualTo(5);
        assertThat(receive(INTAKE_DLQ, 2)).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"trackingCode\": \"not a code\"}", "this is not JSON");
    }

    @Test
    void whenTheIntakeQueueRefusesTheMessageTheDossierIsStillSubmittedAndLaterReceived() throws Exception {
        IntakeQueue refusing = message -> {
            throw SqsException.builder().message("injected: the queue refused the message").statusCode(500).build();
        };
        String code = submit(refusing);
        Application submitted = REPOSITORY.find(code).orElseThrow();
        assertThat(submitted.status()).isEqualTo(Status.SUBMITTED);
        assertThat(submitted.intakePending()).isTrue();
        assertThat(messagesFor(code, INTAKE_QUEUE)).isEmpty();

        IntakeRepairHandler repair = new IntakeRepairHandler(new IntakeRepair(REPOSITORY,
                new SqsIntakeQueue(SQS, INTAKE_QUEUE), clock, Duration.ofMinutes(2)));
        // Too early: a dossier submitted a minute ago may simply be on its way.
        clock.advance(Duration.ofMinutes(1));
        repair.handleEvent(null, null);
        assertThat(messagesFor(code, INTAKE_QUEUE)).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat((Integer) repair.handleEvent(null, null).get("requeued")).isGreaterThanOrEqualTo(1);
        List<Message> requeued = messagesFor(code, INTAKE_QUEUE);
        assertThat(requeued).hasSize(1);
        assertThat(intake.handleEvent(event(requeued), null).getBatchItemFailures()).isEmpty();

        Application received = REPOSITORY.find(code).orElseThrow();
        assertThat(received.status()).isEqualTo(Status.RECEIVED);
        assertThat(received.submittedAt()).isEqualTo(submitted.submittedAt());
        // Received and no longer pending: the next runs leave it alone.
        clock.advance(Duration.ofMinutes(10));
        repair.handleEvent(null, null);
        assertThat(messagesFor(code, INTAKE_QUEUE)).isEmpty();
    }

    @Test
    void theRepairStopsAfterFiveRequeuesOfADossierIntakeNeverTakes() throws Exception {
        String code = submit(message -> {
            throw SqsException.builder().message("injected").statusCode(500).build();
        });
        IntakeRepair repair = new IntakeRepair(REPOSITORY, new SqsIntakeQueue(SQS, INTAKE_QUEUE), clock, Duration.ofMinutes(2));
        int sent = 0;
        for (int run = 0; run < 8; run++) {
            clock.advance(Duration.ofMinutes(5));
            repair.run();
            sent += messagesFor(code, INTAKE_QUEUE).size();
        }
        assertThat(sent).isEqualTo(IntakeRepair.MAX_REQUEUES);
        assertThat(REPOSITORY.find(code).orElseThrow().status()).isEqualTo(Status.SUBMITTED);
    }

    @Test
    void anIntakeWhoseTransactionKeepsConflictingIsReportedAsABatchFailureNotLost() throws Exception {
        String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
        SQSEvent delivery = event(messagesFor(code, INTAKE_QUEUE));
        Application before = REPOSITORY.find(code).orElseThrow();
        SQSBatchResponse answer;
        try (TransactionConflicts.Injection conflicts = TransactionConflicts.inject(1.0)) {
            answer = intake.handleEvent(delivery, null);
            assertThat(conflicts.cancelled()).isPositive();
        }
        assertThat(answer.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(delivery.getRecords().get(0).getMessageId());
        assertThat(REPOSITORY.find(code).orElseThrow()).isEqualTo(before);

        // SQS delivers it again; now it lands, once.
        assertThat(intake.handleEvent(delivery, null).getBatchItemFailures()).isEmpty();
        Application after = REPOSITORY.find(code).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.RECEIVED);
        assertThat(after.history()).filteredOn(h -> h.to() == Status.RECEIVED).hasSize(1);
    }

    @Test
    void underThirtyPercentConflictsEveryDossierOfABatchIsReceivedAndCountedExactlyOnce() throws Exception {
        List<String> codes = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String code = submit(new SqsIntakeQueue(SQS, INTAKE_QUEUE));
            codes.add(code);
            messages.addAll(messagesFor(code, INTAKE_QUEUE));
        }
        java.time.YearMonth month = java.time.YearMonth.of(2026, 4);
        vn.motcua.storage.StatsRepository stats = new vn.motcua.storage.StatsRepository(new AwsClients(CONFIG).dynamoDb(),
                CONFIG.statsTable());
        long receivedBefore = received(stats, month);
        int cancelled;
        List<Message> pending = messages;
        try (TransactionConflicts.Injection conflicts = TransactionConflicts.inject(0.3)) {
            // As the event source does: what a batch reports failed comes back, until none is left.
            for (int delivery = 0; delivery < 20 && !pending.isEmpty(); delivery++) {
                SQSEvent batch = event(pending);
                java.util.Set<String> failed = new java.util.HashSet<>();
                intake.handleEvent(batch, null).getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                pending = pending.stream().filter(m -> failed.contains(m.messageId())).toList();
            }
            cancelled = conflicts.cancelled();
        }
        assertThat(cancelled).as("intake transactions cancelled by the injection").isGreaterThanOrEqualTo(3);
        assertThat(pending).isEmpty();
        for (String code : codes) {
            Application a = REPOSITORY.find(code).orElseThrow();
            assertThat(a.status()).isEqualTo(Status.RECEIVED);
            assertThat(a.history()).filteredOn(h -> h.to() == Status.RECEIVED).hasSize(1);
        }
        assertThat(received(stats, month)).isEqualTo(receivedBefore + codes.size());
    }

    static long received(vn.motcua.storage.StatsRepository stats, java.time.YearMonth month) {
        return stats.months("hang-trong", month, month).stream()
                .mapToLong(m -> m.getOrDefault(vn.motcua.stats.Counter.RECEIVED, 0L)).sum();
    }

    // --- helpers ---

    /** Creates and submits a dossier at the test clock's time; returns its tracking code. */
    String submit(IntakeQueue queue) throws Exception {
        Dossiers dossiers = new Dossiers(REPOSITORY, CATALOGUE, queue, new SqsNotifier(SQS, NOTIFICATIONS_QUEUE),
                clock, IdGenerator.secure());
        Dossiers.Created created = dossiers.create(Json.tree(BODY));
        ApplicationView view = dossiers.submit(created.trackingCode(), Optional.of(created.accessKey()));
        assertThat(view.status()).isEqualTo(Status.SUBMITTED);
        return created.trackingCode();
    }

    static Instant hanoi(String local) {
        return LocalDateTime.parse(local).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static JsonNode tree(String json) {
        try {
            return Json.tree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queue's messages about {@code code} (deleted); the others go back to the queue. */
    static List<Message> messagesFor(String code, String queueUrl) {
        List<Message> mine = new ArrayList<>();
        for (Message m : receive(queueUrl, 100)) {
            if (m.body().contains(code)) {
                mine.add(m);
                SQS.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            } else {
                SQS.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
        }
        return mine;
    }

    static List<Message> receive(String queueUrl, int max) {
        List<Message> out = new ArrayList<>();
        while (out.size() < max) {
            List<Message> batch = SQS.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(Math.min(10, max - out.size()))
                    .waitTimeSeconds(0).visibilityTimeout(30)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                break;
            }
            out.addAll(batch);
        }
        return out;
    }

    static void drain(String queueUrl) {
        SQS.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    /** What the Lambda event source would deliver for these messages (the local stack's own builder). */
    static SQSEvent event(List<Message> messages) {
        return STACK.sqsEvent("IntakeQueue", messages);
    }
}
