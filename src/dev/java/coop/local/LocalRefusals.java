package coop.local;

import coop.functions.http.ApiError;
import coop.functions.http.HttpAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * Answers the requests the local server's HTTP decoder refuses before any handler sees them (a request line over
 * {@code max-initial-line-length}, headers over {@code max-header-size}, a request line or header that is not
 * HTTP) with the API's JSON error, where Vert.x's own handler sends the bare status with an empty body (or, for a
 * malformed request, just closes). The connection is closed afterwards, as Vert.x does: after a decoder failure the
 * rest of what the client sent cannot be trusted to start a request.
 */
final class LocalRefusals {

    private LocalRefusals() {
    }

    static void answer(HttpServerRequest request) {
        ApiError error = of(request.decoderResult());
        request.response()
                .setStatusCode(error.status())
                .putHeader("content-type", "application/json")
                .putHeader("connection", "close")
                .end(HttpAdapter.json(error.status(), error.body()).getBody())
                .onComplete(sent -> request.connection().close());
    }

    static ApiError of(DecoderResult result) {
        return switch (result.cause()) {
            case TooLongHttpLineException tooLong -> new ApiError(414, "uri_too_long",
                    "The request line is longer than the server takes; send a shorter path or query", Map.of());
            case TooLongHttpHeaderException tooLarge -> new ApiError(431, "headers_too_large",
                    "The request's headers are larger than the server takes", Map.of());
            case null, default -> new ApiError(400, "invalid_request",
                    "The request is not valid HTTP: " + describe(result.cause()), Map.of());
        };
    }

    private static String describe(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "it could not be read" : cause.getMessage();
    }
}
