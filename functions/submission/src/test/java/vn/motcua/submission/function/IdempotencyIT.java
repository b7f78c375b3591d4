package vn.motcua.submission.function;

import vn.motcua.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.local.LocalStack;
import vn.motcua.problem.ApiProblem;

/** The shared Idempotency against the real table, with time under the test's control. */
class IdempotencyIT {

    static final Config CONFIG = LocalStack.shared().configFor("SubmissionFunction");
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
    final Idempotency idempotency;

    IdempotencyIT() {
        AwsClients clients = new AwsClients(CONFIG);
        idempotency = new Idempotency(clients.enhanced(clients.dynamoDb()), CONFIG.idempotencyTable(), clock,
                IdGenerator.secure());
    }

    static Request request(String key, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /things");
        event.setRawPath("/things");
        event.setHeaders(Map.of("idempotency-key", key, "content-type", "application/json"));
        event.setBody(body);
        return new Request(event);
    }

    @Test
    void aOnceClaimWhoseHolderDiedIsTakenOverAfterTheLock() throws Exception {
        String key = UUID.randomUUID().toString();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> idempotency.once("test", key,
                Duration.ofDays(1), () -> {
                    stuck.countDown();
                    await(release);
                    runs.incrementAndGet();
                }));
        stuck.await();
        // Held and not stale: the second worker's message goes back to the queue.
        assertThatThrownBy(() -> idempotency.once("test", key, Duration.ofDays(1), runs::incrementAndGet))
                .isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(0);

        clock.advance(Idempotency.LOCK.plusSeconds(1));
        assertThat(idempotency.once("test", key, Duration.ofDays(1), runs::incrementAndGet)).isTrue();
        release.countDown();
        assertThat(first.get()).isTrue();
        assertThat(runs).hasValue(2);
        // The late first holder's completion did not take the key back; it stays done.
        assertThat(idempotency.once("test", key, Duration.ofDays(1), runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(2);
    }

    @Test
    void afterTwentyFourHoursTheKeyIsFreeAgain() {
        String key = UUID.randomUUID().toString();
        idempotency.write(request(key, "{\"a\":1}"), "test", claim -> Response.json(201, "{\"n\":1}"));
        clock.advance(Duration.ofHours(23));
        assertThatThrownBy(() -> idempotency.write(request(key, "{\"a\":2}"), "test",
                claim -> Response.json(201, "{}")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(422));
        clock.advance(Duration.ofHours(2));
        assertThat(idempotency.write(request(key, "{\"a\":2}"), "test",
                claim -> Response.json(201, "{\"n\":2}")).body())
                .isEqualTo("{\"n\":2}");
    }

    @Test
    void scopesDoNotShareKeys() {
        String key = UUID.randomUUID().toString();
        idempotency.write(request(key, "{}"), "POST /applications", claim -> Response.json(201, "{\"n\":1}"));
        assertThat(idempotency.write(request(key, "{}"), "POST /appointments",
                claim -> Response.json(201, "{\"n\":2}")).body())
                .isEqualTo("{\"n\":2}");
    }

    @Test
    void aFoldedWriteWhoseWorkWritesNothingStillStoresItsAnswerAndReplaysIt() {
        String key = UUID.randomUUID().toString();
        java.util.function.BiFunction<String, String, Response> run = (body, answer) ->
                idempotency.write(request(key, body), "test", claim -> Response.json(201, answer));
        assertThat(run.apply("{}", "{\"n\":1}").body()).isEqualTo("{\"n\":1}");
        Response replay = run.apply("{}", "{\"n\":2}");
        assertThat(replay.body()).isEqualTo("{\"n\":1}");
        assertThat(replay.toEvent().getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThatThrownBy(() -> run.apply("{\"a\":1}", "{}"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(422));
    }

    @Test
    void aChangeRefusedWith404NeverTouchesTheTable() {
        // The table is unreachable for this instance: a 404 must not even look.
        Idempotency offline = new Idempotency(software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.builder()
                .dynamoDbClient(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                        .region(software.amazon.awssdk.regions.Region.AP_SOUTHEAST_1)
                        .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                        .build()).build(), "nowhere", clock, IdGenerator.secure());
        assertThatThrownBy(() -> offline.write(request(UUID.randomUUID().toString(), "{}"), "test", claim -> {
            throw ApiProblem.notFound("no such dossier");
        })).isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
    }

    @Test
    void onceKeepsItsKeyForItsOwnWindowNotTheRequestsTwentyFourHours() {
        AtomicInteger runs = new AtomicInteger();
        String key = UUID.randomUUID().toString();
        assertThat(idempotency.once("test", key, Duration.ofDays(14), runs::incrementAndGet)).isTrue();
        clock.advance(Duration.ofDays(13));
        assertThat(idempotency.once("test", key, Duration.ofDays(14), runs::incrementAndGet)).isFalse();
        clock.advance(Duration.ofDays(2));
        assertThat(idempotency.once("test", key, Duration.ofDays(14), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void onceRunsAnActionOncePerKey() {
        AtomicInteger runs = new AtomicInteger();
        String key = UUID.randomUUID().toString();
        assertThat(idempotency.once("test", key, Duration.ofDays(1), runs::incrementAndGet)).isTrue();
        assertThat(idempotency.once("test", key, Duration.ofDays(1), runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
