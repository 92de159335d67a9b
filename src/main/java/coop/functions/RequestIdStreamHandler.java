package coop.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The java21 runtime's handler (the template's {@code Handler}): Quarkus' {@link FunqyStreamHandler}, with Lambda's
 * request id in the logging MDC as {@code AWSRequestId} for the invocation, so every log line of it carries the id.
 * The native runtime's Quarkus poll loop sets the same key itself.
 */
public class RequestIdStreamHandler implements RequestStreamHandler {

    static final String REQUEST_ID = "AWSRequestId";

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MDC.put(REQUEST_ID, context.getAwsRequestId());
        try {
            funqy.handleRequest(input, output, context);
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }
}
