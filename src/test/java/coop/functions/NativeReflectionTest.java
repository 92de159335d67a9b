package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.domain.family.ChildAdded;
import io.quarkus.funqy.Funq;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native image's reflection metadata, as the build derives it (src/build/java/NativeReflectionConfig.java, run in
 * process-classes): checked here against the compiled classes, independently of the generator, so that a type
 * Jackson maps cannot go missing without a test failing on the JVM. The native tests ({@code *NativeIT}) prove that the
 * registrations work in a real image.
 */
class NativeReflectionTest {

    private static final String CONFIG = "META-INF/native-image/coop.homeschool/family-events/reflect-config.json";

    @Test
    void every_record_and_enum_of_the_application_is_registered_unless_named_as_never_json() throws Exception {
        Set<String> registered = registered();
        Properties notJson = notJson();
        Set<String> expected = new TreeSet<>();
        for (Class<?> type : applicationClasses()) {
            if ((type.isRecord() || type.isEnum()) && !notJson.containsKey(type.getName())) {
                expected.add(type.getName());
            }
        }
        assertThat(expected).contains(ChildAdded.class.getName(), AppendEventsFunction.Appended.Position.class.getName());
        assertThat(registered).containsAll(expected);
        assertThat(registered).as("never-JSON types stay out").doesNotContainAnyElementsOf(notJson.stringPropertyNames());
    }

    @Test
    void every_type_a_funq_method_takes_or_returns_is_registered_with_what_its_fields_reach() throws Exception {
        Set<String> registered = registered();
        Set<String> funqTypes = new TreeSet<>();
        for (Class<?> type : applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    Stream.concat(Stream.of(method.getGenericReturnType()), Stream.of(method.getGenericParameterTypes()))
                            .forEach(t -> rawTypes(t, funqTypes));
                }
            }
        }
        funqTypes.removeIf(name -> name.startsWith("java.") || name.equals(JsonNode.class.getName()));
        assertThat(funqTypes).contains(APIGatewayV2HTTPEvent.class.getName(), StreamsEventResponse.class.getName());
        assertThat(registered).containsAll(funqTypes)
                // Nested classes are reached only through fields: registration does not follow nesting by itself.
                .contains(APIGatewayV2HTTPEvent.RequestContext.Http.class.getName(),
                        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class.getName(),
                        StreamsEventResponse.BatchItemFailure.class.getName(),
                        "com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue");
    }

    @Test
    void dev_only_code_is_never_registered() throws Exception {
        assertThat(registered()).noneMatch(name -> name.startsWith("coop.local."));
    }

    private static Set<String> registered() throws IOException {
        try (InputStream in = NativeReflectionTest.class.getClassLoader().getResourceAsStream(CONFIG)) {
            assertThat(in).as(CONFIG + " is written by the build (process-classes)").isNotNull();
            Set<String> names = new TreeSet<>();
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                assertThat(entry.path("allDeclaredConstructors").asBoolean()
                        && entry.path("allDeclaredMethods").asBoolean()
                        && entry.path("allDeclaredFields").asBoolean()).as(entry.toString()).isTrue();
                names.add(entry.get("name").asText());
            }
            return names;
        }
    }

    private static Properties notJson() throws IOException {
        Properties notJson = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/build/native/not-json.properties"))) {
            notJson.load(reader);
        }
        return notJson;
    }

    private static void rawTypes(Type type, Set<String> into) {
        if (type instanceof Class<?> c && !c.isPrimitive()) {
            into.add(c.isArray() ? c.getComponentType().getName() : c.getName());
        } else if (type instanceof ParameterizedType p) {
            rawTypes(p.getRawType(), into);
            Stream.of(p.getActualTypeArguments()).forEach(argument -> rawTypes(argument, into));
        }
    }

    /** Every class compiled from src/main/java, outside the dev-only coop.local. */
    private static java.util.List<Class<?>> applicationClasses() throws Exception {
        Path root = Path.of(AppendEventsFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("coop"))) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", ""))
                    .filter(name -> !name.contains("$$") && !name.startsWith("coop.local."))
                    .<Class<?>>map(name -> {
                        try {
                            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }
}
