package coop.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded DynamoDB-compatible server of local runs and tests: {@code moto_server} on a free loopback port, one
 * per JVM, stopped when the JVM exits.
 *
 * <p>The endpoint is kept in a system property rather than a static field: Quarkus dev mode reloads application
 * classes on every change, and the tables should survive a reload.
 */
public final class EmbeddedMoto {

    private static final String ENDPOINT_PROPERTY = "coop.embedded-dynamodb.endpoint";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedMoto() {
    }

    /** The endpoint of this JVM's moto server, started on first use. */
    public static synchronized String endpoint() {
        String running = System.getProperty(ENDPOINT_PROPERTY);
        if (running != null) {
            return running;
        }
        String endpoint = start();
        System.setProperty(ENDPOINT_PROPERTY, endpoint);
        return endpoint;
    }

    private static String start() {
        int port = freePort();
        List<String> command = List.of(executable(), "-H", "127.0.0.1", "-p", Integer.toString(port));
        Process process;
        try {
            File log = File.createTempFile("moto-" + port + "-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start moto_server. Install it with: "
                    + "python3 -m pip install 'moto[server]'", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "moto-server-stop"));
        String endpoint = "http://127.0.0.1:" + port;
        awaitReady(process, endpoint);
        return endpoint;
    }

    private static String executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "moto_server");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException("moto_server is not on the PATH. Install it with: "
                + "python3 -m pip install 'moto[server]' (or configure a DynamoDB endpoint, e.g. LocalStack)");
    }

    private static void awaitReady(Process process, String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            sleep();
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + STARTUP_TIMEOUT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
