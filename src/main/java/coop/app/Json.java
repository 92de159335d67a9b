package coop.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of the whole system, for payloads, snapshots and HTTP bodies alike: snake_case names, ISO
 * dates, lower-case enum values ({@code on_vacation}), and decimals read as {@link java.math.BigDecimal} so money is
 * never a binary fraction.
 */
public final class Json {

    /**
     * One mapper for the whole process: Jackson builds a type's (de)serializers once per mapper, so a mapper per
     * use would redo that work on every call, and once more per bean on a cold start. Never reconfigured after this
     * line, which is what makes sharing it thread-safe; a variant starts from {@link #configure} or {@code copy()}.
     */
    private static final ObjectMapper SHARED = configure(JsonMapper.builder()).build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** Applies the conventions to a builder, e.g. to Quarkus' own mapper. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
