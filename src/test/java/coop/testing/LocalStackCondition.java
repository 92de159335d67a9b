package coop.testing;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips {@code @QuarkusTest} classes, with a message, when LocalStack is requested but Docker is missing: Quarkus
 * starts before any test method could abort, so without this they would fail instead of being skipped like the
 * plain tests. Registered for every test through JUnit's extension auto-detection.
 */
public class LocalStackCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // By name: Quarkus loads test classes in its own class loader, where QuarkusTest.class is another class.
        boolean quarkus = context.getTestClass().map(type -> java.util.Arrays.stream(type.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getName().equals(QuarkusTest.class.getName())))
                .orElse(false);
        if (quarkus && LocalStackBackend.requested() && !DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.disabled("LocalStack tests need Docker: no Docker environment was found. "
                    + "Start Docker, or run without -Dcoop.test.backend=localstack to use the embedded moto server.");
        }
        return ConditionEvaluationResult.enabled("the test backend is available");
    }
}
