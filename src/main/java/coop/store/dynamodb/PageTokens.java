package coop.store.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.store.InvalidPageToken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque page tokens: a small JSON object in base64url. Each names the query it belongs to, so a token of one
 * stream or type query is refused by another instead of silently paging something else.
 */
final class PageTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private PageTokens() {
    }

    static String encode(Map<String, String> fields) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(fields));
        } catch (Exception e) {
            throw new IllegalStateException("page token fields are plain strings", e);
        }
    }

    /** A field every token of its query carries; a token without it was not handed out by us. */
    static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidPageToken();
        }
        return value;
    }

    /** A field holding a number >= 0, such as the version a stream page stopped after. */
    static long number(Map<String, String> fields, String name) {
        return number(field(fields, name));
    }

    static long number(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new InvalidPageToken();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidPageToken();
        }
    }

    /** The token's fields, if it is one of ours and was issued for {@code query}. */
    static Optional<Map<String, String>> decode(Optional<String> token, String query) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token.get().getBytes(StandardCharsets.US_ASCII));
            Map<String, String> fields = JSON.readValue(bytes, FIELDS);
            if (!query.equals(fields.get("q"))) {
                throw new InvalidPageToken();
            }
            return Optional.of(fields);
        } catch (InvalidPageToken e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidPageToken();
        }
    }
}
