/**
 * The HTTP layer every API function shares, and nothing route-specific.
 *
 * <p>A new HTTP function is a {@code @Singleton} class that implements {@link coop.functions.http.HttpFunction},
 * injects {@link coop.functions.http.HttpAdapter} and its one application service, declares its routes once, and
 * hands each event to the adapter:
 *
 * <pre>{@code
 * @Singleton
 * @Unremovable
 * public class ReadModelsFunction implements HttpFunction {
 *     private final HttpAdapter http;
 *     private final Summaries summaries;
 *     private final Routes routes = Routes.create()
 *             .on("GET /families/{family_id}/summary", this::summary);
 *
 *     public ReadModelsFunction(HttpAdapter http, Summaries summaries) { ... }
 *
 *     @Funq
 *     public APIGatewayV2HTTPResponse readModels(APIGatewayV2HTTPEvent event) {
 *         return http.serve(event, routes);
 *     }
 *
 *     private Reply summary(ApiRequest request) {
 *         String familyId = request.id("family_id");          // 400 invalid_request unless a valid id
 *         request.caller().requireReadAggregate("Family", familyId);  // 403 forbidden
 *         return Reply.ok(summaries.find(request.caller().tenantId(), familyId)
 *                 .orElseThrow(() -> ApiError.notFound("No summary of " + familyId)));
 *     }
 *
 *     public List<Route> routes() { return routes.routes(); }
 *     public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) { return readModels(event); }
 * }
 * }</pre>
 *
 * <p>The adapter reads the caller (401 without subject or tenant), routes by route key or by method and raw path,
 * serialises the {@link coop.functions.http.Reply} with {@code coop.app.Json.mapper()}, and maps
 * {@link coop.functions.http.ApiError} and the store's and domain's exceptions to API.md's error bodies; anything
 * else is logged and answered 500 {@code internal_error}. The local server picks up every {@code HttpFunction}
 * bean's routes by itself.
 */
package coop.functions.http;
