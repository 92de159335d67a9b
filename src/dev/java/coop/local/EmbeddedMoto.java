package coop.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The embedded DynamoDB-compatible server of local runs and tests: moto on a free loopback port, one per JVM,
 * stopped when the JVM exits. It runs through {@code serialized_moto.py}, which serves one request at a time:
 * plain {@code moto_server} lets two racing conditional writes both succeed.
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
        Process process;
        try {
            List<String> command = List.of(MotoPython.find(), launcher().getAbsolutePath(), "127.0.0.1",
                    Integer.toString(port));
            File log = File.createTempFile("moto-" + port + "-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start moto", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "moto-server-stop"));
        String endpoint = "http://127.0.0.1:" + port;
        awaitReady(process, endpoint);
        return endpoint;
    }

    private static File launcher() throws IOException {
        File script = File.createTempFile("serialized_moto-", ".py");
        script.deleteOnExit();
        try (InputStream source = EmbeddedMoto.class.getResourceAsStream("serialized_moto.py")) {
            Files.copy(Objects.requireNonNull(source, "serialized_moto.py is missing from the classpath"),
                    script.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static void awaitReady(Process process, String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with code " + process.exitValue() + "; is it installed? "
                        + "python3 -m pip install 'moto[server]==" + MotoPython.MOTO_VERSION + "'");
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleep();
        }
        process.destroy();
        throw new IllegalStateException("moto did not answer on " + endpoint + " within " + STARTUP_TIMEOUT);
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
