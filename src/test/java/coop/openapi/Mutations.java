package coop.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.app.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid request into one the document calls invalid: no token, a body that is not JSON or not an object, a
 * field dropped, added, of the wrong type or too long anywhere in the body, a path parameter or a query value outside
 * its schema. The caller keeps only mutants the document's validator refuses.
 */
final class Mutations {

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    FuzzRequest mutate(FuzzRequest valid, OpenApiSchemas.Operation operation) {
        int kinds = 9;
        return switch (random.nextInt(kinds)) {
            case 0 -> valid.withToken(null);
            case 1 -> valid.body() == null ? valid.withToken(null) : valid.withBody("{\"events\": [");
            case 2 -> valid.body() == null ? valid.withToken(null) : valid.withBody("[]");
            case 3, 4, 5, 6 -> valid.body() == null ? parameter(valid, operation) : body(valid);
            default -> parameter(valid, operation);
        };
    }

    private FuzzRequest body(FuzzRequest valid) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(valid.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<ObjectNode> objects = new ArrayList<>();
        collect(tree, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "reason" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(4)) {
            case 0 -> target.remove(name);
            case 1 -> target.put("zz_" + name, 1);
            case 2 -> target.set(name, wrongType(target.get(name)));
            default -> target.put(name, "x".repeat(2_001 + random.nextInt(2_000)));
        }
        return valid.withBody(tree.toString());
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        if (node instanceof ObjectNode || node instanceof ArrayNode) {
            node.forEach(child -> collect(child, objects));
        }
    }

    private JsonNode wrongType(JsonNode value) {
        if (value == null || value.isTextual()) {
            return Json.mapper().getNodeFactory().numberNode(random.nextInt(100) - 50);
        }
        if (value.isNumber()) {
            return Json.mapper().getNodeFactory().textNode(value.asText() + "x");
        }
        return Json.mapper().getNodeFactory().textNode("x");
    }

    private FuzzRequest parameter(FuzzRequest valid, OpenApiSchemas.Operation operation) {
        List<JsonNode> parameters = operation.parameters();
        if (parameters.isEmpty()) {
            return valid.withToken(null);
        }
        JsonNode parameter = parameters.get(random.nextInt(parameters.size()));
        String name = parameter.path("name").asText();
        String value = switch (random.nextInt(4)) {
            case 0 -> "x".repeat(201);
            case 1 -> "not a value!";
            case 2 -> "-1";
            default -> "";
        };
        return "path".equals(parameter.path("in").asText())
                ? valid.withPathParameter(name, value.isEmpty() ? "%" : value)
                : valid.withQuery(name, value);
    }
}
