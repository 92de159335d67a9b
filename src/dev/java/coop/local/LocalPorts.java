package coop.local;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpServer;
import org.jboss.logging.Logger;

import java.net.BindException;
import java.util.concurrent.CompletionException;

/**
 * Binds the local API's port, or says plainly which port is taken and which property picks another. In
 * {@code quarkus:dev} a taken port ends the run with exit code 1 (dev mode would otherwise wait for a code change
 * that cannot help); in tests it throws, with the same sentence.
 */
final class LocalPorts {

    private static final Logger LOG = Logger.getLogger(LocalPorts.class);
    static final int EXIT_PORT_TAKEN = 1;

    private LocalPorts() {
    }

    /** Starts {@code server} listening on {@code host:port}; waits until it does. */
    static HttpServer listen(HttpServer server, String host, int port) {
        try {
            return server.listen(port, host).toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException failed) {
            if (!(failed.getCause() instanceof BindException taken)) {
                throw new IllegalStateException("The local API could not listen on " + host + ":" + port,
                        failed.getCause());
            }
            String sentence = takenMessage(host, port);
            if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
                LOG.error(sentence);
                // Not on this thread: the shutdown hooks wait for the start-up that this thread is still in.
                Thread exit = new Thread(() -> System.exit(EXIT_PORT_TAKEN), "local-port-taken-exit");
                exit.setDaemon(true);
                exit.start();
            }
            throw new IllegalStateException(sentence, taken);
        }
    }

    static String takenMessage(String host, int port) {
        return "Port " + port + " on " + host + " is already in use, so the local API cannot start: stop what uses it, "
                + "or choose another port with -Dquarkus.http.port=<port> (property quarkus.http.port).";
    }
}
