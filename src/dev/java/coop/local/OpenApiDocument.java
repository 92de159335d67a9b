package coop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI description ({@code openapi.yaml} on the classpath), served locally at {@value #PATH} without a
 * token, so the portal team can point a client generator or an API tool at a running server.
 */
final class OpenApiDocument {

    static final String PATH = "/openapi.yaml";
    private static final String RESOURCE = "openapi.yaml";

    private OpenApiDocument() {
    }

    static APIGatewayV2HTTPResponse answer() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(200);
        response.setHeaders(Map.of("content-type", "application/yaml; charset=utf-8"));
        response.setCookies(List.of());
        response.setBody(text());
        response.setIsBase64Encoded(false);
        return response;
    }

    static String text() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
