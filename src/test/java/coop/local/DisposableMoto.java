package coop.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A moto server of one test's own, which the test may kill without harming the JVM's shared one. */
final class DisposableMoto {

    private static DisposableMoto running;

    private final Process process;
    private final String endpoint;

    private DisposableMoto(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The one of this JVM, started on first use and stopped when the JVM exits (if the test has not killed it). */
    static synchronized DisposableMoto get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    String endpoint() {
        return endpoint;
    }

    /** SIGSTOP: moto keeps its port and connections but answers nothing, as a hung server would. */
    void pause() throws Exception {
        signal("STOP");
    }

    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " failed with " + exit);
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private static DisposableMoto start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(List.of(MotoPython.find(), "-m", "moto.server", "-H", "127.0.0.1",
                    "-p", Integer.toString(port))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            String endpoint = "http://127.0.0.1:" + port;
            awaitReady(process, endpoint);
            return new DisposableMoto(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a disposable moto", e);
        }
    }

    private static void awaitReady(Process process, String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The disposable moto did not answer on " + endpoint);
    }
}
