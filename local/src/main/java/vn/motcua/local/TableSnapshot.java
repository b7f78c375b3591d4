package vn.motcua.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.motcua.json.Json;

/**
 * {@code --data-dir} for moto, which keeps nothing on disk: every table's items, one file per
 * table ({@code <dir>/<table>.jsonl}, an item a line in DynamoDB's own JSON, as
 * {@code aws dynamodb scan} prints it), written when the stack stops and loaded when it starts.
 * The tables themselves come from template.yaml at every start, so a snapshot never carries an
 * old schema. Files are written beside their old selves and moved over them once all are
 * written, so a stop that fails reading the tables leaves the previous snapshot whole (a crash
 * between two of the moves can still mix tables of two stops).
 */
final class TableSnapshot {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SUFFIX = ".jsonl";

    private TableSnapshot() {
    }

    /**
     * Writes every item of every table; answers how many items were written. Every table is
     * written to its {@code .tmp} file first and only then are they all moved into place, so a
     * stop that fails while reading moto leaves the previous snapshot whole.
     */
    static long save(DynamoDbClient dynamo, Path dir) {
        try {
            Files.createDirectories(dir);
            long items = 0;
            List<String> tables = new ArrayList<>();
            dynamo.listTablesPaginator(b -> { }).tableNames().forEach(tables::add);
            for (String table : tables) {
                try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(table + SUFFIX + ".tmp"), StandardCharsets.UTF_8)) {
                    // A Scan, and only here: the local stack copying its emulator to disk, never a request path.
                    for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table)).items()) {
                        out.write(Json.write(toJson(item)));
                        out.write('\n');
                        items++;
                    }
                }
            }
            for (String table : tables) {
                Files.move(dir.resolve(table + SUFFIX + ".tmp"), dir.resolve(table + SUFFIX),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the table snapshot in " + dir, e);
        }
    }

    /**
     * Loads the items saved for each of {@code tables} that has a file; tables the template no
     * longer declares are left on disk and named in the answer's {@code skipped}.
     */
    static Loaded load(DynamoDbClient dynamo, Path dir, Set<String> tables) {
        if (!Files.isDirectory(dir)) {
            return new Loaded(0, List.of());
        }
        long items = 0;
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                String table = name.substring(0, name.length() - SUFFIX.length());
                if (!tables.contains(table)) {
                    skipped.add(table);
                    continue;
                }
                List<WriteRequest> batch = new ArrayList<>(25);
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<String, AttributeValue> item = fromJson(Json.tree(line));
                    batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                    items++;
                    if (batch.size() == 25) {
                        write(dynamo, table, batch);
                    }
                }
                write(dynamo, table, batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the table snapshot in " + dir, e);
        }
        return new Loaded(items, skipped);
    }

    record Loaded(long items, List<String> skipped) {
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        List<WriteRequest> pending = List.copyOf(batch);
        batch.clear();
        while (!pending.isEmpty()) {
            List<WriteRequest> requests = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, requests)))
                    .unprocessedItems().getOrDefault(table, List.of());
        }
    }

    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, toJson(value)));
        return node;
    }

    private static ObjectNode toJson(AttributeValue v) {
        ObjectNode node = NODES.objectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> strings(node.putArray("SS"), v.ss());
            case NS -> strings(node.putArray("NS"), v.ns());
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(toJson(e)));
            }
            case M -> node.set("M", toJson(v.m()));
            default -> throw new IllegalArgumentException("Unknown attribute type " + v.type());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static Map<String, AttributeValue> fromJson(JsonNode item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    private static AttributeValue value(JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        Map.Entry<String, JsonNode> e = fields.next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(t -> SdkBytes.fromByteArray(Base64.getDecoder().decode(t))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(fromJson(v));
            default -> throw new IllegalArgumentException("Unknown attribute type " + e.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }
}
