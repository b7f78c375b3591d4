package vn.motcua.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.motcua.application.Application;
import vn.motcua.application.Status;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.json.Json;
import vn.motcua.stats.StatsDelta;

/**
 * The applications table: one item per dossier, keyed by tracking code, holding the dossier's
 * JSON in {@code doc} and, beside it, the attributes the indexes need.
 *
 * <ul>
 *   <li>{@value #OFFICE_QUEUE_INDEX}: partition {@code queueKey = officeId#STATUS}, sort
 *       {@code queueSort} = due date (else submission, else creation time) as fixed-width ISO
 *       with +07:00, so strings sort in time order. The officer queue of one office and status,
 *       ordered by due date, is one Query; "overdue" adds {@code queueSort < now}. Drafts are not
 *       in it (sparse).</li>
 *   <li>{@value #PENDING_INTAKE_INDEX}: partition {@code pendingIntake = "PENDING"} only while a
 *       submitted dossier waits for intake, sort {@code pendingSince} (its submission time).
 *       Sparse and short-lived, so one partition is enough; the intake repair reads it.</li>
 *   <li>{@value #OFFICE_WORK_INDEX}: partition {@code workKey = officeId} only while the office
 *       still has work on the dossier ({@link Status#isOpenWork()}: RECEIVED, IN_PROGRESS,
 *       SUPPLEMENT_REQUESTED, APPROVED), sort {@code workSort = "0#" + due date} when it is
 *       overdue, {@code "1#" + due date} otherwise. The officer's queue without a status is one
 *       Query: overdue dossiers first, each group by due date; {@code overdue=true} is
 *       {@code begins_with(workSort, "0#")}. Sparse: closed dossiers leave it.</li>
 * </ul>
 *
 * <p>Every write is conditional and says so in its name: a create never overwrites, a
 * transition only applies to the status and version it was computed from (optimistic locking).
 * Abandoned drafts expire through the table's TTL on {@code expiresAt}.
 */
public final class ApplicationRepository {

    public static final String OFFICE_QUEUE_INDEX = "OfficeQueueIndex";
    public static final String PENDING_INTAKE_INDEX = "PendingIntakeIndex";
    public static final String OFFICE_WORK_INDEX = "OfficeWorkIndex";
    static final String OVERDUE_PREFIX = "0#";
    static final String ON_TIME_PREFIX = "1#";
    /** The most dossiers one queue page returns. */
    public static final int MAX_PAGE = 100;
    static final String PENDING = "PENDING";
    /** A draft nobody submits is deleted by TTL after this long. */
    public static final Duration DRAFT_LIFETIME = Duration.ofDays(30);

    /** The row shape; mutable because StaticTableSchema maps through getters and setters. */
    public static final class Item {
        private String trackingCode;
        private String status;
        private Long version;
        private String doc;
        private String queueKey;
        private String queueSort;
        private String pendingIntake;
        private String pendingSince;
        private Long intakeRequeues;
        private Long expiresAt;
        private String workKey;
        private String workSort;

        public String getTrackingCode() { return trackingCode; }
        public void setTrackingCode(String v) { trackingCode = v; }
        public String getStatus() { return status; }
        public void setStatus(String v) { status = v; }
        public Long getVersion() { return version; }
        public void setVersion(Long v) { version = v; }
        public String getDoc() { return doc; }
        public void setDoc(String v) { doc = v; }
        public String getQueueKey() { return queueKey; }
        public void setQueueKey(String v) { queueKey = v; }
        public String getQueueSort() { return queueSort; }
        public void setQueueSort(String v) { queueSort = v; }
        public String getPendingIntake() { return pendingIntake; }
        public void setPendingIntake(String v) { pendingIntake = v; }
        public String getPendingSince() { return pendingSince; }
        public void setPendingSince(String v) { pendingSince = v; }
        public Long getIntakeRequeues() { return intakeRequeues; }
        public void setIntakeRequeues(Long v) { intakeRequeues = v; }
        public Long getExpiresAt() { return expiresAt; }
        public void setExpiresAt(Long v) { expiresAt = v; }
        public String getWorkKey() { return workKey; }
        public void setWorkKey(String v) { workKey = v; }
        public String getWorkSort() { return workSort; }
        public void setWorkSort(String v) { workSort = v; }
    }

    /** A submitted dossier still waiting for intake, as the repair sees it. */
    public record PendingIntake(String trackingCode, String submittedAt, int requeues) {
    }

