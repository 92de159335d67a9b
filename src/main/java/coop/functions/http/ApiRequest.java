package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import coop.app.Json;
import coop.store.StreamId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One routed request: the caller, path parameters, query parameters and body, with the checks every handler needs.
 * Each accessor that checks a value throws a 400 {@link ApiError} naming the field.
 */
public final class ApiRequest {

    /** Larger bodies are refused before parsing: the biggest legitimate append is 49 events of a few KB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper STRICT = Json.configure(JsonMapper.builder())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final APIGatewayV2HTTPEvent event;
    private final Caller caller;
    private final Map<String, String> pathParameters;

    ApiRequest(APIGatewayV2HTTPEvent event, Caller caller, Map<String, String> pathParameters) {
        this.event = event;
        this.caller = caller;
        this.pathParameters = Map.copyOf(pathParameters);
    }

    public Caller caller() {
        return caller;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /** A path parameter that must be a valid id ({@link StreamId#isValidId}). */
    public String id(String name) {
        String value = pathParameters.get(name);
        if (!StreamId.isValidId(value)) {
            throw ApiError.invalid(name, "must be 1-200 characters of letters, digits and _ . : @ -");
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    public QueryParameters queryParameters() {
        return new QueryParameters(this);
    }

    /** The body as a JSON object: 413 when over {@link #MAX_BODY_BYTES}, 400 when absent or not a JSON object. */
    public JsonNode jsonBody() {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw ApiError.invalid("body", "is required: a JSON object");
        }
        byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiError.tooLarge("The request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (Exception malformed) {
            throw ApiError.invalid("body", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalid("body", "must be a JSON object");
        }
        requireText(node, "body");
        return node;
    }

    /**
     * Refuses a lone UTF-16 surrogate ({@code "\ud800"}) anywhere in the body, names included: JSON lets it through
     * as an escape, but it is no text, cannot be stored as UTF-8, and would reach DynamoDB as garbage.
     */
    private static void requireText(JsonNode node, String path) {
        if (node.isTextual() && !wellFormed(node.textValue())) {
            throw ApiError.invalid(path, "contains a lone UTF-16 surrogate, which is not text");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!wellFormed(field.getKey())) {
                throw ApiError.invalid(path, "has a field name with a lone UTF-16 surrogate, which is not text");
            }
            requireText(field.getValue(), path + "." + field.getKey());
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static boolean wellFormed(String text) {
        return text.codePoints().noneMatch(point -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE);
    }

    private static byte[] decodeBase64(String body) {
        if (body.length() > MAX_BODY_BYTES * 4L / 3 + 4) {
            throw ApiError.tooLarge("The request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("body", "is not valid base64");
        }
    }
}
