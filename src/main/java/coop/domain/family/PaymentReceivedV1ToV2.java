package coop.domain.family;

import coop.domain.Upcaster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a v1 {@code PaymentReceived} payload ({@code amount, date}) as v2 by adding {@code payment_method:
 * "unknown"}: nobody recorded how those old payments were made, and guessing would falsify the history.
 */
public final class PaymentReceivedV1ToV2 implements Upcaster {

    /** The payment method given to payments recorded before methods were recorded. */
    public static final String UNKNOWN_METHOD = "unknown";

    @Override
    public Map<String, Object> upcast(Map<String, Object> payload) {
        // A copy, because the caller's map may be the stored event itself; LinkedHashMap, because JSON nulls may occur.
        Map<String, Object> upcast = new LinkedHashMap<>(payload);
        upcast.putIfAbsent("payment_method", UNKNOWN_METHOD);
        return Collections.unmodifiableMap(upcast);
    }
}
