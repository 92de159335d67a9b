package coop.observability;

import java.util.Optional;

/** The X-Ray trace of the current Lambda invocation, as the Java runtime hands it over (none locally). */
final class Traces {

    private Traces() {
    }

    /** E.g. {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}, reduced to its root. */
    static Optional<String> currentTraceId() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader");
        if (header == null || header.isBlank()) {
            header = System.getenv("_X_AMZN_TRACE_ID");
        }
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) {
                return Optional.of(part.substring("Root=".length()));
            }
        }
        return Optional.of(header);
    }
}
