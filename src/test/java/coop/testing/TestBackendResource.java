package coop.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points every {@code @QuarkusTest} at the same server as the plain tests ({@link TestDynamo#endpoint()}): this JVM's
 * moto by default, LocalStack with {@code -Dcoop.test.backend=localstack}. The same tests, another endpoint.
 */
@QuarkusTestResource(TestBackendResource.class)
public class TestBackendResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String endpoint = TestDynamo.endpoint();
        return Map.of(
                "quarkus.dynamodb.endpoint-override", endpoint,
                "coop.feed.endpoint-override", endpoint);
    }

    @Override
    public void stop() {
        // The server belongs to the JVM, not to one Quarkus start: moto and LocalStack stop when the JVM exits.
    }
}
