package vn.motcua.submission.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.application.Action;
import vn.motcua.application.Application;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.id.Secrets;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.storage.ApplicationRepository;

/** The submission function in-process against the embedded stack: real tables and queues. */
class SubmissionHandlerIT {

    static final LocalStack STACK = LocalStack.shared();
    static final Config CONFIG = STACK.configFor("SubmissionFunction");
    static final SubmissionHandler HANDLER = new SubmissionHandler(CONFIG);
    static final DynamoDbClient DYNAMO = STACK.dynamoDb();
    static final String IDEMPOTENCY = STACK.tableName("IdempotencyTable");
    static final ApplicationRepository REPOSITORY;

    static {
        AwsClients clients = new AwsClients(CONFIG);
        DynamoDbClient client = clients.dynamoDb();
        REPOSITORY = new ApplicationRepository(client, clients.enhanced(client), CONFIG.applicationsTable());
    }

    /** A body whose applicant ID is unique to the test, so the test can count its dossiers. */
    static String body(String procedure, String idNumber) {
        String fields = switch (procedure) {
            case "HT-005" -> "{\"eventType\":\"BIRTH\",\"copies\":1}";
            case "HT-001" -> "{\"childFullName\":\"Lê Minh Châu\",\"childDateOfBirth\":\"2026-11-01\",\"childGender\":\"FEMALE\"}";
            default -> throw new IllegalArgumentException(procedure);
        };
        return "{\"procedureCode\":\"" + procedure + "\",\"officeId\":\"hang-trong\",\"applicant\":{\"fullName\":\"Lê Văn Cường\","
                + "\"idNumber\":\"" + idNumber + "\",\"phone\":\"0901234567\",\"email\":\"cuong@example.vn\"},\"fields\":" + fields + "}";
    }

