package coop.local;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A taken port is named, with the property that picks another, instead of a silent failure or a hang. */
class LocalPortsTest {

    @Test
    void a_taken_port_is_refused_with_a_sentence_naming_it_and_the_property_to_change() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Vertx vertx = Vertx.vertx();
            try {
                assertThatThrownBy(() -> LocalPorts.listen(vertx.createHttpServer()
                        .requestHandler(request -> request.response().end()), "127.0.0.1", port))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Port " + port + " on 127.0.0.1 is already in use")
                        .hasMessageContaining("-Dquarkus.http.port=");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }
}
