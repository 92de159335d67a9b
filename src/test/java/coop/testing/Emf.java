package coop.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads one Embedded Metric Format document as CloudWatch does: namespace, dimension sets, metric names, values. */
public record Emf(JsonNode document) {

    public JsonNode directive() {
        return document.path("_aws").path("CloudWatchMetrics").path(0);
    }

    public String namespace() {
        return directive().path("Namespace").asText();
    }

    /** E.g. {@code [[Route], []]}. */
    public List<List<String>> dimensionSets() {
        List<List<String>> sets = new ArrayList<>();
        directive().path("Dimensions").forEach(set -> {
            List<String> names = new ArrayList<>();
            set.forEach(name -> names.add(name.asText()));
            sets.add(names);
        });
        return sets;
    }

    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        directive().path("Metrics").forEach(metric -> names.add(metric.path("Name").asText()));
        return names;
    }

    public String unit(String metric) {
        for (JsonNode definition : directive().path("Metrics")) {
            if (definition.path("Name").asText().equals(metric)) {
                return definition.path("Unit").asText();
            }
        }
        return null;
    }

    public double value(String metric) {
        return document.path(metric).asDouble(Double.NaN);
    }

    public String dimension(String name) {
        return document.path(name).asText(null);
    }

    public boolean has(String metric) {
        return metricNames().contains(metric);
    }

    public static List<Emf> all(List<JsonNode> documents) {
        return documents.stream().map(Emf::new).toList();
    }
}
