package coop.nativeimage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP function's answer, read from the API Gateway response the function handed to Lambda. */
record Reply(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(JsonNode gatewayResponse) throws JsonProcessingException {
        return new Reply(gatewayResponse.path("statusCode").asInt(), JSON.readTree(gatewayResponse.path("body").asText()));
    }
}
