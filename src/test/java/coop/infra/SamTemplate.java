package coop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import coop.local.TableDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code infra/template.yaml} read as plain YAML. CloudFormation tags drop away: {@code !GetAtt EventsTable.Arn}
 * reads as {@code "EventsTable.Arn"}, {@code !Sub "${EventsTable.Arn}/index/x"} as that string, {@code !If [...]} as
 * a list. Functions are found by their {@code QUARKUS_FUNQY_EXPORT}, not by logical id.
 */
final class SamTemplate {

    /** One IAM grant: an action on a resource named by logical id, e.g. {@code dynamodb:Query EventsTable/index/by_type}. */
    record Grant(String action, String resource) {
        @Override
        public String toString() {
            return action + " " + resource;
        }
    }

    private static final Pattern ARN_REFERENCE = Pattern.compile("^\\$\\{(\\w+)\\.Arn}(.*)$");

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    static SamTemplate fromClasspath() {
        try (InputStream in = SamTemplate.class.getClassLoader().getResourceAsStream(TableDefinitions.TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TableDefinitions.TEMPLATE + " is not on the test classpath");
            }
            return new SamTemplate(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode resource(String logicalId) {
        return root.path("Resources").path(logicalId);
    }

    JsonNode globalFunction() {
        return root.path("Globals").path("Function");
    }

    JsonNode parameter(String name) {
        return root.path("Parameters").path(name);
    }

    /** The value of an output, e.g. {@code "EventsTable"} for {@code !Ref EventsTable}. */
    String output(String name) {
        return root.path("Outputs").path(name).path("Value").asText();
    }

    /** Logical ids of the resources of one type, in template order. */
    List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        root.path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /** Funqy function name (QUARKUS_FUNQY_EXPORT) to the logical id of its {@code AWS::Serverless::Function}. */
    Map<String, String> functionsByExport() {
        Map<String, String> functions = new LinkedHashMap<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            JsonNode export = resource(id).path("Properties").path("Environment").path("Variables")
                    .path("QUARKUS_FUNQY_EXPORT");
            functions.put(export.isMissingNode() ? "<no export: " + id + ">" : export.asText(), id);
        }
        return functions;
    }

    JsonNode function(String export) {
        String id = functionsByExport().get(export);
        if (id == null) {
            throw new AssertionError("no function exports " + export);
        }
        return resource(id).path("Properties");
    }

    /** The events of one type ({@code HttpApi}, {@code DynamoDB}, {@code Schedule}) of a function. */
    List<JsonNode> events(String export, String type) {
        List<JsonNode> events = new ArrayList<>();
        function(export).path("Events").forEach(event -> {
            if (type.equals(event.path("Type").asText())) {
                events.add(event.path("Properties"));
            }
        });
        return events;
    }

    /** Every {@code METHOD /path} of every HttpApi event, to the function it routes to. */
    Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String export : functionsByExport().keySet()) {
            for (JsonNode route : events(export, "HttpApi")) {
                String key = route.path("Method").asText().toUpperCase() + " " + route.path("Path").asText();
                String previous = routes.put(key, export);
                if (previous != null) {
                    throw new AssertionError(key + " is routed to both " + previous + " and " + export);
                }
            }
        }
        return routes;
    }

    /** The Allow grants of the function's own role, with resources reduced to logical ids. */
    Set<Grant> grants(String export) {
        String role = function(export).path("Role").asText().replaceFirst("\\.Arn$", "");
        JsonNode policies = resource(role).path("Properties").path("Policies");
        if (policies.isEmpty()) {
            throw new AssertionError(export + " has no role with inline policies (Role: " + role + ")");
        }
        Set<Grant> grants = new LinkedHashSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                for (String action : texts(statement.path("Action"))) {
                    for (String resource : texts(statement.path("Resource"))) {
                        grants.add(new Grant(action, logicalResource(resource)));
                    }
                }
            }
        }
        return grants;
    }

    private static String logicalResource(String resource) {
        Matcher sub = ARN_REFERENCE.matcher(resource);
        if (sub.matches()) {
            return sub.group(1) + sub.group(2);
        }
        if (resource.endsWith(".StreamArn")) {
            return resource.replaceFirst("\\.StreamArn$", "/stream");
        }
        return resource.replaceFirst("\\.Arn$", "");
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
