package coop.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The tests run against moto unless LocalStack is asked for; LocalStack without Docker skips, it does not fail. */
class BackendSelectionTest {

    private static final String BACKEND = "coop.test.backend";

    @Test
    void without_the_flag_the_tests_use_the_embedded_moto_on_loopback() {
        assumeFalse(LocalStackBackend.requested(), "this run asked for LocalStack");
        assumeFalse(System.getProperty("coop.test.dynamodb-endpoint") != null, "this run names its own endpoint");

        assertThat(TestDynamo.endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void with_the_flag_and_no_docker_the_tests_abort_saying_why() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here, LocalStack would start");
        String before = System.getProperty(BACKEND);
        System.setProperty(BACKEND, "localstack");
        try {
            assertThat(LocalStackBackend.requested()).isTrue();
            TestAbortedException aborted = assertThrows(TestAbortedException.class, TestDynamo::endpoint);
            assertThat(aborted).hasMessageContaining("LocalStack tests need Docker: ");
        } finally {
            if (before == null) {
                System.clearProperty(BACKEND);
            } else {
                System.setProperty(BACKEND, before);
            }
        }
    }
}
