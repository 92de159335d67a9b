package coop.domain;

import java.util.Map;

/** One step from a payload of schema version n to version n + 1. Must not modify its argument. */
@FunctionalInterface
public interface Upcaster {

    Map<String, Object> upcast(Map<String, Object> payload);
}
