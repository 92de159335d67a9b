package coop.stream;

import coop.store.ConcurrencyConflict;
import coop.store.StoreBusy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Set;

/**
 * Tells a failure that a later delivery may not meet (throttling, a 5xx, a service out of reach, a racing writer), or
 * that is the deployment's rather than the aggregate's (denied access, a missing table, bad credentials), from one
 * that will repeat for this aggregate. Only the second kind counts towards parking: a throttling storm must slow the
 * stream down, and a broken deployment must stop it, never set every family that receives an event aside.
 */
final class ParkableFailures {

    /** Errors of a deployment fault, which every family would meet: fixed once for all, not family by family. */
    private static final Set<String> DEPLOYMENT_FAULTS = Set.of("AccessDeniedException", "ResourceNotFoundException",
            "UnrecognizedClientException", "ExpiredTokenException", "MissingAuthenticationTokenException",
            "InvalidSignatureException");

    /** Cancellation reasons of a transaction that a retry may get through. */
    private static final Set<String> RETRYABLE_REASONS = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded", "TransactionConflict", "InternalServerError");

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
            case SdkClientException unreachable -> true;
            case StoreBusy busy -> true;
            case ConcurrencyConflict racing -> true;
            case TransactionCanceledException cancelled -> cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream()
                    .anyMatch(reason -> RETRYABLE_REASONS.contains(reason.code()));
            case AwsServiceException aws when aws.awsErrorDetails() != null
                    && DEPLOYMENT_FAULTS.contains(aws.awsErrorDetails().errorCode()) -> true;
            case SdkServiceException service -> service.isThrottlingException() || service.statusCode() >= 500;
            default -> false;
        };
    }
}
