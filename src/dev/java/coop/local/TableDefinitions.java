package coop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB tables as {@code infra/template.yaml} defines them. Local runs and tests create their tables from
 * here, so a key or index that the code needs and the template lacks fails a test instead of a deployment.
 */
public final class TableDefinitions {

    /** Where the build puts the template on the classpath (see the pom's resources). */
    public static final String TEMPLATE = "infra/template.yaml";

    private final Map<String, JsonNode> tables;

    private TableDefinitions(Map<String, JsonNode> tables) {
        this.tables = tables;
    }

    public static TableDefinitions fromClasspath() {
        try (InputStream template = TableDefinitions.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (template == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the classpath");
            }
            return parse(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableDefinitions parse(InputStream template) throws IOException {
        // CloudFormation tags such as !Sub and !Ref read as plain values here; only keys and indexes matter.
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(template);
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(resource -> {
            if ("AWS::DynamoDB::Table".equals(resource.getValue().path("Type").asText())) {
                tables.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return new TableDefinitions(tables);
    }

    /** The logical ids of the template's tables, e.g. {@code EventsTable}. */
    public List<String> logicalIds() {
        return List.copyOf(tables.keySet());
    }

    /** Creates the table {@code logicalId} under {@code tableName}; does nothing if it already exists. */
    public void create(DynamoDbClient dynamo, String logicalId, String tableName) {
        try {
            dynamo.createTable(request(logicalId, tableName));
            dynamo.waiter().waitUntilTableExists(wait -> wait.tableName(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // Created by an earlier run or a concurrent starter: the definition is the same.
        }
    }

    public CreateTableRequest request(String logicalId, String tableName) {
        JsonNode table = tables.get(logicalId);
        if (table == null) {
            throw new IllegalArgumentException("infra/template.yaml defines no table " + logicalId);
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes(table.path("AttributeDefinitions")))
                .keySchema(keys(table.path("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode index : table.path("GlobalSecondaryIndexes")) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keys(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(index.path("Projection").path("ProjectionType").asText())
                            .nonKeyAttributes(texts(index.path("Projection").path("NonKeyAttributes")))
                            .build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        JsonNode stream = table.path("StreamSpecification");
        if (!stream.isMissingNode()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText())
                    .build());
        }
        return request.build();
    }

    private static List<AttributeDefinition> attributes(JsonNode definitions) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode definition : definitions) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(definition.path("AttributeName").asText())
                    .attributeType(definition.path("AttributeType").asText())
                    .build());
        }
        return attributes;
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode key : schema) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(key.path("AttributeName").asText())
                    .keyType(key.path("KeyType").asText())
                    .build());
        }
        return keys;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values.isEmpty() ? null : values;
    }
}
