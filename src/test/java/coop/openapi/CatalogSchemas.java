package coop.openapi;

import coop.domain.EventCatalog;
import coop.domain.EventType;
import coop.domain.Field;
import coop.domain.PayloadSchema;
import coop.domain.SystemOnlyEvents;
import coop.domain.family.FamilyEvents;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schemas of the event payloads, derived from the event catalogs: one {@code <Type>Event} per event type
 * (what an append or a simulation takes), one {@code <Type>V<n>Payload} per schema version, and
 * {@code ProposedEvent}, their {@code oneOf} by {@code event_type}. The document holds them between markers, so the
 * catalog stays the one place an event type's fields are declared.
 */
final class CatalogSchemas {

    static final List<EventCatalog<?>> CATALOGS = List.of(FamilyEvents.CATALOG);
    private static final String PREFIX = "#/components/schemas/";

    private CatalogSchemas() {
    }

    /** Schema name to schema, in a stable order. */
    static Map<String, Object> generate() {
        List<EventType<?>> types = CATALOGS.stream().<EventType<?>>flatMap(catalog -> catalog.all().stream())
                .sorted(Comparator.comparing(EventType::name)).toList();
        // What only the system appends is no event a caller may propose: the API refuses it.
        List<EventType<?>> proposable = types.stream().filter(type -> !SystemOnlyEvents.isSystemOnly(type.name()))
                .toList();
        Map<String, Object> schemas = new LinkedHashMap<>();
        Map<String, Object> mapping = new LinkedHashMap<>();
        proposable.forEach(type -> mapping.put(type.name(), PREFIX + type.name() + "Event"));
        schemas.put("ProposedEvent", map(
                "description", "One event to append or simulate; its event_type picks the schema of its event_data",
                "oneOf", proposable.stream().map(type -> ref(type.name() + "Event")).toList(),
                "discriminator", map("propertyName", "event_type", "mapping", mapping)));
        for (EventType<?> type : types) {
            schemas.put(type.name() + "Event", event(type));
            for (int version = 1; version <= type.latestVersion(); version++) {
                schemas.put(payloadName(type, version), payload(type.schema(version).orElseThrow()));
            }
        }
        return schemas;
    }

    private static Map<String, Object> event(EventType<?> type) {
        List<Object> payloads = new java.util.ArrayList<>();
        for (int version = 1; version <= type.latestVersion(); version++) {
            payloads.add(ref(payloadName(type, version)));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("event_id", map("allOf", List.of(ref("Id")), "nullable", true,
                "description", "Optional (generated); names this event forever; not starting with system:"));
        properties.put("event_type", map("type", "string", "enum", List.of(type.name())));
        properties.put("event_version", map("type", "integer", "minimum", 1, "maximum", type.latestVersion(),
                "nullable", true, "description", "The payload's schema version; left out: the latest"));
        properties.put("event_data", payloads.size() == 1 ? payloads.getFirst() : map("anyOf", payloads));
        return map("type", "object", "required", List.of("event_type", "event_data"),
                "additionalProperties", false, "properties", properties);
    }

    private static Map<String, Object> payload(PayloadSchema schema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        schema.fields().forEach(field -> properties.put(field.name(), property(field)));
        List<String> required = schema.fields().stream().filter(Field::required).map(Field::name).toList();
        Map<String, Object> payload = map("type", "object");
        if (!required.isEmpty()) {
            payload.put("required", required);
        }
        payload.put("additionalProperties", false);
        payload.put("properties", properties);
        return payload;
    }

    private static Map<String, Object> property(Field field) {
        Map<String, Object> property = switch (field.kind()) {
            case TEXT -> map("type", "string", "minLength", 1, "maxLength", field.max(), "pattern", "\\S");
            case DATE -> map("type", "string", "format", "date", "pattern", "^\\d{4}-\\d{2}-\\d{2}$",
                    "description", "between " + Field.EARLIEST_DATE + " and " + Field.LATEST_DATE);
            case AMOUNT -> map("type", "number", "minimum", 0, "exclusiveMinimum", true,
                    "maximum", Field.MAX_AMOUNT.intValueExact(), "description", "at most 2 decimal places");
            case INTEGER -> map("type", "integer", "minimum", field.min(), "maximum", field.max());
            case EMAIL -> map("type", "string", "format", "email", "minLength", field.min(), "maxLength", field.max(),
                    "pattern", "^" + Field.EMAIL_PATTERN + "$");
        };
        if (!field.required()) {
            property.put("nullable", true);
        }
        if (field.isPersonal()) {
            property.put("x-personal", true);
        }
        return property;
    }

    private static String payloadName(EventType<?> type, int version) {
        return type.name() + "V" + version + "Payload";
    }

    private static Map<String, Object> ref(String schema) {
        return map("$ref", PREFIX + schema);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
