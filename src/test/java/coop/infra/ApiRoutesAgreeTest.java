package coop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import coop.functions.http.HttpFunction;
import coop.functions.http.Route;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes live in three places that must not drift: openapi.yaml's operations (with the function each names in
 * {@code x-function}), the SAM template's HttpApi events, and the function beans' {@link HttpFunction#routes()}.
 * A difference fails with one line per route, saying where it is and where it is missing.
 */
@QuarkusTest
class ApiRoutesAgreeTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Inject
    Instance<HttpFunction> functions;

    @Test
    void document_template_and_functions_name_the_same_routes_served_by_the_same_functions() throws IOException {
        Map<String, Map<String, String>> sources = new TreeMap<>();
        sources.put("openapi.yaml", documentRoutes());
        sources.put("infra/template.yaml", SamTemplate.fromClasspath().routes());
        sources.put("the functions' routes()", functionRoutes());

        assertThat(differences(sources)).as("routes that differ").isEmpty();
    }

    /** One line per route that is not everywhere, or not served by the same function everywhere. */
    static List<String> differences(Map<String, Map<String, String>> sources) {
        Set<String> every = new TreeSet<>();
        sources.values().forEach(routes -> every.addAll(routes.keySet()));
        List<String> lines = new ArrayList<>();
        for (String route : every) {
            List<String> missing = new ArrayList<>();
            Map<String, String> servedBy = new TreeMap<>();
            sources.forEach((source, routes) -> {
                if (routes.containsKey(route)) {
                    servedBy.put(source, routes.get(route));
                } else {
                    missing.add(source);
                }
            });
            if (!missing.isEmpty()) {
                lines.add(route + " is in " + servedBy + " but missing from " + missing);
            } else if (servedBy.values().stream().distinct().count() > 1) {
                lines.add(route + " is served by different functions: " + servedBy);
            }
        }
        return lines;
    }

    private static Map<String, String> documentRoutes() throws IOException {
        JsonNode paths;
        try (InputStream in = ApiRoutesAgreeTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            paths = new ObjectMapper(new YAMLFactory()).readTree(Objects.requireNonNull(in)).path("paths");
        }
        Map<String, String> routes = new TreeMap<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                routes.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().path("x-function").asText("(no x-function)"));
            }
        }));
        return routes;
    }

    /** Each bean's route keys, with the Funqy export its class serves (AppendEventsFunction: appendEvents). */
    private Map<String, String> functionRoutes() {
        Map<String, String> routes = new TreeMap<>();
        for (HttpFunction function : functions) {
            String name = function.getClass().getSimpleName().replaceAll("_.*$", "").replaceAll("Function$", "");
            String export = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            for (Route route : function.routes()) {
                routes.put(route.key(), export);
            }
        }
        return routes;
    }
}
