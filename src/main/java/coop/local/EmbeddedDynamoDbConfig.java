package coop.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Points the DynamoDB client at the embedded moto server when {@code coop.dynamodb.embedded} is true (the dev and
 * test profiles) and no endpoint is configured. Any configured {@code quarkus.dynamodb.endpoint-override}, such as a
 * LocalStack or real AWS one, wins: this source has the lowest priority of all.
 */
public final class EmbeddedDynamoDbConfig implements ConfigSourceFactory {

    static final String ENDPOINT = "quarkus.dynamodb.endpoint-override";
    static final String EMBEDDED = "coop.dynamodb.embedded";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue embedded = context.getValue(EMBEDDED);
        ConfigValue configured = context.getValue(ENDPOINT);
        boolean wanted = embedded != null && "true".equalsIgnoreCase(embedded.getValue());
        boolean endpointGiven = configured != null && configured.getValue() != null && !configured.getValue().isBlank();
        return wanted && !endpointGiven ? List.of(new LazyEndpoint()) : List.of();
    }

    /** Starts moto only when the endpoint is first asked for, so builds and unrelated reads never start it. */
    private static final class LazyEndpoint implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(ENDPOINT);
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of(ENDPOINT, EmbeddedMoto.endpoint());
        }

        @Override
        public String getValue(String name) {
            return ENDPOINT.equals(name) ? EmbeddedMoto.endpoint() : null;
        }

        @Override
        public String getName() {
            return "embedded-moto";
        }

        @Override
        public int getOrdinal() {
            return 1;
        }
    }
}
