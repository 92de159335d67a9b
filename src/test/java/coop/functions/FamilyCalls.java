package coop.functions;

import coop.testing.ApiCall;

import java.util.Map;

/** Request bodies and calls of the seed's Family story, shared by the API tests. */
final class FamilyCalls {

    static final String APPEND = "POST /aggregates/{aggregate_type}/{aggregate_id}/events";
    static final String LOAD = "GET /aggregates/{aggregate_type}/{aggregate_id}";
    static final String HISTORY = "GET /aggregates/{aggregate_type}/{aggregate_id}/events";
    static final String EXPLAIN = "GET /aggregates/{aggregate_type}/{aggregate_id}/explain";
    static final String EVENTS = "GET /events";
    static final String EVENT = "GET /events/{event_id}";
    static final String REVERT = "POST /correlations/{correlation_id}/revert";
    static final String FAMILIES = "GET /families";

    private FamilyCalls() {
    }

    static ApiCall append(String familyId, Map<String, String> caller, String body) {
        return ApiCall.to(APPEND, "Family", familyId).as(caller).body(body);
    }

    static String enrolment(String familyName) {
        return """
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "%s", "enrollment_date": "2024-09-01", "parent_name": "Ana"}}]}
                """.formatted(familyName);
    }

    static String oneEvent(Object expectedVersion, String eventType, String data) {
        return """
                {"expected_version": %s, "events": [{"event_type": "%s", "event_data": %s}]}
                """.formatted(expectedVersion, eventType, data);
    }
}
