package coop.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the same tests against LocalStack instead of moto: {@code ./mvnw verify -Dcoop.test.backend=localstack}.
 * Needs Docker; without it, every test that needs DynamoDB is skipped with a message saying so.
 */
public final class LocalStackBackend {

    private LocalStackBackend() {
    }

    public static boolean requested() {
        return "localstack".equalsIgnoreCase(System.getProperty("coop.test.backend",
                System.getenv().getOrDefault("COOP_TEST_BACKEND", "moto")));
    }

    public static synchronized String endpoint() {
        Assumptions.abort("LocalStack was requested but is not wired yet");
        return null;
    }
}
