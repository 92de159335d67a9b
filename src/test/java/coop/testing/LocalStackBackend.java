package coop.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs the same tests against LocalStack instead of moto: {@code ./mvnw verify -Dcoop.test.backend=localstack} (or
 * {@code COOP_TEST_BACKEND=localstack}). One container per JVM, started on first use and removed by Testcontainers
 * when the JVM exits. Needs Docker; without it, every test that needs DynamoDB is aborted (reported as skipped) with
 * a message saying so.
 *
 * <p>Since March 2026 {@code localstack/localstack:latest} requires {@code LOCALSTACK_AUTH_TOKEN}; it is passed on
 * when set. Without one, the pinned default image is the last community release that starts without a token.
 * {@code -Dcoop.test.localstack-image=...} (or {@code LOCALSTACK_IMAGE}) picks another image.
 */
public final class LocalStackBackend {

    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    private static final String ENDPOINT_PROPERTY = "coop.test.localstack.endpoint";

    private LocalStackBackend() {
    }

    public static boolean requested() {
        return "localstack".equalsIgnoreCase(System.getProperty("coop.test.backend",
                System.getenv().getOrDefault("COOP_TEST_BACKEND", "moto")));
    }

    /** The endpoint of this JVM's LocalStack, started on first use; aborts the calling test when Docker is missing. */
    public static synchronized String endpoint() {
        String running = System.getProperty(ENDPOINT_PROPERTY);
        if (running != null) {
            return running;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            Assumptions.abort("LocalStack tests need Docker: no Docker environment was found (DOCKER_HOST, "
                    + "/var/run/docker.sock, ~/.testcontainers.properties). Start Docker, or run without "
                    + "-Dcoop.test.backend=localstack to use the embedded moto server.");
        }
        String endpoint = start().getEndpoint().toString();
        System.setProperty(ENDPOINT_PROPERTY, endpoint);
        return endpoint;
    }

    private static LocalStackContainer start() {
        String image = System.getProperty("coop.test.localstack-image",
                System.getenv().getOrDefault("LOCALSTACK_IMAGE", DEFAULT_IMAGE));
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("dynamodb", "dynamodbstreams", "events", "sqs");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        // Not closed on purpose: one container serves every test class of this JVM; Testcontainers' reaper removes it.
        container.start();
        return container;
    }
}
