package coop.app;

import java.util.List;

/**
 * Why a field of an aggregate has its value.
 *
 * @param changedBy      the event that last changed the value; null when no event ever changed it from the initial
 *                       state
 * @param causationChain {@code changedBy} first, then the event that caused it, and so on back to the root event
 *                       that nothing caused; empty when {@code changedBy} is null
 */
public record Explanation(String field, Object value, Envelope changedBy, List<Envelope> causationChain) {
}
