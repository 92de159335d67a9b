package coop.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the audit console (the static files under {@code console/} on the classpath) at {@code /console/}, next
 * to the local API. Only GET and HEAD; a path is a plain relative name ({@link #SAFE}: no {@code ..}, no
 * percent-escapes, no backslashes) and must end in a known extension, so nothing else on the classpath is reachable.
 */
final class ConsoleFiles implements HttpHandler {

    static final String PREFIX = "/console";
    private static final String ROOT = "console/";
    private static final Pattern SAFE = Pattern.compile("(?:[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*/)*[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath.equals(PREFIX)) {
                exchange.getResponseHeaders().set("Location", PREFIX + "/");
                send(exchange, 308, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            // The server hands this handler every path that merely starts with /console, /consoles included.
            String name = rawPath.startsWith(PREFIX + "/") ? rawPath.substring(PREFIX.length() + 1) : "/";
            if (name.isEmpty()) {
                name = "index.html";
            }
            Optional<byte[]> file = read(name);
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            if (file.isEmpty() || type == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, type, file.get());
        }
    }

    private static Optional<byte[]> read(String name) throws IOException {
        if (!SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
