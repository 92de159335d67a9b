package coop.local;

import coop.functions.http.HttpFunction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second local server on the first one's port refuses to start and says which port and which property. */
@QuarkusTest
class LocalPortTakenTest {

    @Inject
    LocalApiServer running;

    @Inject
    Instance<HttpFunction> functions;

    @Inject
    Instance<LocalReadiness> readiness;

    @Test
    void a_local_server_on_a_taken_port_names_the_port_and_the_property_to_change() {
        LocalApiServer second = new LocalApiServer(functions, readiness, "127.0.0.1", running.port());

        assertThatThrownBy(() -> second.start(null))
                .hasMessageContaining("Port " + running.port() + " on 127.0.0.1 is already in use")
                .hasMessageContaining("quarkus.http.port");
    }
}
