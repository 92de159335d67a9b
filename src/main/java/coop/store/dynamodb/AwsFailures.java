package coop.store.dynamodb;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Set;

/**
 * What an AWS SDK error says about its cause: passing (throttling, a 5xx, a service out of reach, a transaction a
 * retry may get through) or the deployment's (denied access, a missing table, bad credentials, a KMS key that is
 * disabled, pending deletion or gone), as opposed to one about the data at hand. The stream asks this through
 * {@code ParkableFailures}, so that only the store and keys layers know the SDK's types and error codes.
 */
public final class AwsFailures {

    /** Errors of a deployment fault, which every aggregate would meet: fixed once for all, not one by one. */
    private static final Set<String> DEPLOYMENT_FAULTS = Set.of(
            // IAM and DynamoDB
            "AccessDeniedException", "ResourceNotFoundException", "UnrecognizedClientException",
            "ExpiredTokenException", "MissingAuthenticationTokenException", "InvalidSignatureException",
            // KMS: the data keys' KMS key disabled, pending deletion or deleted, or its alias gone
            "DisabledException", "KMSInvalidStateException", "NotFoundException");

    /** Cancellation reasons of a transaction that a retry may get through. */
    private static final Set<String> RETRYABLE_REASONS = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded", "TransactionConflict", "InternalServerError");

    private AwsFailures() {
    }

    /** True when {@code error} itself (not its causes) is an SDK error that is passing or the deployment's. */
    public static boolean passingOrDeployments(Throwable error) {
        return switch (error) {
            case SdkClientException unreachable -> true;
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
