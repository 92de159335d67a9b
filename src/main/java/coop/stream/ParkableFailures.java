package coop.stream;

import coop.store.ConcurrencyConflict;
import coop.store.StoreBusy;
import coop.store.dynamodb.AwsFailures;

/**
 * Tells a failure that a later delivery may not meet (throttling, a 5xx, a service out of reach, a racing writer), or
 * that is the deployment's rather than the aggregate's (denied access, a missing table, bad credentials, a disabled
 * or deleted KMS key), from one that will repeat for this aggregate. Only the second kind counts towards parking: a
 * throttling storm must slow the stream down, and a broken deployment must stop it, never set every family that
 * receives an event aside. Which AWS errors are which is the store's knowledge ({@link AwsFailures}).
 */
final class ParkableFailures {

    private ParkableFailures() {
    }

    /** True unless the error, or anything that caused it, is passing or the deployment's. */
    static boolean parkable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (passingOrDeployments(cause)) {
                return false;
            }
        }
        return true;
    }

    private static boolean passingOrDeployments(Throwable error) {
        return switch (error) {
            case StoreBusy busy -> true;
            case ConcurrencyConflict racing -> true;
            default -> AwsFailures.passingOrDeployments(error);
        };
    }
}
