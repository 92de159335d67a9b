package coop.schedule;

/**
 * What one run of the reminders did.
 *
 * @param familiesChecked   families listed as {@code due} or {@code overdue} whose state was loaded
 * @param remindersDecided  reminders sent, skipped with a reason, or found decided by an earlier run
 * @param leftForLater      reminders another copy of the job held, or the provider refused: a later run decides them
 */
public record ReminderRun(int familiesChecked, int remindersDecided, int leftForLater) {

    static final ReminderRun NONE = new ReminderRun(0, 0, 0);
    static final ReminderRun DECIDED = new ReminderRun(0, 1, 0);
    static final ReminderRun LEFT_FOR_LATER = new ReminderRun(0, 0, 1);

    ReminderRun plus(ReminderRun other) {
        return new ReminderRun(familiesChecked + other.familiesChecked, remindersDecided + other.remindersDecided,
                leftForLater + other.leftForLater);
    }

    ReminderRun withFamily() {
        return plus(new ReminderRun(1, 0, 0));
    }
}
