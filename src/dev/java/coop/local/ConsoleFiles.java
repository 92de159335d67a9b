package coop.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import coop.app.Json;
import coop.functions.http.ApiError;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the audit console (the static files under {@code console/} on the classpath) at {@code /console/}, next
 * to the local API. Only GET and HEAD; a path is a plain relative name ({@link #safe}: no {@code ..}, no
 * percent-escapes, no backslashes) and must end in a known extension, so nothing else on the classpath is reachable.
 * Refusals carry the API's JSON error body.
 */
final class ConsoleFiles {

    private ConsoleFiles() {
    }


    static final String PREFIX = "/console";
    private static final String ROOT = "console/";
    /** Longer than any file of the console; a longer name is not looked at. */
    static final int MAX_NAME_LENGTH = 200;
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
            return refuse(new ApiError(405, "method_not_allowed", "The console serves only GET and HEAD", Map.of()),
                    Map.of("Allow", "GET, HEAD"));
        }
        if (rawPath.equals(PREFIX)) {
            return new Served(308, headers("text/plain; charset=utf-8", Map.of("Location", PREFIX + "/")), new byte[0]);
        }
        // The server hands this every path that merely starts with /console, /consoles included.
        String name = rawPath.startsWith(PREFIX + "/") ? rawPath.substring(PREFIX.length() + 1) : "/";
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<byte[]> file = read(name);
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (file.isEmpty() || type == null) {
            return refuse(ApiError.notFound("The console has no file " + shortened(name)), Map.of());
        }
        return new Served(200, headers(type, Map.of()), "HEAD".equals(method) ? new byte[0] : file.get());
    }

    private static Optional<byte[]> read(String name) throws IOException {
        if (!safe(name)) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    /**
     * Whether {@code name} is {@code dir/.../file.ext}: segments of letters, digits, {@code _} and {@code -} joined
     * by single dots, the last with at least one dot. One pass over at most {@link #MAX_NAME_LENGTH} characters (a
     * regular expression with nested repetition recursed once per segment and overflowed the stack on a path of
     * about 2,000 segments, which left the connection hanging).
     */
    static boolean safe(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        boolean atSegmentStart = true;
        boolean afterDot = false;
        int dotsInSegment = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '.') {
                if (atSegmentStart || afterDot) {
                    return false;
                }
                atSegmentStart = c == '/';
                afterDot = c == '.';
                dotsInSegment = c == '/' ? 0 : dotsInSegment + 1;
            } else if (isNameCharacter(c)) {
                atSegmentStart = false;
                afterDot = false;
            } else {
                return false;
            }
        }
        return !atSegmentStart && !afterDot && dotsInSegment > 0;
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String shortened(String name) {
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "...";
    }

    private static Served refuse(ApiError error, Map<String, String> extra) {
        try {
            return new Served(error.status(), headers("application/json", extra),
                    Json.mapper().writeValueAsBytes(error.body()));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("An error body of strings is always JSON", impossible);
        }
    }

    private static Map<String, String> headers(String type, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", type);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-cache");
        return headers;
    }
}
