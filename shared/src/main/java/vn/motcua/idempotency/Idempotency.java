package vn.motcua.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.json.Json;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.Guard;

/**
 * Idempotent creation for every POST that creates something (DESIGN.md §3), and "at most once"
 * for side effects such as sending a notification. One table (env IDEMPOTENCY_TABLE), one item
 * per (scope, key), deleted by DynamoDB's TTL on {@code expiresAt}.
 *
 * <p>Use in a handler, for a write that knows its answer before it writes:
 * <pre>
 * route("POST /applications", r -&gt; idempotency.write(r, "POST /applications",
 *         claim -&gt; created(dossiers.create(body(r), c -&gt; claim.record(created(c))))));
 * </pre>
 * With an {@code Idempotency-Key} header:
 * <ul>
 *   <li>the work writes the key's record, COMPLETED and holding its answer (with a hash of scope,
 *       path and body), in the same TransactWriteItems as its change ({@link Claim#record});</li>
 *   <li>that 2xx answer is replayed, byte for byte, to every retry with the same key and body for
 *       {@link #TTL} (header {@code idempotent-replayed: true}): the retry's transaction fails on the
 *       record's condition, which returns the record (ALL_OLD), so a retry is one cancelled
 *       transaction and nothing is read first;</li>
 *   <li>the same key with another body: 422 "idempotency-key-reused";</li>
 *   <li>a refusal (4xx) writes nothing, so the client can correct the request and retry with the
 *       same key; a 404 never touches this table.</li>
 * </ul>
 * Without the header the work simply runs. (One route once claimed the key first, ran, then
 * stored its answer: three calls; every route now folds its record into its write.)
 *
 * <p>{@link #once} is "at most once" for side effects of at-least-once queues: it claims the key
 * (IN_PROGRESS, locked for {@link #LOCK}), runs, and marks it done. A claim whose holder died
 * (Lambda timeout) is taken over after the lock; in that rare case the side effect may happen twice.
 *
 * <p>The table holds neither the key nor the response in clear: the item key is a hash of
 * scope and key, and the stored response (which may hold a one-time secret such as an access key
 * or a cancel token) is encrypted with AES-GCM under a key derived from the client's
 * Idempotency-Key, which only the client knows.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration TTL = Duration.ofHours(24);
    /** How long a {@link #once} claim holds its key: longer than any queue consumer's timeout. */
    public static final Duration LOCK = Duration.ofSeconds(60);
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    private static final Log LOG = Log.of(Idempotency.class);

    /** The row shape; mutable because StaticTableSchema maps through getters and setters. */
    public static final class Item {
        private String key;
        private String requestHash;
        private String state;
        private String owner;
        private Long lockedUntil;
        private String response;
        private Long expiresAt;

        public String getKey() { return key; }
        public void setKey(String v) { key = v; }
        public String getRequestHash() { return requestHash; }
        public void setRequestHash(String v) { requestHash = v; }
        public String getState() { return state; }
        public void setState(String v) { state = v; }
        public String getOwner() { return owner; }
        public void setOwner(String v) { owner = v; }
        public Long getLockedUntil() { return lockedUntil; }
        public void setLockedUntil(Long v) { lockedUntil = v; }
        public String getResponse() { return response; }
        public void setResponse(String v) { response = v; }
        public Long getExpiresAt() { return expiresAt; }
        public void setExpiresAt(Long v) { expiresAt = v; }
    }

    static final TableSchema<Item> SCHEMA = StaticTableSchema.builder(Item.class)
            .newItemSupplier(Item::new)
            .addAttribute(String.class, a -> a.name("key").getter(Item::getKey).setter(Item::setKey)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("requestHash").getter(Item::getRequestHash).setter(Item::setRequestHash))
            .addAttribute(String.class, a -> a.name("state").getter(Item::getState).setter(Item::setState))
            .addAttribute(String.class, a -> a.name("owner").getter(Item::getOwner).setter(Item::setOwner))
            .addAttribute(Long.class, a -> a.name("lockedUntil").getter(Item::getLockedUntil).setter(Item::setLockedUntil))
            .addAttribute(String.class, a -> a.name("response").getter(Item::getResponse).setter(Item::setResponse))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(Item::getExpiresAt).setter(Item::setExpiresAt))
            .build();

    /** What a replay needs: the status, the headers and the body of the first answer. */
    record StoredResponse(int status, Map<String, String> headers, String body) {
    }

    private final DynamoDbTable<Item> table;
    private final Clock clock;
    private final IdGenerator ids;

    public Idempotency(DynamoDbEnhancedClient enhanced, String tableName, Clock clock, IdGenerator ids) {
        this.table = enhanced.table(tableName, SCHEMA);
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Runs {@code action} unless it already ran successfully for {@code scope}/{@code key}
     * within {@code ttl}: at-most-once side effects for at-least-once queues (the notification
     * dedupKey). Returns false if it had already run. If another worker is running it right
     * now this throws, so the caller's message is retried later; if {@code action} throws, the
     * mark is removed and the exception propagates, so a retry runs it again.
     */
    public boolean once(String scope, String key, Duration ttl, Runnable action) {
        String itemKey = Secrets.hash("once\n" + scope + "\n" + key);
        String owner = ids.id();
        Item existing = claim(itemKey, owner, ttl);
        if (existing != null) {
            if (COMPLETED.equals(existing.getState())) {
                return false;
            }
            throw new IllegalStateException("Another worker is running " + scope + " for this key");
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            release(itemKey, owner);
            throw e;
        }
        complete(itemKey, owner, ttl);
        return true;
    }

    /**
     * Runs a write ({@code work}: a create, a change of something that exists) once per
     * Idempotency-Key and body within {@code scope} (use the route key, e.g. "POST /applications"),
     * for a write that knows its answer before it writes: {@code work} builds its answer and writes {@link Claim#record} of it
     * first in its own transaction (a {@link Guard} for the repository); a retry or a concurrent
     * request with the key fails on that record's condition and is answered from the record that
     * stood in the way (ALL_OLD): replay, or 422 for another body. Nothing is read first: in the common case (a first request) the write is the one
     * round trip. (Reading the key first made a retry one read but every first request a read and
     * a write, measured in bench/README.md.)
     *
     * <p>A refusal {@code work} throws before anything is written is checked against the table, so
     * that a retry whose first attempt succeeded (and made the write the retry now refuses, e.g.
     * "already rated", "already booked that day") still replays, and another body still gets 422;
     * except a 404, answered at once: no write of a route using this removes a dossier or changes
     * its access key, and an unknown procedure or office is unknown to the first attempt too, so a
     * 404 cannot be the work of a first attempt, and whoever lacks the access key learns nothing
     * about its Idempotency-Keys either.
     */
    public Response write(Request request, String scope, Function<Claim, Response> work) {
        var header = request.header(HEADER);
        if (header.isEmpty()) {
            return work.apply(new Claim(null, null, null, null));
        }
        String clientKey = checkKey(header.get());
        String requestHash = Secrets.hash(scope + "\n" + request.path() + "\n" + request.body());
        String itemKey = Secrets.hash("key\n" + scope + "\n" + clientKey);
        Claim claim = new Claim(scope, clientKey, requestHash, itemKey);
        Response response;
        try {
            response = work.apply(claim);
        } catch (Taken taken) {
            return answered(taken.existing, requestHash, scope, clientKey, itemKey);
        } catch (ApiProblem refused) {
            // Nothing to replay if a refused transaction wrote the record (its condition held: the
            // key was free).
            if (refused.status() == 404 || refused.status() >= 500 || claim.written) {
                throw refused;
            }
            Item existing = live(itemKey);
            if (existing == null) {
                throw refused;
            }
            return answered(existing, requestHash, scope, clientKey, itemKey);
        }
        if (response.status() < 300 && !claim.written) {
            // The work answered without a write to fold the record into: store it on its own, and
            // if an earlier answer is stored already, that one stands.
            Item existing = putIfFree(completed(itemKey, requestHash, encrypt(response, scope, clientKey, itemKey)));
            if (existing != null) {
                return answered(existing, requestHash, scope, clientKey, itemKey);
            }
        }
        return response;
    }

    /** What the work of {@link #write} writes with its change: the request's record, holding the answer. */
    public final class Claim {

        private final String scope;
        private final String clientKey;
        private final String requestHash;
        private final String itemKey;
        private boolean written;

        private Claim(String scope, String clientKey, String requestHash, String itemKey) {
            this.scope = scope;
            this.clientKey = clientKey;
            this.requestHash = requestHash;
            this.itemKey = itemKey;
        }

        /**
         * The record that answers this request with {@code response}, for the repository to write
         * first in the transaction of the change; null without an Idempotency-Key (nothing to add).
         * Its condition is {@link #free()}: the key was never used, its record has expired, or
         * (a {@link #once} claim) its holder died.
         */
        public Guard record(Response response) {
            if (itemKey == null) {
                return null;
            }
            written = true;
            Item item = completed(itemKey, requestHash, encrypt(response, scope, clientKey, itemKey));
            Expression free = free();
            return new Guard(TransactWriteItem.builder().put(Put.builder().tableName(table.tableName())
                    .item(SCHEMA.itemToMap(item, true))
                    .conditionExpression(free.expression())
                    .expressionAttributeNames(free.expressionNames())
                    .expressionAttributeValues(free.expressionValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build(),
                    Idempotency::taken);
        }
    }

    /** The folded record's condition failed: the record in the way answers the request. */
    private static final class Taken extends RuntimeException {
        private final Item existing;

        Taken(Item existing) {
            super("Idempotency-Key already used", null, false, false);
            this.existing = existing;
        }
    }

    private static RuntimeException taken(CancellationReason reason) {
        if (reason.item() == null || reason.item().isEmpty()) {
            // Gone between the condition and now (released, or expired): the client may simply retry.
            return inFlight();
        }
        return new Taken(SCHEMA.mapToItem(reason.item()));
    }

    /** The answer to a request whose key is held by {@code existing}: replay, 422 or 409. */
    private Response answered(Item existing, String requestHash, String scope, String clientKey, String itemKey) {
        if (!MessageDigest.isEqual(bytes(existing.getRequestHash()), bytes(requestHash))) {
            throw ApiProblem.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key", java.util.List.of());
        }
        if (COMPLETED.equals(existing.getState())) {
            return replay(decrypt(existing.getResponse(), scope, clientKey, itemKey));
        }
        // A request's record is written COMPLETED with its change; an IN_PROGRESS one under a
        // request's key can only be a claim of the removed claim-run-store path, from the minute
        // before a deployment of this code (its lock is 60 s). Retrying later is the right answer.
        throw inFlight();
    }

    private Item completed(String itemKey, String requestHash, String response) {
        Item item = new Item();
        item.setKey(itemKey);
        item.setRequestHash(requestHash);
        item.setState(COMPLETED);
        item.setResponse(response);
        item.setExpiresAt(clock.instant().plus(TTL).getEpochSecond());
        return item;
    }

    /** The key's record unless there is none or it has expired (TTL deletion lags). */
    private Item live(String itemKey) {
        Item item = table.getItem(r -> r.key(key(itemKey)).consistentRead(true));
        boolean expired = item != null && item.getExpiresAt() != null
                && item.getExpiresAt() < clock.instant().getEpochSecond();
        return expired ? null : item;
    }

    /**
     * {@link #once}'s claim, a conditional put: succeeds if the key is free, its record has expired
     * (TTL deletion lags by up to days, so expiry is checked here, not left to DynamoDB) or its
     * claim is stale. Returns null if it did, else the record in the way (ALL_OLD: no second read).
     */
    private Item claim(String itemKey, String owner, Duration ttl) {
        Instant now = clock.instant();
        Item item = new Item();
        item.setKey(itemKey);
        item.setRequestHash("");
        item.setState(IN_PROGRESS);
        item.setOwner(owner);
        item.setLockedUntil(now.plus(LOCK).toEpochMilli());
        item.setExpiresAt(now.plus(ttl).getEpochSecond());
        return putIfFree(item);
    }

    /** Puts {@code item} if its key is {@link #free()}; null if it did, else the record in the way. */
    private Item putIfFree(Item item) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(Item.class).item(item)
                    .conditionExpression(free())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return null;
        } catch (ConditionalCheckFailedException e) {
            if (e.item() == null || e.item().isEmpty()) {
                // Released or expired between the condition and now: the client may simply retry.
                throw inFlight();
            }
            return SCHEMA.mapToItem(e.item());
        }
    }

    /** The key is free: never used, expired, or claimed by a holder that died. */
    private Expression free() {
        Instant now = clock.instant();
        return Expression.builder()
                .expression("attribute_not_exists(#key) OR #expiresAt < :nowSeconds"
                        + " OR (#state = :inProgress AND #lockedUntil < :nowMillis)")
                .expressionNames(Map.of("#key", "key", "#expiresAt", "expiresAt",
                        "#state", "state", "#lockedUntil", "lockedUntil"))
                .expressionValues(Map.of(
                        ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":inProgress", AttributeValue.fromS(IN_PROGRESS)))
                .build();
    }

    /** Marks a {@link #once} claim done, only if it is still ours (a stale claim may have been taken over). */
    private void complete(String itemKey, String owner, Duration ttl) {
        Item item = completed(itemKey, "", null);
        item.setExpiresAt(clock.instant().plus(ttl).getEpochSecond());
        try {
            table.putItem(PutItemEnhancedRequest.builder(Item.class).item(item)
                    .conditionExpression(ownedBy(owner))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            LOG.warn("idempotency claim was taken over before completion", "key", itemKey);
        } catch (RuntimeException e) {
            // The side effect happened; a redelivery within LOCK is put back on the queue, a later
            // one runs it again. Say so loudly.
            LOG.error("could not record idempotent completion", e, "key", itemKey);
        }
    }

    private void release(String itemKey, String owner) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder().key(key(itemKey))
                    .conditionExpression(ownedBy(owner)).build());
        } catch (ConditionalCheckFailedException e) {
            LOG.warn("idempotency claim was taken over before release", "key", itemKey);
        } catch (RuntimeException e) {
            LOG.error("could not release idempotency claim; it expires after the lock", e, "key", itemKey);
        }
    }

    private static Expression ownedBy(String owner) {
        return Expression.builder()
                .expression("#owner = :owner")
                .expressionNames(Map.of("#owner", "owner"))
                .expressionValues(Map.of(":owner", AttributeValue.fromS(owner)))
                .build();
    }

    private static Response replay(StoredResponse stored) {
        Response response = Response.json(stored.status(), stored.body());
        stored.headers().forEach(response::header);
        return response.header("idempotent-replayed", "true");
    }

    /** Printable ASCII, 1–255 characters: what clients send (UUIDs, ULIDs) and nothing to abuse. */
    static String checkKey(String key) {
        if (key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiProblem.invalid(HEADER, "must be 1 to 255 printable ASCII characters, e.g. a UUID");
        }
        return key;
    }

    private static ApiProblem inFlight() {
        return ApiProblem.conflict("idempotency-in-flight",
                "A request with this Idempotency-Key is still being processed; retry in a moment");
    }

    private static Key key(String itemKey) {
        return Key.builder().partitionValue(itemKey).build();
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    // --- the stored response, encrypted under a key only the client holds ---

    private String encrypt(Response response, String scope, String clientKey, String itemKey) {
        var event = response.toEvent();
        byte[] plain = Json.write(new StoredResponse(event.getStatusCode(), event.getHeaders(), event.getBody()))
                .getBytes(StandardCharsets.UTF_8);
        try {
            byte[] iv = ids.randomBytes(12);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, scope, clientKey, iv, itemKey);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    private static StoredResponse decrypt(String stored, String scope, String clientKey, String itemKey) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            byte[] iv = java.util.Arrays.copyOfRange(all, 0, 12);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, scope, clientKey, iv, itemKey);
            byte[] plain = cipher.doFinal(all, 12, all.length - 12);
            return Json.readTrusted(new String(plain, StandardCharsets.UTF_8), StoredResponse.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored idempotent response cannot be decrypted", e);
        }
    }

    private static Cipher cipher(int mode, String scope, String clientKey, byte[] iv, String itemKey)
            throws GeneralSecurityException {
        // Derived with a different label from the item key, so the table never holds the AES key.
        byte[] aesKey = MessageDigest.getInstance("SHA-256")
                .digest(("seal\n" + scope + "\n" + clientKey).getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(itemKey.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
