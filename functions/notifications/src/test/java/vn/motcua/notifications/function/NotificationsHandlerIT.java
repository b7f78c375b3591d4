package vn.motcua.notifications.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Outbox;
import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;

/** The notifications function against the local stack: its real SES and SNS calls reach moto (the outbox), once. */
class NotificationsHandlerIT {

    static final LocalStack STACK = LocalStack.shared();
    static final Config CONFIG = STACK.configFor("NotificationsFunction");
    static final NotificationsHandler HANDLER = new NotificationsHandler(CONFIG);

    static Notification received(String code, String email) {
        return new Notification(NotificationText.APPLICATION_STATUS, code + "#2#RECEIVED", code, null, "Võ Thị Em",
                "+84977000222", email, Map.of("status", "RECEIVED", "dueDate", "28/04/2026"));
    }

    static SQSEvent event(Object... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Object body : bodies) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(UUID.randomUUID().toString());
            m.setBody(body instanceof String s ? s : Json.write(body));
            m.setEventSource("aws:sqs");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** What moto's SES and SNS accepted about this dossier, as the stack mirrors it into outbox.jsonl. */
    static List<Outbox.Sent> outbox(String code) {
        return STACK.outbox().stream()
                .filter(n -> n.body().contains(code) || (n.subject() != null && n.subject().contains(code))).toList();
    }

    @Test
    void anSmsReachesMotosSnsInVietnameseOnceHoweverOftenItIsDelivered() {
        String code = "HN-" + UUID.randomUUID();
        Notification n = received(code, null);
        for (int delivery = 0; delivery < 3; delivery++) {
            assertThat(HANDLER.handleEvent(event(n), null).getBatchItemFailures()).isEmpty();
        }
        assertThat(HANDLER.handleEvent(event(n, n), null).getBatchItemFailures()).isEmpty();
        List<Outbox.Sent> sent = outbox(code);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).channel()).isEqualTo("SMS");
        assertThat(sent.get(0).to()).isEqualTo("+84977000222");
        assertThat(sent.get(0).subject()).isNull();
        assertThat(sent.get(0).body())
                .isEqualTo("Hồ sơ " + code + " đã được tiếp nhận. Hạn trả kết quả: 28/04/2026.");
    }

    @Test
    void anApplicantWithAnEmailIsWrittenToThroughMotosSes() {
        String code = "HN-" + UUID.randomUUID();
        assertThat(HANDLER.handleEvent(event(received(code, "em.vo@example.vn")), null).getBatchItemFailures()).isEmpty();
        assertThat(outbox(code)).singleElement().satisfies(n -> {
            assertThat(n.channel()).isEqualTo("EMAIL");
            assertThat(n.to()).isEqualTo("em.vo@example.vn");
            assertThat(n.subject()).contains(code);
            assertThat(n.body()).isEqualTo("Hồ sơ " + code + " đã được tiếp nhận. Hạn trả kết quả: 28/04/2026.");
            assertThat(java.time.Instant.parse(n.at())).isCloseTo(java.time.Instant.now(),
                    org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        });
    }

    @Test
    void aPhoneNumberSnsRefusesIsReportedAsABatchFailureAndNothingIsSent() {
        // SNS takes E.164 only: a number as typed (0977…) is refused by moto as by AWS, and the
        // message goes back to the queue rather than being marked sent.
        String code = "HN-" + UUID.randomUUID();
        Notification typed = new Notification(NotificationText.APPLICATION_STATUS, code + "#2#RECEIVED", code, null,
                "Võ Thị Em", "0977000222", null, Map.of("status", "RECEIVED", "dueDate", "28/04/2026"));
        assertThat(HANDLER.handleEvent(event(typed), null).getBatchItemFailures()).hasSize(1);
        assertThat(outbox(code)).isEmpty();
    }

    @Test
    void anEmailFromASenderSesNeverVerifiedIsRefused() {
        String code = "HN-" + UUID.randomUUID();
        NotificationsHandler unverified = new NotificationsHandler(CONFIG.with(
                Map.of("NOTIFICATION_EMAIL_FROM", "someone-else@motcua.example.vn")));
        assertThat(unverified.handleEvent(event(received(code, "em.vo@example.vn")), null).getBatchItemFailures())
                .hasSize(1);
        assertThat(outbox(code)).isEmpty();
    }

    @Test
    void aFailedSendIsRetriedAndThenSentOnce() {
        AwsClients clients = new AwsClients(CONFIG);
        Idempotency idempotency = new Idempotency(clients.enhanced(clients.dynamoDb()), CONFIG.idempotencyTable(),
                Clock.systemUTC(), IdGenerator.secure());
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        NotificationsHandler flaky = new NotificationsHandler((n, m) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("injected: SMS gateway down");
            }
            delivered.add(m.body());
        }, idempotency);
        Notification n = received("HN-" + UUID.randomUUID(), null);
        SQSEvent delivery = event(n);
        assertThat(flaky.handleEvent(delivery, null).getBatchItemFailures()).hasSize(1);
        assertThat(flaky.handleEvent(delivery, null).getBatchItemFailures()).isEmpty();
        assertThat(flaky.handleEvent(delivery, null).getBatchItemFailures()).isEmpty();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void malformedMessagesAreReportedAndTheRestOfTheBatchIsSent() {
        String code = "HN-" + UUID.randomUUID();
        SQSEvent batch = event("not json", "{\"kind\":\"APPLICATION_STATUS\"}", received(code, null));
        SQSBatchResponse response = HANDLER.handleEvent(batch, null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(batch.getRecords().get(0).getMessageId(), batch.getRecords().get(1).getMessageId());
        assertThat(outbox(code)).hasSize(1);
    }
}
