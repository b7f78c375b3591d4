package vn.motcua.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.Holiday;
import vn.motcua.catalogue.Office;
import vn.motcua.catalogue.Procedure;
import vn.motcua.json.Json;

/**
 * The catalogue table: one partition per kind (PROCEDURE, OFFICE, HOLIDAY), the id as sort key
 * and the record's JSON in {@code doc}. Loading everything is three Query calls (paginated by
 * DynamoDB at 1 MB), never a Scan.
 */
public final class CatalogueRepository implements Supplier<CatalogueData> {

    /** The row shape; mutable because StaticTableSchema maps through getters and setters. */
    public static final class Item {
        private String pk;
        private String sk;
        private String doc;

        public String getPk() { return pk; }
        public void setPk(String pk) { this.pk = pk; }
        public String getSk() { return sk; }
        public void setSk(String sk) { this.sk = sk; }
        public String getDoc() { return doc; }
        public void setDoc(String doc) { this.doc = doc; }
    }

    /** Built once per class load: schema construction is the expensive part of the mapper. */
    static final TableSchema<Item> SCHEMA = StaticTableSchema.builder(Item.class)
            .newItemSupplier(Item::new)
            .addAttribute(String.class, a -> a.name("pk").getter(Item::getPk).setter(Item::setPk)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(Item::getSk).setter(Item::setSk)
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("doc").getter(Item::getDoc).setter(Item::setDoc))
            .build();

    private static final String PROCEDURE = "PROCEDURE";
    private static final String OFFICE = "OFFICE";
    private static final String HOLIDAY = "HOLIDAY";

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<Item> table;

    public CatalogueRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.table = enhanced.table(tableName, SCHEMA);
    }

    @Override
    public CatalogueData get() {
        return new CatalogueData(
                partition(PROCEDURE, Procedure.class),
                partition(OFFICE, Office.class),
                partition(HOLIDAY, Holiday.class));
    }

    /** Writes every record of {@code data}; re-running it overwrites the same keys. */
    public void seed(CatalogueData data) {
        List<Item> items = new ArrayList<>();
        data.procedures().forEach(p -> items.add(item(PROCEDURE, p.code(), p)));
        data.offices().forEach(o -> items.add(item(OFFICE, o.officeId(), o)));
        data.holidays().forEach(h -> items.add(item(HOLIDAY, h.date(), h)));
        // BatchWriteItem takes at most 25 puts per call.
        for (int i = 0; i < items.size(); i += 25) {
            WriteBatch.Builder<Item> batch = WriteBatch.builder(Item.class).mappedTableResource(table);
            items.subList(i, Math.min(i + 25, items.size())).forEach(batch::addPutItem);
            var result = enhanced.batchWriteItem(b -> b.addWriteBatch(batch.build()));
            List<Item> unprocessed = result.unprocessedPutItemsForTable(table);
            unprocessed.forEach(table::putItem);
        }
    }

    private <T> List<T> partition(String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(kind).build()))
                .items()
                .forEach(item -> out.add(Json.readTrusted(item.getDoc(), type)));
        return out;
    }

    private static Item item(String kind, String id, Object value) {
        Item item = new Item();
        item.setPk(kind);
        item.setSk(id);
        item.setDoc(Json.write(value));
        return item;
    }
}
