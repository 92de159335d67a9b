package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.List;

/**
 * A Lambda function that serves HTTP routes. Implement it on the {@code @Funq} class (a {@code @Singleton} bean):
 * the local server finds every bean of this type and adds its {@link #routes()} to its route table, so a new
 * function needs no registration anywhere else.
 */
public interface HttpFunction {

    /** The routes this function serves, as API Gateway routes them to it. */
    List<Route> routes();

    /** Serves one request; the same call the {@code @Funq} method makes. */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event);
}
