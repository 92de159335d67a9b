package coop.observability;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The EMF library serialises its documents with Jackson by reflection (getters of package-private model classes,
 * annotated serializers): the native image must keep them, or every metric line comes out empty. The list is the
 * one Powertools for AWS Lambda ships in its native-image metadata for the same library; {@code EmfReflectionTest}
 * fails when a library upgrade renames one.
 */
@RegisterForReflection(classNames = {
        "software.amazon.cloudwatchlogs.emf.model.RootNode",
        "software.amazon.cloudwatchlogs.emf.model.Metadata",
        "software.amazon.cloudwatchlogs.emf.model.MetricDirective",
        "software.amazon.cloudwatchlogs.emf.model.MetricDefinition",
        "software.amazon.cloudwatchlogs.emf.serializers.InstantSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.UnitSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionFilter"})
final class EmfReflection {

    private EmfReflection() {
    }
}
