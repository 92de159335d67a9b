package coop.store;

import java.util.List;

/**
 * Which payload fields of a stored event are personal data, as the aggregate type's event catalog declares them.
 * The store encrypts exactly these fields under the aggregate's key, and decrypts them on every read.
 */
@FunctionalInterface
public interface PersonalFields {

    /** No field of any event is personal: for stores of test aggregates that carry none. */
    PersonalFields NONE = (aggregateType, eventType, eventVersion) -> List.of();

    /** The personal fields of {@code eventType} at schema version {@code eventVersion}; none for unknown types. */
    List<String> of(String aggregateType, String eventType, int eventVersion);
}
