package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.domain.Field;
import coop.functions.http.ApiError;
import coop.functions.http.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a call that takes a reason and nothing else (a revert, an erasure): {@code {"reason": "..."}}. As for
 * appends, the user id comes from the token, and a field the call does not take is a 400, not a silent no-op.
 */
final class ReasonBody {

    private static final Set<String> FIELDS = Set.of("reason");

    private ReasonBody() {
    }

    /**
     * @param rule what the reason must be, after "is required: " in the 400 (e.g. "a sentence of at most 2000
     *             characters")
     * @return the reason
     * @throws ApiError a 400 naming every problem of the body
     */
    static String reason(JsonNode body, String rule) {
        List<Problem> problems = new ArrayList<>();
        AppendBody.unknownFields(body, FIELDS, "", problems);
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()
                || reason.asText().length() > Field.MAX_TEXT_LENGTH) {
            problems.add(new Problem("reason", "is required: " + rule));
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return reason.asText();
    }
}
