package coop.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Values a schema of openapi.yaml accepts, drawn from a seeded {@link Random}. Texts are letters and digits (they meet
 * every pattern the document has: ids, snake_case fields, non-blank text); dates fall in the range the payload
 * descriptions give; an event's {@code event_version} names the payload version its {@code event_data} was drawn for.
 */
final class SchemaValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALNUM = LETTERS + "0123456789";

    private final OpenApiSchemas document;
    private final Random random;

    SchemaValues(OpenApiSchemas document, Random random) {
        this.document = document;
        this.random = random;
    }

    JsonNode valid(JsonNode schemaOrRef) {
        JsonNode schema = document.resolve(schemaOrRef);
        if (schema.has("allOf")) {
            return valid(schema.path("allOf").get(0));
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode choices = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            return valid(choices.get(random.nextInt(choices.size())));
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        return switch (schema.path("type").asText("object")) {
            case "object" -> object(schema);
            case "array" -> array(schema);
            case "integer" -> JSON.numberNode(integer(schema));
            case "number" -> JSON.numberNode(BigDecimal.valueOf(1 + random.nextInt(100_000), 2));
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            default -> JSON.textNode(text(schema));
        };
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode object = JSON.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        schema.path("properties").properties().forEach(property -> {
            if (required.contains(property.getKey()) || random.nextBoolean()) {
                object.set(property.getKey(), valid(property.getValue()));
            }
        });
        JsonNode data = schema.path("properties").path("event_data");
        if (data.has("anyOf") && object.has("event_data")) {
            // One payload version per event: event_version says which one event_data was drawn for.
            int version = 1 + random.nextInt(data.path("anyOf").size());
            object.set("event_data", valid(data.path("anyOf").get(version - 1)));
            object.put("event_version", version);
        }
        return object;
    }

    private ArrayNode array(JsonNode schema) {
        ArrayNode array = JSON.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int count = min + random.nextInt(Math.min(schema.path("maxItems").asInt(min + 3), min + 3) - min + 1);
        for (int i = 0; i < count; i++) {
            array.add(valid(schema.path("items")));
        }
        return array;
    }

    private long integer(JsonNode schema) {
        long min = schema.path("minimum").asLong(0);
        long max = Math.min(schema.path("maximum").asLong(min + 1_000), min + 1_000);
        return min + (long) random.nextInt((int) (max - min + 1));
    }

    private String text(JsonNode schema) {
        return switch (schema.path("format").asText("")) {
            case "date" -> LocalDate.of(1950, 1, 1).plusDays(random.nextInt(55_000)).toString();
            case "date-time" -> Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000_000)).toString();
            // The validator checks the format strictly: a top-level domain of letters, as real ones are.
            case "email" -> word(1, 8) + "@" + word(1, 8) + "." + List.of("org", "net", "com").get(random.nextInt(3));
            default -> word(Math.max(1, schema.path("minLength").asInt(1)),
                    Math.min(schema.path("maxLength").asInt(12), 12));
        };
    }

    /** A lower-case letter, then letters and digits: a valid id, snake_case name and non-blank text at once. */
    String word(int min, int max) {
        int length = min + random.nextInt(Math.max(1, max - min + 1));
        StringBuilder word = new StringBuilder().append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        while (word.length() < length) {
            word.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return word.toString();
    }
}
