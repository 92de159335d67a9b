package coop.app;

import coop.store.ChainVerification;
import coop.store.RecordedEvent;

import java.util.List;

/** An aggregate's whole history for an auditor, and whether its hash chain verifies. */
public record AuditExport(List<Line> lines, ChainVerification verification) {

    public AuditExport {
        lines = List.copyOf(lines);
    }

    /** One event: as stored (what the chain covers) and as a reader sees it. */
    public record Line(RecordedEvent stored, Envelope seen) {
    }
}
