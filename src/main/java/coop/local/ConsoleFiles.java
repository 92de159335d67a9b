package coop.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the audit console (the static files under {@code console/} on the classpath) at {@code /console/}, next
 * to the local API. Only GET and HEAD; a path is a plain relative name ({@link #SAFE}: no {@code ..}, no
 * percent-escapes, no backslashes) and must end in a known extension, so nothing else on the classpath is reachable.
 */
final class ConsoleFiles {

    private ConsoleFiles() {
    }


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

    /** A file, a redirect or a refusal, as the server sends it. */
    record Served(int status, Map<String, String> headers, byte[] body) {
    }

    static Served serve(String method, String rawPath) throws IOException {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return send(405, "text/plain; charset=utf-8", "Method not allowed", Map.of("Allow", "GET, HEAD"));
        }
        if (rawPath.equals(PREFIX)) {
            return send(308, "text/plain; charset=utf-8", "", Map.of("Location", PREFIX + "/"));
        }
        // The server hands this every path that merely starts with /console, /consoles included.
        String name = rawPath.startsWith(PREFIX + "/") ? rawPath.substring(PREFIX.length() + 1) : "/";
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<byte[]> file = read(name);
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (file.isEmpty() || type == null) {
            return send(404, "text/plain; charset=utf-8", "Not found", Map.of());
        }
        return new Served(200, headers(type, Map.of()), "HEAD".equals(method) ? new byte[0] : file.get());
    }

    private static Optional<byte[]> read(String name) throws IOException {
        if (!SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    private static Served send(int status, String type, String text, Map<String, String> extra) {
        return new Served(status, headers(type, extra), text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(String type, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", type);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-cache");
        return headers;
    }
}
