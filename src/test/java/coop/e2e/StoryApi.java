package coop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.testing.ApiContract;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The API calls a browser test makes besides the browser's: Sarah's appends, checks, and waiting on the stream. */
final class StoryApi {

    private static final Duration STREAM_LAG = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    StoryApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Appends one event to a family, as the walk-through's curl commands do; expects 201. */
    void append(String family, long expected, String correlation, String cause, String event) throws Exception {
        String body = "{\"expected_version\": " + expected + ", \"correlation_id\": \"" + correlation + "\""
                + (cause == null ? "" : ", \"causation_id\": \"" + cause + "\"") + ", \"events\": [" + event + "]}";
        String path = "/aggregates/Family/" + family + "/events";
        HttpResponse<String> answer = http.send(request(path)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        ApiContract.check(new ApiContract.Exchange("POST", path, Map.of(), body, true, answer.statusCode(), answer.body()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    /** GETs {@code path}; expects 200. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        check(path, answer);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.mapper().readTree(answer.body());
    }

    /** Waits until the family's summary, kept from the stream, satisfies {@code done}. */
    void awaitSummary(String family, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(STREAM_LAG);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = http.send(request("/families/" + family + "/summary").build(),
                    HttpResponse.BodyHandlers.ofString());
            check("/families/" + family + "/summary", answer);
            if (answer.statusCode() == 200 && done.test(Json.mapper().readTree(answer.body()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the summary of " + family + " did not follow the stream within " + STREAM_LAG);
    }

    /** Holds a GET and its answer to openapi.yaml, as {@code ApiClient} does for the function tests. */
    private static void check(String pathAndQuery, HttpResponse<String> answer) {
        int split = pathAndQuery.indexOf('?');
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (split >= 0) {
            for (String pair : pathAndQuery.substring(split + 1).split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.computeIfAbsent(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), name -> new ArrayList<>())
                        .add(nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        ApiContract.check(new ApiContract.Exchange("GET", split >= 0 ? pathAndQuery.substring(0, split) : pathAndQuery,
                query, null, true, answer.statusCode(), answer.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }
}
