package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.ErasureResult;
import coop.app.Erasures;
import coop.domain.Field;
import coop.domain.family.Family;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.Problem;
import coop.functions.http.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /aggregates/Family/{aggregate_id}/erasure} (admin) with {@code {"reason": "..."}}: forgets the family's
 * personal data. 200 with the erasure, the same body however often it is asked.
 */
final class ErasureRequests {

    static final String ROUTE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";

    private static final Set<String> FIELDS = Set.of("reason");

    private final Erasures erasures;

    ErasureRequests(Erasures erasures) {
        this.erasures = erasures;
    }

    Reply erase(ApiRequest request) {
        request.caller().requireAdmin();
        String aggregateType = request.id("aggregate_type");
        String familyId = request.id("aggregate_id");
        JsonNode body = request.jsonBody();
        List<Problem> problems = new ArrayList<>();
        AppendBody.unknownFields(body, FIELDS, "", problems);
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()
                || reason.asText().length() > Field.MAX_TEXT_LENGTH) {
            problems.add(new Problem("reason", "is required: why, in at most " + Field.MAX_TEXT_LENGTH
                    + " characters and without naming anyone (it is kept in clear)"));
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        if (!Family.NAME.equals(aggregateType)) {
            throw ApiError.notFound("Only a Family has personal data to erase");
        }
        ErasureResult result = erasures.erase(request.caller().tenantId(), familyId, reason.asText(),
                        request.caller().userId())
                .orElseThrow(() -> ApiError.notFound("There is no family " + familyId));
        return Reply.ok(result);
    }
}
