package coop.openapi;

import coop.testing.ApiContract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** One request the fuzzer sends: path parameters and query as values, the body as text, the bearer token or none. */
record FuzzRequest(String method, String template, Map<String, String> pathParameters, Map<String, String> query,
                   String body, String token) {

    FuzzRequest {
        pathParameters = new LinkedHashMap<>(pathParameters);
        query = new LinkedHashMap<>(query);
    }

    String rawPath() {
        String path = template;
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        return path;
    }

    String target() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        this.query.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return rawPath() + query;
    }

    ApiContract.Exchange exchange(int status, String responseBody) {
        return exchange(status, responseBody, "application/json");
    }

    ApiContract.Exchange exchange(int status, String responseBody, String responseType) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        query.forEach((name, value) -> values.put(name, List.of(value)));
        return new ApiContract.Exchange(method, rawPath(), values, body, token != null, status, responseBody,
                responseType);
    }

    FuzzRequest withBody(String newBody) {
        return new FuzzRequest(method, template, pathParameters, query, newBody, token);
    }

    FuzzRequest withToken(String newToken) {
        return new FuzzRequest(method, template, pathParameters, query, body, newToken);
    }

    FuzzRequest withPathParameter(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(pathParameters);
        changed.put(name, value);
        return new FuzzRequest(method, template, changed, query, body, token);
    }

    FuzzRequest withQuery(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.put(name, value);
        return new FuzzRequest(method, template, pathParameters, changed, body, token);
    }

    @Override
    public String toString() {
        return method + " " + target() + (body == null ? "" : " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
