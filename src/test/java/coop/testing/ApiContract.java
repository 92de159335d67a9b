package coop.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds every exchange the tests make with the API to {@code openapi.yaml}: each answer must be one the document
 * describes for its operation (status, body, error code), and each request the API accepted (2xx) must be one the
 * document calls valid. A request answered 4xx may break the document, since many tests send bad input on purpose.
 * An undocumented answer throws an {@link AssertionError} in the test that provoked it.
 */
public final class ApiContract {

    public static final String DOCUMENT = "openapi.yaml";
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(documentText()).build();

    /** One request and its answer, as they went over the wire; the answer's media type JSON unless said. */
    public record Exchange(String method, String rawPath, Map<String, List<String>> query, String requestBody,
                           boolean withToken, int status, String responseBody, String responseType) {

        public Exchange(String method, String rawPath, Map<String, List<String>> query, String requestBody,
                        boolean withToken, int status, String responseBody) {
            this(method, rawPath, query, requestBody, withToken, status, responseBody, "application/json");
        }
    }

    private ApiContract() {
    }

    /** The exchange of an API Gateway event and the function's answer, as {@link ApiClient} makes them. */
    public static void check(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                body = null;
            }
        }
        boolean withToken = event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null;
        String type = response.getHeaders() == null ? null : response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        check(new Exchange(event.getRequestContext().getHttp().getMethod(), event.getRawPath(), query, body,
                withToken, response.getStatusCode(), response.getBody(),
                type == null ? "application/json" : type.split(";")[0].trim()));
    }

    public static void check(Exchange exchange) {
        Request.Method method = Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
        ValidationReport report = VALIDATOR.validateResponse(exchange.rawPath(), method, SimpleResponse.Builder
                .status(exchange.status()).withContentType(exchange.responseType()).withBody(exchange.responseBody())
                .build());
        if (exchange.status() / 100 == 2) {
            report = report.merge(VALIDATOR.validateRequest(request(exchange, method)));
        }
        if (report.hasErrors()) {
            throw new AssertionError("openapi.yaml does not describe this exchange:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report)
                    + "\nrequest: " + exchange.method() + " " + exchange.rawPath() + " " + exchange.query() + " "
                    + abbreviate(exchange.requestBody())
                    + "\nanswer: " + exchange.status() + " " + abbreviate(exchange.responseBody()));
        }
    }

    /** What makes this request invalid by the document; empty when the document calls it valid. */
    public static List<String> requestProblems(Exchange exchange) {
        Request.Method method = Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
        return VALIDATOR.validateRequest(request(exchange, method)).getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getMessage).toList();
    }

    private static Request request(Exchange exchange, Request.Method method) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, exchange.rawPath())
                .withContentType("application/json");
        exchange.query().forEach(request::withQueryParam);
        if (exchange.withToken()) {
            request.withAuthorization("Bearer token");
        }
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static String abbreviate(String text) {
        return text == null ? "(none)" : text.length() > 2_000 ? text.substring(0, 2_000) + "…" : text;
    }

    /** The document as the tests and the local server read it (from the classpath). */
    public static String documentText() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
