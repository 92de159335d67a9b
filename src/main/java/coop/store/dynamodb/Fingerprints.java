package coop.store.dynamodb;

import coop.store.NewEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What an event-id item keeps of its event to tell a retry of the same event from a reused id: a hash of the event's
 * type, schema version and payload. Payloads reach the store as canonical JSON (the application writes map keys
 * sorted), so equal payloads have equal fingerprints. A plain hash of a payload with a short personal value (an age,
 * a grade) gives the value away to anyone who hashes every candidate, so such an event's fingerprint is an HMAC under
 * a key derived from its aggregate's data key: only code holding that key can test a payload against it, and once
 * the key is erased nobody can.
 */
final class Fingerprints {

    /** Marks a keyed fingerprint; a bare hex digest is a plain one (events without personal values, or older items). */
    static final String KEYED = "hmac:";

    private static final byte[] MAC_KEY_LABEL = "coop event-id fingerprint v1".getBytes(StandardCharsets.UTF_8);

    private Fingerprints() {
    }

    /** SHA-256 of the event: for events that carry no personal value. */
    static String plain(NewEvent event) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(event)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** HMAC-SHA256 of the event under a key derived from the aggregate's data key (never the data key itself). */
    static String keyed(NewEvent event, byte[] dataKey) {
        return KEYED + HexFormat.of().formatHex(hmac(hmac(dataKey, MAC_KEY_LABEL), canonical(event)));
    }

    static boolean isKeyed(String fingerprint) {
        return fingerprint.startsWith(KEYED);
    }

    private static byte[] canonical(NewEvent event) {
        return (event.eventType() + "\n" + event.eventVersion() + "\n" + event.data()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
