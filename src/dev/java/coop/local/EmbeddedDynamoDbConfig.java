package coop.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Points the DynamoDB client, the EventBridge client of the feed, the KMS client of the data keys and the SES client
 * of the notices at the embedded moto server (which serves KMS and SES on the same endpoint) when {@code coop.dynamodb.embedded} is true (the dev
 * and test profiles) and no endpoint is configured. Any configured endpoint
 * ({@code quarkus.dynamodb.endpoint-override}, {@code coop.feed.endpoint-override},
 * {@code coop.keys.endpoint-override}), such as a LocalStack or real AWS one, wins: this source has the lowest
 * priority of all.
 */
public final class EmbeddedDynamoDbConfig implements ConfigSourceFactory {

    static final String ENDPOINT = "quarkus.dynamodb.endpoint-override";
    static final String FEED_ENDPOINT = "coop.feed.endpoint-override";
    static final String KEYS_ENDPOINT = "coop.keys.endpoint-override";
    static final String SES_ENDPOINT = "coop.notifications.endpoint-override";
    static final String DIGESTS_ENDPOINT = "coop.digests.endpoint-override";
    static final String EMBEDDED = "coop.dynamodb.embedded";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue embedded = context.getValue(EMBEDDED);
        if (embedded == null || !"true".equalsIgnoreCase(embedded.getValue())) {
            return List.of();
        }
        Set<String> missing = new HashSet<>();
        for (String name : List.of(ENDPOINT, FEED_ENDPOINT, KEYS_ENDPOINT, SES_ENDPOINT, DIGESTS_ENDPOINT)) {
            ConfigValue configured = context.getValue(name);
            if (configured == null || configured.getValue() == null || configured.getValue().isBlank()) {
                missing.add(name);
            }
        }
        return missing.isEmpty() ? List.of() : List.of(new LazyEndpoint(Set.copyOf(missing)));
    }

    /** Starts moto only when an endpoint is first asked for, so builds and unrelated reads never start it. */
    private static final class LazyEndpoint implements ConfigSource {

        private final Set<String> names;

        LazyEndpoint(Set<String> names) {
            this.names = names;
        }

        @Override
        public Set<String> getPropertyNames() {
            return names;
        }

        @Override
        public Map<String, String> getProperties() {
            return names.stream().collect(Collectors.toMap(name -> name, name -> EmbeddedMoto.endpoint()));
        }

        @Override
        public String getValue(String name) {
            return names.contains(name) ? EmbeddedMoto.endpoint() : null;
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
