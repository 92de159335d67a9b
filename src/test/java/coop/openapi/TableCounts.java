package coop.openapi;

import coop.config.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many items each table of the store holds: a request that stores nothing leaves every count as it was. */
final class TableCounts {

    private TableCounts() {
    }

    static Map<String, Integer> of(DynamoDbClient dynamo, TableNames tables) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : List.of(tables.events(), tables.eventIds(), tables.snapshots(), tables.readModels(),
                tables.checkpoints(), tables.keys())) {
            counts.put(table, dynamo.scanPaginator(ScanRequest.builder().tableName(table).select(Select.COUNT).build())
                    .stream().mapToInt(page -> page.count()).sum());
        }
        return counts;
    }
}
