package coop.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import coop.local.TableDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment {@code infra/template.yaml} gives every function of the native stack ({@code Globals.Function}),
 * resolved against the test's resources: the native tests start each function with what Lambda would give it, so a
 * variable added to the template (a table, a key) reaches them with no edit here, and one they cannot resolve stops
 * them with its name instead of surfacing as a 503 from inside the binary. CloudFormation tags read as plain YAML:
 * {@code !Ref KeysTable} as {@code KeysTable}, {@code !GetAtt DataKeysKey.Arn} as {@code DataKeysKey.Arn},
 * {@code !If [IsNative, a, b]} as a list.
 */
final class TemplateEnvironment {

    private static final String STACK_NAME = "${AWS::StackName}";
    private static final String NATIVE_CONDITION = "IsNative";

    private final JsonNode template;

    private TemplateEnvironment(JsonNode template) {
        this.template = template;
    }

    static TemplateEnvironment fromClasspath() {
        try (InputStream in = TemplateEnvironment.class.getClassLoader().getResourceAsStream(TableDefinitions.TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TableDefinitions.TEMPLATE + " is not on the test classpath");
            }
            return new TemplateEnvironment(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every global variable, resolved: a reference to a resource by {@code physical} (logical id, or
     * {@code Id.Arn}, to the test's name or ARN), a parameter by its default, the stack name by {@code stackName},
     * a native/JVM choice by its native branch; a variable the native stack leaves out is left out.
     *
     * @throws IllegalStateException naming a variable that refers to a resource {@code physical} does not hold
     */
    Map<String, String> resolve(Map<String, String> physical, String stackName) {
        Map<String, String> environment = new LinkedHashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(variable -> {
                    String value = value(variable.getKey(), variable.getValue(), physical, stackName);
                    if (value != null) {
                        environment.put(variable.getKey(), value);
                    }
                });
        return environment;
    }

    private String value(String variable, JsonNode value, Map<String, String> physical, String stackName) {
        if (value.isArray()) {
            if (value.size() != 3 || !NATIVE_CONDITION.equals(value.get(0).asText())) {
                throw new IllegalStateException(variable + ": the native tests resolve only !If [" + NATIVE_CONDITION
                        + ", ...], not " + value);
            }
            return value(variable, value.get(1), physical, stackName);
        }
        String text = value.asText();
        if (text.equals("AWS::NoValue")) {
            return null;
        }
        if (physical.containsKey(text)) {
            return physical.get(text);
        }
        JsonNode parameter = template.path("Parameters").path(text);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asText();
        }
        String resource = text.endsWith(".Arn") ? text.substring(0, text.length() - ".Arn".length()) : text;
        if (template.path("Resources").has(resource)) {
            throw new IllegalStateException(variable + " refers to " + text
                    + ", which the native tests do not create (NativeBackend): add it there");
        }
        return text.replace(STACK_NAME, stackName);
    }
}
