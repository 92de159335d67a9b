package coop.local;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One request written byte for byte to the local server, and its whole answer read until the server closes. */
record RawHttp(int status, String head, String body) {

    static RawHttp send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // A hang fails the test instead of stalling the build.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.") || split < 0) {
                throw new IOException("Not an HTTP answer: " + raw);
            }
            return new RawHttp(Integer.parseInt(raw.substring(9, 12)), raw.substring(0, split).toLowerCase(Locale.ROOT),
                    raw.substring(split + 4));
        }
    }

    JsonNode json() throws IOException {
        return Json.mapper().readTree(body);
    }
}
