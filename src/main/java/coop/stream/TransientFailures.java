package coop.stream;

import coop.store.ConcurrencyConflict;
import coop.store.StoreBusy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Set;

/**
 * Tells a failure that a later delivery may not meet (throttling, a 5xx, a service out of reach, a racing writer)
 * from one that will repeat. Only the second kind counts towards parking an aggregate: a throttling storm must slow
 * the stream down, never set families aside.
 */
final class TransientFailures {

    /** Cancellation reasons of a transaction that a retry may get through. */
    private static final Set<String> RETRYABLE_REASONS = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded", "TransactionConflict", "InternalServerError");

    private TransientFailures() {
    }

    /** True when the error, or anything that caused it, is one a retry may not meet. */
    static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (transientItself(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable error) {
        return switch (error) {
            case SdkClientException unreachable -> true;
            case StoreBusy busy -> true;
            case ConcurrencyConflict racing -> true;
            case TransactionCanceledException cancelled -> cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream()
                    .anyMatch(reason -> RETRYABLE_REASONS.contains(reason.code()));
            case SdkServiceException service -> service.isThrottlingException() || service.statusCode() >= 500;
            default -> false;
        };
    }
}
