package coop.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.keys.FieldCipher;
import coop.store.StreamId;

import java.util.List;
import java.util.Optional;

/**
 * Seals and opens the personal values of an aggregate state stored as JSON, at the paths its type declares
 * ({@code family_name}, {@code children.child_name}: a path through an array names that field of every element).
 * Each value is sealed on its own, bound to the stream, the version and its place ({@code state.children.0.age}),
 * so that when the key is gone the state still reads, with those values null, and everything else in clear.
 */
final class StateFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> paths;

    StateFields(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The state with every personal value sealed under {@code key}. */
    String seal(StreamId stream, long version, String state, byte[] key) {
        ObjectNode tree = parse(state);
        for (String path : paths) {
            visit(tree, path.split("\\."), 0, "state", (holder, field, place) -> {
                JsonNode value = holder.get(field);
                if (value != null && !value.isNull() && !FieldCipher.isSealed(value.textValue())) {
                    holder.put(field, FieldCipher.seal(key, value.toString(), where(stream, version, place)));
                }
            });
        }
        return write(tree);
    }

    /** The state with its personal values opened, or null where {@code key} is empty (the key was erased). */
    String open(StreamId stream, long version, String state, Optional<byte[]> key) {
        ObjectNode tree = parse(state);
        for (String path : paths) {
            visit(tree, path.split("\\."), 0, "state", (holder, field, place) -> {
                JsonNode value = holder.get(field);
                if (value != null && FieldCipher.isSealed(value.textValue())) {
                    holder.set(field, key.map(k -> parse(FieldCipher.open(k, value.textValue(),
                            where(stream, version, place)), JsonNode.class)).orElse(null));
                }
            });
        }
        return write(tree);
    }

    /** Whether any personal value of the state is sealed, so that opening it needs the aggregate's key. */
    boolean anySealed(String state) {
        ObjectNode tree = parse(state);
        boolean[] sealed = {false};
        for (String path : paths) {
            visit(tree, path.split("\\."), 0, "state", (holder, field, place) ->
                    sealed[0] |= FieldCipher.isSealed(holder.path(field).textValue()));
        }
        return sealed[0];
    }

    private static String where(StreamId stream, long version, String place) {
        return PersonalPayloads.place(stream, version, place);
    }

    private static void visit(JsonNode node, String[] path, int step, String place, Leaf leaf) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                visit(array.get(i), path, step, place + "." + i, leaf);
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        String field = path[step];
        if (step == path.length - 1) {
            leaf.at(object, field, place + "." + field);
        } else {
            visit(object.get(field), path, step + 1, place + "." + field, leaf);
        }
    }

    private static ObjectNode parse(String state) {
        if (!(parse(state, JsonNode.class) instanceof ObjectNode object)) {
            throw new IllegalStateException("a stored state is not a JSON object");
        }
        return object;
    }

    private static <T> T parse(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored state is not JSON", e);
        }
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    @FunctionalInterface
    private interface Leaf {
        void at(ObjectNode holder, String field, String place);
    }
}
