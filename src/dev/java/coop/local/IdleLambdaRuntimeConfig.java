package coop.local;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Points Funqy's dev/test poll loop at this JVM's {@link IdleLambdaRuntimeApi} when
 * {@code coop.local.idle-lambda-runtime-api} is true (the dev and test profiles, where Quarkus' own mock event server
 * is switched off). The poll loop reads the address from the property Quarkus' mock event server would publish.
 */
public final class IdleLambdaRuntimeConfig implements ConfigSourceFactory {

    static final String ENABLED = "coop.local.idle-lambda-runtime-api";
    static final String RUNTIME_API = "quarkus-internal.aws-lambda.test-api";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue(ENABLED);
        if (enabled == null || !"true".equalsIgnoreCase(enabled.getValue())) {
            return List.of();
        }
        return List.of(new LazyAddress());
    }

    /** Starts the runtime API only when the poll loop first asks for it, so builds never start it. */
    private static final class LazyAddress implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(RUNTIME_API);
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of(RUNTIME_API, IdleLambdaRuntimeApi.address());
        }

        @Override
        public String getValue(String name) {
            return RUNTIME_API.equals(name) ? IdleLambdaRuntimeApi.address() : null;
        }

        @Override
        public String getName() {
            return "idle-lambda-runtime-api";
        }

        @Override
        public int getOrdinal() {
            return 1;
        }
    }
}
