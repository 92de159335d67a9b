package coop.store.dynamodb;

import coop.store.RecordedEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of a stream: each event's {@code chain_hash} is the SHA-256 of the canonical form of the event as
 * stored (personal fields sealed) together with its predecessor's {@code chain_hash}, {@link #GENESIS} for version 1.
 *
 * <p>The canonical form is a JSON object with exactly the keys below, sorted, without whitespace, every character
 * outside printable ASCII escaped as {@code \\uXXXX} (lower-case hex): what Python's
 * {@code json.dumps(obj, sort_keys=True, separators=(",", ":"))} writes, so an auditor's script recomputes it in a
 * few lines (docs/ledger.md, tools/verify_chain.py). Changing it breaks every stored chain.
 */
public final class EventChain {

    /** The predecessor of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private EventChain() {
    }

    /** The chain hash of {@code stored} (its data as stored, sealed) following {@code previous}. */
    public static String next(String previous, RecordedEvent stored) {
        try {
            byte[] canonical = canonical(previous, stored).getBytes(StandardCharsets.US_ASCII);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The canonical form: keys in sorted order, as docs/ledger.md lists them. */
    public static String canonical(String previous, RecordedEvent stored) {
        StringBuilder json = new StringBuilder(256 + stored.data().length()).append('{');
        field(json, "aggregate_id", stored.aggregateId());
        field(json, "aggregate_type", stored.aggregateType());
        field(json, "causation_id", stored.causationId().orElse(null));
        field(json, "correlation_id", stored.correlationId());
        field(json, "event_data", stored.data());
        field(json, "event_id", stored.eventId());
        field(json, "event_timestamp", Timestamps.format(stored.timestamp()));
        field(json, "event_type", stored.eventType());
        json.append("\"event_version\":").append(stored.eventVersion()).append(',');
        field(json, "previous_chain_hash", previous);
        field(json, "tenant_id", stored.tenantId());
        field(json, "user_id", stored.userId());
        json.append("\"version\":").append(stored.aggregateVersion());
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            string(json, value);
        }
        json.append(',');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
