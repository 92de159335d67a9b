package coop.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands a segment to the {@code rebuildProjection} function with an asynchronous invoke: Lambda queues the event,
 * answers at once and retries a failed invocation twice, each retry resuming from the segment's checkpoint.
 */
public final class LambdaSegmentLauncher implements SegmentLauncher {

    private final LambdaClient lambda;
    private final String function;
    private final ObjectMapper json;

    /**
     * @param function the function's name with its alias ({@code name:live}), so that SnapStart applies
     * @param json     the mapper Funqy reads the invocation's payload with
     */
    public LambdaSegmentLauncher(LambdaClient lambda, String function, ObjectMapper json) {
        this.lambda = lambda;
        this.function = function;
        this.json = json;
    }

    @Override
    public void launch(SegmentTask task) {
        try {
            byte[] payload = json.writeValueAsBytes(task);
            lambda.invoke(request -> request.functionName(function).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a segment task always serialises", e);
        }
    }
}