    /** Built once per class load: schema construction is the expensive part of the mapper. */
    static final TableSchema<Item> SCHEMA = StaticTableSchema.builder(Item.class)
            .newItemSupplier(Item::new)
            .addAttribute(String.class, a -> a.name("trackingCode").getter(Item::getTrackingCode)
                    .setter(Item::setTrackingCode).tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("status").getter(Item::getStatus).setter(Item::setStatus))
            .addAttribute(Long.class, a -> a.name("version").getter(Item::getVersion).setter(Item::setVersion))
            .addAttribute(String.class, a -> a.name("doc").getter(Item::getDoc).setter(Item::setDoc))
            .addAttribute(String.class, a -> a.name("queueKey").getter(Item::getQueueKey).setter(Item::setQueueKey)
                    .tags(StaticAttributeTags.secondaryPartitionKey(OFFICE_QUEUE_INDEX)))
            .addAttribute(String.class, a -> a.name("queueSort").getter(Item::getQueueSort).setter(Item::setQueueSort)
                    .tags(StaticAttributeTags.secondarySortKey(OFFICE_QUEUE_INDEX)))
            .addAttribute(String.class, a -> a.name("pendingIntake").getter(Item::getPendingIntake)
                    .setter(Item::setPendingIntake).tags(StaticAttributeTags.secondaryPartitionKey(PENDING_INTAKE_INDEX)))
            .addAttribute(String.class, a -> a.name("pendingSince").getter(Item::getPendingSince)
                    .setter(Item::setPendingSince).tags(StaticAttributeTags.secondarySortKey(PENDING_INTAKE_INDEX)))
            .addAttribute(Long.class, a -> a.name("intakeRequeues").getter(Item::getIntakeRequeues)
                    .setter(Item::setIntakeRequeues))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(Item::getExpiresAt).setter(Item::setExpiresAt))
            .addAttribute(String.class, a -> a.name("workKey").getter(Item::getWorkKey).setter(Item::setWorkKey)
                    .tags(StaticAttributeTags.secondaryPartitionKey(OFFICE_WORK_INDEX)))
            .addAttribute(String.class, a -> a.name("workSort").getter(Item::getWorkSort).setter(Item::setWorkSort)
                    .tags(StaticAttributeTags.secondarySortKey(OFFICE_WORK_INDEX)))
            .build();

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<Item> table;
    private final DynamoDbIndex<Item> pendingIndex;
    private final StatsRepository stats;

    /**
     * A repository that does not count: for functions that never receive, decide or rate a
     * dossier (status look-up, intake repair) and for tests that set dossiers up.
     */
    public ApplicationRepository(DynamoDbClient client, DynamoDbEnhancedClient enhanced, String tableName) {
        this(client, enhanced, tableName, null);
    }

    /**
     * A repository whose {@link #transitionIf(Application, Application)} and
     * {@link #createIfAbsent} also move the public KPI counters, in the same transaction.
     */
    public ApplicationRepository(DynamoDbClient client, DynamoDbEnhancedClient enhanced, String tableName,
                                 StatsRepository stats) {
        this.client = client;
        this.tableName = tableName;
        this.table = enhanced.table(tableName, SCHEMA);
        this.pendingIndex = table.index(PENDING_INTAKE_INDEX);
        this.stats = stats;
    }

    /**
     * Stores a new dossier at version 1 unless its tracking code is taken. False on a collision
     * (75 random bits make it practically impossible; the caller draws a new code).
     */
    public boolean createIfAbsent(Application application) {
        return createIfAbsent(application, null);
    }

    /**
     * {@link #createIfAbsent(Application)} with {@code guard} (may be null) written first in the
     * same transaction: if the guard's condition fails, nothing is written and its refusal is thrown.
     */
    public boolean createIfAbsent(Application application, Guard guard) {
        StatsDelta delta = StatsDelta.between(null, application);
        if (guard != null || (stats != null && !delta.isEmpty())) {
            // A dossier created already RECEIVED (a walk-in at the counter) is counted with its creation.
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(SCHEMA.itemToMap(item(application.withVersion(1)), true))
                    .conditionExpression("attribute_not_exists(trackingCode)").build()).build());
            if (stats != null) {
                items.addAll(stats.updates(delta));
            }
            List<CancellationReason> reasons = new ArrayList<>();
            if (Transactions.write(client, Guard.first(guard, items), reasons)) {
                return true;
            }
            Guard.check(guard, reasons);
            return false;
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(Item.class)
                    .item(item(application.withVersion(1)))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(trackingCode)")
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The dossier as last written (strongly consistent: every caller may go on to write). */
    public Optional<Application> find(String trackingCode) {
        Item item = table.getItem(r -> r.key(Key.builder().partitionValue(trackingCode).build()).consistentRead(true));
        return Optional.ofNullable(item).map(ApplicationRepository::application);
    }

    /**
     * Replaces the dossier with {@code next} only if it is still in {@code expectedStatus} at
     * {@code expectedVersion}, i.e. nobody wrote since it was read. Returns the stored value
     * (version + 1), or empty if somebody did: re-read and decide again.
     */
    public Optional<Application> transitionIf(Application next, Status expectedStatus, long expectedVersion) {
        Application stored = next.withVersion(expectedVersion + 1);
        try {
            table.putItem(PutItemEnhancedRequest.builder(Item.class)
                    .item(item(stored))
                    .conditionExpression(Expression.builder()
                            .expression("#status = :status AND #version = :version")
                            .expressionNames(Map.of("#status", "status", "#version", "version"))
                            .expressionValues(Map.of(
                                    ":status", AttributeValue.fromS(expectedStatus.name()),
                                    ":version", AttributeValue.fromN(Long.toString(expectedVersion))))
                            .build())
                    .build());
            return Optional.of(stored);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link #transitionIf(Application, Status, long)} from {@code current} (as read) to
     * {@code next}, and, when the change is a receipt, a decision or a rating, the KPI counters
     * in the same transaction: the change and its count are written together or not at all, so
     * a retried or raced change is never counted twice. Empty if somebody wrote in between.
     */
    public Optional<Application> transitionIf(Application current, Application next) {
        return transitionIf(current, next, null);
    }

    /**
     * {@link #transitionIf(Application, Application)} with {@code guard} (may be null) written
     * first in the same transaction: if the guard's condition fails, nothing is written and its
     * refusal is thrown.
     */
    public Optional<Application> transitionIf(Application current, Application next, Guard guard) {
        StatsDelta delta = StatsDelta.between(current, next);
        if (guard == null && (stats == null || delta.isEmpty())) {
            return transitionIf(next, current.status(), current.version());
        }
        Application stored = next.withVersion(current.version() + 1);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                .item(SCHEMA.itemToMap(item(stored), true))
                .conditionExpression("#status = :status AND #version = :version")
                .expressionAttributeNames(Map.of("#status", "status", "#version", "version"))
                .expressionAttributeValues(Map.of(
                        ":status", AttributeValue.fromS(current.status().name()),
                        ":version", AttributeValue.fromN(Long.toString(current.version()))))
                .build()).build());
        if (stats != null) {
            items.addAll(stats.updates(delta));
        }
        List<CancellationReason> reasons = new ArrayList<>();
        if (Transactions.write(client, Guard.first(guard, items), reasons)) {
            return Optional.of(stored);
        }
        Guard.check(guard, reasons);
        if (Transactions.failed(reasons, Guard.offset(guard, 0))) {
            return Optional.empty();
        }
        throw new IllegalStateException("Counting " + next.trackingCode() + " failed on an unconditional counter: "
                + reasons.stream().map(CancellationReason::code).toList());
    }

    /** One page of an office's queue, and the token for the next (absent on the last page). */
    public record QueuePage(List<Application> items, String nextToken) {
    }

    /**
     * An office's dossiers ordered by due date: always one Query on one office's partition.
     * <ul>
     *   <li>with a status: {@value #OFFICE_QUEUE_INDEX} {@code officeId#STATUS};</li>
     *   <li>without: {@value #OFFICE_WORK_INDEX} (the open work, overdue first);</li>
     *   <li>{@code overdue=true}: {@value #OFFICE_WORK_INDEX} {@code begins_with "0#"}, plus a
     *       status filter when a status is given (it reads only that office's overdue dossiers);</li>
     *   <li>{@code overdue=false}: {@code begins_with "1#"}, or with a status a filter that drops
     *       the overdue ones.</li>
     * </ul>
     * {@code nextToken} is the previous page's; a token from another list is a 400.
     */
    public QueuePage queue(String officeId, Optional<Status> status, Optional<Boolean> overdue, int limit,
                           Optional<String> nextToken) {
        boolean byStatus = status.isPresent() && !overdue.orElse(false);
        String index = byStatus ? OFFICE_QUEUE_INDEX : OFFICE_WORK_INDEX;
        String pkName = byStatus ? "queueKey" : "workKey";
        String skName = byStatus ? "queueSort" : "workSort";
        String partition = byStatus ? officeId + "#" + status.get().name() : officeId;
        Map<String, String> names = new HashMap<>(Map.of("#pk", pkName));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(partition)));
        String keyCondition = "#pk = :pk";
        String filter = null;
        String prefix = null;
        if (!byStatus && overdue.isPresent()) {
            prefix = overdue.get() ? OVERDUE_PREFIX : ON_TIME_PREFIX;
            keyCondition += " AND begins_with(#sk, :prefix)";
            names.put("#sk", skName);
            values.put(":prefix", AttributeValue.fromS(prefix));
        }
        if (!byStatus && status.isPresent()) {
            filter = "#status = :status";
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(status.get().name()));
        }
        if (byStatus && overdue.isPresent()) {
            // Only overdue=false reaches here with a status: drop the overdue rows of this status.
            filter = "NOT begins_with(#work, :overdue)";
            names.put("#work", "workSort");
            values.put(":overdue", AttributeValue.fromS(OVERDUE_PREFIX));
        }
        Map<String, AttributeValue> start = nextToken.map(t -> QueueToken.decode(t, pkName, skName, partition))
                .orElse(null);
        if (start != null && prefix != null && !start.get(skName).s().startsWith(prefix)) {
            throw QueueToken.invalid();
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(index)
                .keyConditionExpression(keyCondition).expressionAttributeNames(names)
                .expressionAttributeValues(values).limit(Math.min(Math.max(limit, 1), MAX_PAGE))
                .exclusiveStartKey(start);
        if (filter != null) {
            query.filterExpression(filter);
        }
        QueryResponse page = client.query(query.build());
        List<Application> items = page.items().stream().map(i -> application(SCHEMA.mapToItem(i))).toList();
        String token = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? QueueToken.encode(page.lastEvaluatedKey()) : null;
        return new QueuePage(items, token);
    }

    /**
     * The office's dossiers in {@code status} whose due date is before {@code now} and that the
     * sweeper has not marked yet: one Query (paged through) on {@value #OFFICE_QUEUE_INDEX}.
     */
    public List<Application> dueBeforeUnmarked(String officeId, Status status, Instant now) {
        List<Application> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName(tableName).indexName(OFFICE_QUEUE_INDEX)
                    .keyConditionExpression("queueKey = :pk AND queueSort < :now")
                    .filterExpression("NOT begins_with(workSort, :overdue)")
                    .expressionAttributeValues(Map.of(
                            ":pk", AttributeValue.fromS(officeId + "#" + status.name()),
                            ":now", AttributeValue.fromS(WorkingCalendar.format(now)),
                            ":overdue", AttributeValue.fromS(OVERDUE_PREFIX)))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> out.add(application(SCHEMA.mapToItem(i))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** Submitted dossiers still waiting for intake that were submitted before {@code before}, oldest first. */
    public List<PendingIntake> pendingIntake(Instant before, int limit) {
        List<PendingIntake> out = new ArrayList<>();
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThan(Key.builder()
                        .partitionValue(PENDING).sortValue(WorkingCalendar.format(before)).build()))
                .limit(Math.min(limit, 100))
                .build();
        for (var page : pendingIndex.query(query)) {
            for (Item item : page.items()) {
                out.add(new PendingIntake(item.getTrackingCode(), item.getPendingSince(),
                        item.getIntakeRequeues() == null ? 0 : item.getIntakeRequeues().intValue()));
                if (out.size() >= limit) {
                    return out;
                }
            }
        }
        return out;
    }

    /**
     * Counts one more requeue of a dossier still pending intake. It leaves the version alone, so
     * an intake in progress is not disturbed; false if the dossier is no longer pending.
     */
    public boolean countRequeueIfPending(String trackingCode) {
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(Map.of("trackingCode", AttributeValue.fromS(trackingCode)))
                    .updateExpression("ADD intakeRequeues :one")
                    .conditionExpression("pendingIntake = :pending")
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":pending", AttributeValue.fromS(PENDING))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Item item(Application a) {
        Item item = new Item();
        item.setTrackingCode(a.trackingCode());
        item.setStatus(a.status().name());
        item.setVersion(a.version());
        item.setDoc(Json.write(a));
        if (a.status() != Status.DRAFT) {
            item.setQueueKey(a.officeId() + "#" + a.status().name());
            item.setQueueSort(a.dueDate() != null ? a.dueDate()
                    : a.submittedAt() != null ? a.submittedAt() : a.createdAt());
        }
        if (a.status().isOpenWork()) {
            item.setWorkKey(a.officeId());
            item.setWorkSort((a.overdue() ? OVERDUE_PREFIX : ON_TIME_PREFIX) + item.getQueueSort());
        }
        if (a.intakePending()) {
            item.setPendingIntake(PENDING);
            item.setPendingSince(a.submittedAt());
        }
        if (a.status() == Status.DRAFT) {
            item.setExpiresAt(WorkingCalendar.parse(a.createdAt()).plus(DRAFT_LIFETIME).getEpochSecond());
        }
        return item;
    }

    static Application application(Item item) {
        return Json.readTrusted(item.getDoc(), Application.class).withVersion(item.getVersion());
    }
}
