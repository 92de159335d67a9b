package coop.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import coop.testing.ApiContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** openapi.yaml read as a tree: its operations, and schemas with their {@code $ref}s followed. */
final class OpenApiSchemas {

    /** One operation: its method, path template, the node under paths, and the path item's own parameters. */
    record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {

        String key() {
            return method + " " + path;
        }
    }

    private final JsonNode root;

    private OpenApiSchemas(JsonNode root) {
        this.root = root;
    }

    static OpenApiSchemas load() {
        try {
            return new OpenApiSchemas(new ObjectMapper(new YAMLFactory()).readTree(ApiContract.documentText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!entry.getKey().equals("parameters")) {
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                entry.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), entry.getValue(),
                        parameters));
            }
        }));
        return operations;
    }

    /** The node a {@code $ref} points to (followed until there is none), or the node itself. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            JsonNode target = root;
            for (String part : current.path("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    /** The request body's schema of an operation, if it takes one. */
    JsonNode requestSchema(Operation operation) {
        return resolve(operation.node().path("requestBody").path("content").path("application/json").path("schema"));
    }
}
