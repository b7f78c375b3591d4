package vn.motcua.storage;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.motcua.stats.Counter;
import vn.motcua.stats.StatsDelta;

/**
 * The stats table: one item per scope and month ({@code scope} = an officeId or {@value #ALL},
 * {@code month} = YYYY-MM) holding the {@link Counter}s. A KPI query is one Query over the
 * months of one scope; it never reads a dossier.
 *
 * <p>The counters only move inside the transaction that makes the change they count
 * ({@link #updates}), so a change written once is counted once, whatever retries happen around it.
 */
public final class StatsRepository {

    public static final String ALL = "ALL";

    private final DynamoDbClient client;
    private final String table;

    public StatsRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** The ADDs for {@code delta}: per month, one on the office's item and one on the city's. */
    List<TransactWriteItem> updates(StatsDelta delta) {
        List<TransactWriteItem> items = new ArrayList<>();
        delta.byMonth().forEach((month, counts) -> {
            for (String scope : List.of(delta.officeId(), ALL)) {
                items.add(add(scope, month, counts));
            }
        });
        return items;
    }

    private TransactWriteItem add(String scope, YearMonth month, Map<Counter, Long> counts) {
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        counts.forEach((counter, amount) -> {
            int i = names.size();
            expression.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :v").append(i);
            names.put("#c" + i, counter.attribute());
            values.put(":v" + i, AttributeValue.fromN(Long.toString(amount)));
        });
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("scope", AttributeValue.fromS(scope), "month", AttributeValue.fromS(month.toString())))
                .updateExpression(expression.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    /** The counters of {@code scope} for each month in [from, to] that has any: one Query. */
    public List<Map<Counter, Long>> months(String scope, YearMonth from, YearMonth to) {
        List<Map<Counter, Long>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from0 = start;
            QueryResponse page = client.query(b -> {
                b.tableName(table).exclusiveStartKey(from0)
                        .keyConditionExpression("#scope = :scope AND #month BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#scope", "scope", "#month", "month"))
                        .expressionAttributeValues(Map.of(":scope", AttributeValue.fromS(scope),
                                ":from", AttributeValue.fromS(from.toString()), ":to", AttributeValue.fromS(to.toString())));
            });
            for (Map<String, AttributeValue> item : page.items()) {
                Map<Counter, Long> counts = new EnumMap<>(Counter.class);
                for (Counter c : Counter.values()) {
                    AttributeValue v = item.get(c.attribute());
                    if (v != null && v.n() != null) {
                        counts.put(c, Long.parseLong(v.n()));
                    }
                }
                out.add(counts);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
