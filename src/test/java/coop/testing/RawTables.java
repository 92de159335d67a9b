package coop.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every table of a test, read raw as DynamoDB holds it, to find text that must not be stored. */
public final class RawTables {

    private RawTables() {
    }

    /**
     * Where {@code secret} appears in any item of any table: as text, or base64 (bare or JSON-quoted) in text or
     * binary values. Each hit names the table and the attribute.
     */
    public static List<String> find(DynamoDbClient dynamo, TestTables tables, String secret) {
        List<String> needles = List.of(secret,
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("\"" + secret + "\"").getBytes(StandardCharsets.UTF_8)));
        List<String> hits = new ArrayList<>();
        for (String table : tables.names().values()) {
            dynamo.scanPaginator(request -> request.tableName(table)).items().forEach(item ->
                    item.forEach((name, value) -> {
                        String text = text(value);
                        needles.stream().filter(text::contains)
                                .forEach(needle -> hits.add(table + "." + name + " holds " + needle));
                    }));
        }
        return hits;
    }

    /** Every item of every table, in a stable order: to show that something changed nothing. */
    public static List<String> everything(DynamoDbClient dynamo, TestTables tables) {
        List<String> items = new ArrayList<>();
        for (String table : tables.names().values()) {
            dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items()
                    .forEach(item -> items.add(table + " " + new TreeMap<>(item)));
        }
        items.sort(String::compareTo);
        return items;
    }

    private static String text(AttributeValue value) {
        StringBuilder text = new StringBuilder();
        if (value.s() != null) {
            text.append(value.s());
        }
        if (value.n() != null) {
            text.append(value.n());
        }
        if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            text.append(new String(bytes, StandardCharsets.ISO_8859_1)).append(Base64.getEncoder().encodeToString(bytes));
        }
        if (value.hasM()) {
            value.m().values().forEach(nested -> text.append(text(nested)));
        }
        if (value.hasL()) {
            value.l().forEach(nested -> text.append(text(nested)));
        }
        if (value.hasSs()) {
            value.ss().forEach(text::append);
        }
        return text.toString();
    }

    /** Every item of one table, raw. */
    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(request -> request.tableName(table)).items().forEach(items::add);
        return items;
    }
}