    static String uniqueId() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    @Test
    void twentyConcurrentCreatesWithOneIdempotencyKeyMakeExactlyOneDossier() throws Exception {
        String body = body("HT-005", uniqueId());
        long dossiers = dossiers();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return HANDLER.handleEvent(post("/applications", "POST /applications", body,
                        Map.of("idempotency-key", key), Map.of()), null);
            }));
        }
        start.countDown();
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
        for (Future<APIGatewayV2HTTPResponse> f : futures) {
            responses.add(f.get());
        }
        pool.shutdown();

        // Each answer is the first 201 or its replay (the record lands with the dossier, so no
        // request ever sees it "in flight"); never a second dossier.
        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(201);
        Set<String> codes = responses.stream().map(r -> tree(r.getBody()).get("trackingCode").asText())
                .collect(Collectors.toSet());
        assertThat(codes).hasSize(1);
        assertThat(responses.stream().filter(r -> r.getHeaders().get("idempotent-replayed") == null)).hasSize(1);
        assertThat(dossiers() - dossiers).isEqualTo(1);

        // A retry after the first finished gets the very same answer, access key included.
        APIGatewayV2HTTPResponse retry = HANDLER.handleEvent(post("/applications", "POST /applications", body,
                Map.of("idempotency-key", key), Map.of()), null);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true")
                .containsEntry("location", "/applications/" + codes.iterator().next());
        String first = responses.stream().filter(r -> r.getStatusCode() == 201 && r.getHeaders().get("idempotent-replayed") == null)
                .findFirst().orElseThrow().getBody();
        assertThat(retry.getBody()).isEqualTo(first);
        assertThat(dossiers() - dossiers).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String id = uniqueId();
        assertThat(create(body("HT-005", id), key).getStatusCode()).isEqualTo(201);
        long dossiers = dossiers();
        APIGatewayV2HTTPResponse reused = create(body("HT-005", uniqueId()), key);
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(tree(reused.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(dossiers() - dossiers).isZero();
    }

    @Test
    void idempotencyRecordsExpireAndHoldNeitherTheKeyNorTheAccessKeyInClear() {
        String key = "client-key-" + UUID.randomUUID();
        long records = STACK.itemCount("IdempotencyTable");
        APIGatewayV2HTTPResponse created = create(body("HT-005", uniqueId()), key);
        String accessKey = tree(created.getBody()).get("accessKey").asText();
        assertThat(STACK.itemCount("IdempotencyTable") - records).isEqualTo(1);
        // The request's record, under the hash of scope and key (Idempotency's item key).
        Map<String, AttributeValue> item = DYNAMO.getItem(b -> b.tableName(IDEMPOTENCY).consistentRead(true)
                .key(Map.of("key", AttributeValue.fromS(Secrets.hash("key\nPOST /applications\n" + key))))).item();
        assertThat(item).isNotEmpty();
        assertThat(item.toString()).doesNotContain(key).doesNotContain(accessKey);
        long now = Instant.now().getEpochSecond();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isBetween(now, now + Duration.ofHours(25).toSeconds());
    }

    @Test
    void aFailedCreateReleasesItsKeySoTheCorrectedRequestCanUseIt() {
        String key = UUID.randomUUID().toString();
        String id = uniqueId();
        long dossiers = dossiers();
        APIGatewayV2HTTPResponse bad = create(body("HT-005", id).replace("0901234567", "12345"), key);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse good = create(body("HT-005", id), key);
        assertThat(good.getStatusCode()).isEqualTo(201);
        assertThat(dossiers() - dossiers).isEqualTo(1);
    }

    @Test
    void everyInvalidBodyIsA4xxProblemAndWritesNothingAnywhere() {
        String id = uniqueId();
        String valid = body("HT-005", id);
        Map<String, String> corpus = new java.util.LinkedHashMap<>();
        corpus.put("malformed JSON", "{\"procedureCode\":\"HT-005\",");
        corpus.put("wrong types", valid.replace("\"copies\":1", "\"copies\":\"one\"").replace("\"hang-trong\"", "7"));
        corpus.put("missing fields", "{\"procedureCode\":\"HT-005\"}");
        corpus.put("10 MB string", valid.replace("Lê Văn Cường", "Ư".repeat(5 * 1024 * 1024)));
        corpus.put("control characters", valid.replace("Lê Văn Cường", "Lê\\u0000Văn\\u001bCường"));
        corpus.put("unknown procedure", valid.replace("HT-005", "HT-999"));
        corpus.put("unknown office", valid.replace("hang-trong", "ba-dinh"));
        corpus.put("office does not receive it", valid.replace("hang-trong", "hoan-kiem").replace("HT-005", "HT-001"));
        long idempotencyBefore = STACK.itemCount("IdempotencyTable");
        long applicationsBefore = dossiers();
        corpus.forEach((what, body) -> {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("idempotency-key", UUID.randomUUID().toString()))) {
                APIGatewayV2HTTPResponse response = HANDLER.handleEvent(post("/applications", "POST /applications", body, headers, Map.of()), null);
                assertThat(response.getStatusCode()).as(what).isBetween(400, 499);
                assertThat(response.getHeaders()).as(what).containsEntry("content-type", "application/problem+json");
            }
        });
        assertThat(dossiers()).isEqualTo(applicationsBefore);
        assertThat(STACK.itemCount("IdempotencyTable")).isEqualTo(idempotencyBefore);
    }

    @Test
    void submitMovesADraftToSubmittedAndQueuesItForIntake() {
        Draft draft = draft();
        String code = draft.code();
        APIGatewayV2HTTPResponse submitted = action(code, "submit", draft.accessKey());
        assertThat(submitted.getStatusCode()).isEqualTo(200);
        JsonNode view = tree(submitted.getBody());
        assertThat(view.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(view.get("submittedAt").asText()).endsWith("+07:00");
        List<Message> queued = STACK.sqs().receiveMessage(b -> b.queueUrl(STACK.queueUrl("IntakeQueue"))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(queued).extracting(Message::body).contains("{\"trackingCode\":\"" + code + "\"}");

        APIGatewayV2HTTPResponse again = action(code, "submit", draft.accessKey());
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(tree(again.getBody()).get("type").asText()).endsWith("/invalid-transition");
    }

    @Test
    void submitIs422ListingTheMandatoryDocumentsNotUploaded() {
        JsonNode created = tree(create(body("HT-001", uniqueId()), null).getBody());
        APIGatewayV2HTTPResponse response = action(created.get("trackingCode").asText(), "submit", created.get("accessKey").asText());
        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode problem = tree(response.getBody());
        assertThat(problem.get("type").asText()).endsWith("/missing-documents");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("documents.BIRTH_CERTIFICATE_MEDICAL");
        assertThat(REPOSITORY.find(created.get("trackingCode").asText()).orElseThrow().status().name()).isEqualTo("DRAFT");
    }

    @Test
    void aWrongOrMissingAccessKeyIsTheSame404AsAnUnknownDossier() {
        Draft draft = draft();
        String code = draft.code();
        APIGatewayV2HTTPResponse wrong = action(code, "submit", "not-the-key");
        APIGatewayV2HTTPResponse missing = action(code, "submit", null);
        APIGatewayV2HTTPResponse unknown = action("HN-7K3F-9QXA-M2P5-R8TK", "submit", "not-the-key");
        assertThat(List.of(wrong, missing, unknown)).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(404));
        assertThat(wrong.getBody()).isEqualTo(unknown.getBody()).isEqualTo(missing.getBody());
        assertThat(REPOSITORY.find(code).orElseThrow().status().name()).isEqualTo("DRAFT");
    }

    @Test
    void aWithdrawnDossierCannotBeWithdrawnOrSubmittedAgain() {
        Draft draft = draft();
        String code = draft.code();
        String key = draft.accessKey();
        APIGatewayV2HTTPResponse withdrawn = action(code, "withdraw", key);
        assertThat(withdrawn.getStatusCode()).isEqualTo(200);
        assertThat(tree(withdrawn.getBody()).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(action(code, "withdraw", key).getStatusCode()).isEqualTo(409);
        assertThat(action(code, "submit", key).getStatusCode()).isEqualTo(409);
    }

    @Test
    void aRatingIsAcceptedOnceAfterADecision() {
        Draft draft = draft();
        String code = draft.code();
        String key = draft.accessKey();
        assertThat(rate(code, key, "{\"score\":5}").getStatusCode()).isEqualTo(409);

        // An officer decides (the officer routes come later; the domain and repository exist).
        Application a = REPOSITORY.find(code).orElseThrow();
        Instant now = Clock.systemUTC().instant();
        var calendar = new vn.motcua.calendar.WorkingCalendar(Set.of());
        Application approved = a.submit(now, calendar).receive(now, 1, calendar, null)
                .act(Action.ACCEPT, "officer-1", null, now).act(Action.APPROVE, "officer-1", null, now);
        assertThat(REPOSITORY.transitionIf(approved, a.status(), a.version())).isPresent();

        assertThat(rate(code, key, "{\"score\":6}").getStatusCode()).isEqualTo(400);
        assertThat(rate(code, key, "{\"score\":\"5\"}").getStatusCode()).isEqualTo(400);
        assertThat(rate(code, key, "{\"comment\":\"tốt\"}").getStatusCode()).isEqualTo(400);
        assertThat(rate(code, "wrong", "{\"score\":5}").getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse rated = rate(code, key, "{\"score\":4,\"comment\":\"Cán bộ nhiệt tình\"}");
        assertThat(rated.getStatusCode()).isEqualTo(201);
        assertThat(tree(rated.getBody()).get("score").asInt()).isEqualTo(4);
        APIGatewayV2HTTPResponse twice = rate(code, key, "{\"score\":1}");
        assertThat(twice.getStatusCode()).isEqualTo(409);
        assertThat(tree(twice.getBody()).get("type").asText()).endsWith("/already-rated");
        assertThat(REPOSITORY.find(code).orElseThrow().rating().score()).isEqualTo(4);
    }

    @Test
    void aRetriedRatingReplaysItsFirstAnswerRatherThanAlreadyRatedAndAnotherScoreIs422() {
        Draft draft = draft();
        String code = draft.code();
        String accessKey = draft.accessKey();
        decide(code);
        Map<String, String> headers = Map.of("x-access-key", accessKey, "idempotency-key", UUID.randomUUID().toString());

        APIGatewayV2HTTPResponse first = rate(code, headers, "{\"score\":4}");
        assertThat(first.getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse retry = rate(code, headers, "{\"score\":4}");
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        APIGatewayV2HTTPResponse other = rate(code, headers, "{\"score\":1}");
        assertThat(other.getStatusCode()).isEqualTo(422);
        assertThat(tree(other.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(REPOSITORY.find(code).orElseThrow().rating().score()).isEqualTo(4);
    }

    @Test
    void aRefusedRatingWritesNothingToEitherTable() {
        Draft draft = draft();
        String code = draft.code();
        String accessKey = draft.accessKey();
        long version = REPOSITORY.find(code).orElseThrow().version();
        long records = STACK.itemCount("IdempotencyTable");
        // Not decided yet (409), a wrong access key (404), an unknown dossier (404).
        assertThat(rate(code, Map.of("x-access-key", accessKey, "idempotency-key", UUID.randomUUID().toString()),
                "{\"score\":5}").getStatusCode()).isEqualTo(409);
        assertThat(rate(code, Map.of("x-access-key", "wrong", "idempotency-key", UUID.randomUUID().toString()),
                "{\"score\":5}").getStatusCode()).isEqualTo(404);
        assertThat(rate("HN-7K3F-9QXA-M2P5-R8TK", Map.of("x-access-key", accessKey,
                "idempotency-key", UUID.randomUUID().toString()), "{\"score\":5}").getStatusCode()).isEqualTo(404);
        assertThat(STACK.itemCount("IdempotencyTable")).isEqualTo(records);
        assertThat(REPOSITORY.find(code).orElseThrow().version()).isEqualTo(version);
    }

    /** An officer decides (APPROVED), through the repository. */
    static void decide(String code) {
        Application a = REPOSITORY.find(code).orElseThrow();
        Instant now = Clock.systemUTC().instant();
        var calendar = new vn.motcua.calendar.WorkingCalendar(Set.of());
        Application approved = a.submit(now, calendar).receive(now, 1, calendar, null)
                .act(Action.ACCEPT, "officer-1", null, now).act(Action.APPROVE, "officer-1", null, now);
        assertThat(REPOSITORY.transitionIf(approved, a.status(), a.version())).isPresent();
    }

    static APIGatewayV2HTTPResponse rate(String code, Map<String, String> headers, String body) {
        return HANDLER.handleEvent(post("/applications/" + code + "/rating", "POST /applications/{trackingCode}/rating",
                body, headers, Map.of("trackingCode", code)), null);
    }

    // --- helpers ---

    static APIGatewayV2HTTPResponse create(String body, String idempotencyKey) {
        return HANDLER.handleEvent(post("/applications", "POST /applications", body,
                idempotencyKey == null ? Map.of() : Map.of("idempotency-key", idempotencyKey), Map.of()), null);
    }

    static APIGatewayV2HTTPResponse action(String code, String action, String accessKey) {
        return HANDLER.handleEvent(post("/applications/" + code + "/" + action,
                "POST /applications/{trackingCode}/" + action, null,
                accessKey == null ? Map.of() : Map.of("x-access-key", accessKey), Map.of("trackingCode", code)), null);
    }

    static APIGatewayV2HTTPResponse rate(String code, String accessKey, String body) {
        return HANDLER.handleEvent(post("/applications/" + code + "/rating", "POST /applications/{trackingCode}/rating",
                body, Map.of("x-access-key", accessKey), Map.of("trackingCode", code)), null);
    }

    static APIGatewayV2HTTPEvent post(String path, String routeKey, String body, Map<String, String> headers,
                                      Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        Map<String, String> h = new HashMap<>(headers);
        if (body != null) {
            h.put("content-type", "application/json");
        }
        event.setHeaders(h);
        event.setPathParameters(pathParameters.isEmpty() ? null : new HashMap<>(pathParameters));
        event.setBody(body);
        return event;
    }

    record Draft(String code, String accessKey) {
    }

    /** A new DRAFT of a one-day procedure, through the handler. */
    static Draft draft() {
        JsonNode created = tree(create(body("HT-005", uniqueId()), null).getBody());
        return new Draft(created.get("trackingCode").asText(), created.get("accessKey").asText());
    }

    /** How many dossiers there are (tests in this module run one at a time: a difference is theirs). */
    static long dossiers() {
        return STACK.itemCount("ApplicationsTable");
    }

    static JsonNode tree(String json) {
        try {
            return Json.tree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
