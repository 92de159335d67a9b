package coop.functions;

import io.quarkus.funqy.lambda.FunqyLambdaBindingRecorder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Hands a Lambda event, as the JSON Lambda sends, to the exported function through Funqy's own stream handler code
 * (what {@code FunqyStreamHandler}, and so {@link RequestIdStreamHandler}, calls once Quarkus is up), in the test's
 * running application: Funqy's JSON binding without a Lambda runtime API on a socket.
 */
final class FunqyHandler {

    private FunqyHandler() {
    }

    /** The function's answer as Funqy writes it to Lambda. */
    static String invoke(String event) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        // The functions read nothing from Lambda's Context (RequestIdStreamHandler reads it, before Funqy).
        FunqyLambdaBindingRecorder.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                null);
        return answer.toString(StandardCharsets.UTF_8);
    }
}
