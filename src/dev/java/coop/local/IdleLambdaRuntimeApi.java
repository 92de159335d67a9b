package coop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A Lambda runtime API that never has an invocation, on a free loopback port, one per JVM. Funqy starts a poll loop
 * in dev and test that asks a runtime API for the next invocation, and Quarkus ends the application when it finds
 * none; the runtime API Quarkus would start for it (its mock event server) binds every interface and runs any event,
 * with any claims, through the exported function. Here the poll loop waits on a request that is never answered, and
 * local calls reach the functions through {@link LocalApiServer}. A connection is closed when the poll loop drops
 * it (at shutdown), so restarts leave nothing behind.
 *
 * <p>The address is kept in a system property, as {@link EmbeddedMoto}'s is: dev mode reloads application classes,
 * and one port per JVM is enough.
 */
public final class IdleLambdaRuntimeApi {

    private static final String ADDRESS_PROPERTY = "coop.local.idle-lambda-runtime-api.address";

    private IdleLambdaRuntimeApi() {
    }

    /** {@code 127.0.0.1:port} of this JVM's runtime API, started on first use. */
    public static synchronized String address() {
        String running = System.getProperty(ADDRESS_PROPERTY);
        if (running != null) {
            return running;
        }
        String address = start();
        System.setProperty(ADDRESS_PROPERTY, address);
        return address;
    }

    private static String start() {
        ServerSocket server;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException failed) {
            throw new UncheckedIOException("No loopback port for the idle Lambda runtime API", failed);
        }
        Thread.ofPlatform().daemon().name("idle-lambda-runtime-api").start(() -> accept(server));
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private static void accept(ServerSocket server) {
        while (true) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().name("idle-lambda-runtime-api-connection").start(() -> holdUntilDropped(connection));
            } catch (IOException failed) {
                // A failed accept (e.g. the peer reset at once) loses that connection only.
            }
        }
    }

    /** Reads and drops whatever the poll loop sends, until it hangs up. */
    private static void holdUntilDropped(Socket connection) {
        try (connection; InputStream in = connection.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException dropped) {
            // The poll loop disconnected: nothing to answer.
        }
    }
}
