package coop.functions;

import coop.app.ErasureResult;
import coop.app.Erasures;
import coop.domain.Field;
import coop.domain.family.Family;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.Reply;


/**
 * {@code POST /aggregates/Family/{aggregate_id}/erasure} (admin) with {@code {"reason": "..."}}: forgets the family's
 * personal data. 200 with the erasure, the same body however often it is asked.
 */
final class ErasureRequests {

    static final String ROUTE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";


    private final Erasures erasures;

    ErasureRequests(Erasures erasures) {
        this.erasures = erasures;
    }

    Reply erase(ApiRequest request) {
        request.caller().requireAdmin();
        String aggregateType = request.id("aggregate_type");
        String familyId = request.id("aggregate_id");
        String reason = ReasonBody.reason(request.jsonBody(), "why, in at most " + Field.MAX_TEXT_LENGTH
                + " characters and without naming anyone (it is kept in clear)");
        if (!Family.NAME.equals(aggregateType)) {
            throw ApiError.notFound("Only a Family has personal data to erase");
        }
        ErasureResult result = erasures.erase(request.caller().tenantId(), familyId, reason,
                        request.caller().userId())
                .orElseThrow(() -> ApiError.notFound("There is no family " + familyId));
        return Reply.ok(result);
    }
}
