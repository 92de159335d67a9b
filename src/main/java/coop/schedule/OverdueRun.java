package coop.schedule;

/**
 * What one run of the overdue scheduler did.
 *
 * @param familiesChecked families listed as {@code due} or {@code overdue} whose state was loaded
 * @param markedOverdue   {@code PaymentOverdue} events appended by this run (not counting ones already stored)
 */
public record OverdueRun(int familiesChecked, int markedOverdue) {
}
