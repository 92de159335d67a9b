package coop.store;

/**
 * One event of an audit export: as stored (personal fields sealed: what the chain covers) and as a reader sees it
 * (opened, or null after an erasure).
 */
public record AuditedEvent(RecordedEvent stored, RecordedEvent opened) {
}
