package coop.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import coop.app.AuditExport;
import coop.app.Json;
import coop.store.RecordedEvent;
import coop.store.dynamodb.Timestamps;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit export as RFC 4180 CSV (docs/ledger.md): a header, one line per event, and a last line whose event_id is
 * {@value #VERIFICATION} carrying the chain's verdict. The stored columns are exactly what the chain hashes, so
 * {@code tools/verify_chain.py} recomputes the head from this file alone.
 */
final class AuditCsv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    /** Not an event id: the API refuses ids with {@code #}. */
    static final String VERIFICATION = "#verification";
    static final List<String> HEADER = List.of("event_id", "event_type", "event_version", "version",
            "event_timestamp", "user_id", "correlation_id", "causation_id", "chain_hash", "payload", "tenant_id",
            "aggregate_type", "aggregate_id", "stored_payload");

    private AuditCsv() {
    }

    static String write(AuditExport export) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (AuditExport.Line event : export.lines()) {
            RecordedEvent stored = event.stored();
            line(csv, List.of(stored.eventId(), stored.eventType(), Integer.toString(stored.eventVersion()),
                    Long.toString(stored.aggregateVersion()), Timestamps.format(stored.timestamp()), stored.userId(),
                    stored.correlationId(), stored.causationId().orElse(""), stored.chainHash().orElse(""),
                    json(event.seen().eventData()), stored.tenantId(), stored.aggregateType(),
                    stored.aggregateId(), stored.data()));
        }
        VerificationBody verdict = VerificationBody.of(export.verification());
        List<String> last = new ArrayList<>(List.of(VERIFICATION,
                verdict.verified() ? "verified" : verdict.problem(), "", Long.toString(verdict.aggregateVersion()),
                "", "", "", "", verdict.head() == null ? "" : verdict.head(), json(verdict)));
        while (last.size() < HEADER.size()) {
            last.add("");
        }
        line(csv, last);
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String field(String value) {
        boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's payload always serialises", e);
        }
    }
}
