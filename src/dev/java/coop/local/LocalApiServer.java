package coop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.Route;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local run's HTTP server: serves every route of every {@link HttpFunction} bean on the loopback address by
 * building the event API Gateway would send and handing it to the very function bean Lambda would call. Dev and test
 * profiles only, so no HTTP server ever starts inside Lambda (Vert.x is not even in the Lambda artifact).
 *
 * <p>A Vert.x server rather than the JDK's: the JDK's answers a request target that is not a valid URI (a junk page
 * token such as {@code %%%}, sent as curl sends it) with its own HTML 400 before any handler runs; Vert.x hands the
 * raw target over, so the function answers it as API Gateway would, with the API's JSON error. Requests run on
 * virtual threads, off Vert.x's event loop, since the functions block on DynamoDB.
 *
 * <p>It also serves the audit console's static files at {@code /console/} ({@link ConsoleFiles}). Every refusal,
 * down to the ones the HTTP decoder makes before any handler runs ({@link LocalRefusals}), has the API's JSON error
 * body.
 *
 * <p>New routes need no change here: a new {@code HttpFunction} bean brings its {@link HttpFunction#routes()}.
 */
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalApiServer implements LocalReadiness {

    private static final Logger LOG = Logger.getLogger(LocalApiServer.class);

    private final Instance<HttpFunction> functions;
    private final Instance<LocalReadiness> readiness;
    private final String host;
    private final int configuredPort;
    private List<Entry> table = List.of();
    private Vertx vertx;
    private HttpServer server;
    private ExecutorService executor;

    record Entry(Route route, HttpFunction function) {
    }

    LocalApiServer(Instance<HttpFunction> functions, Instance<LocalReadiness> readiness,
                   @ConfigProperty(name = "coop.local.http.host", defaultValue = "127.0.0.1") String host,
                   @ConfigProperty(name = "coop.local.http.port", defaultValue = "8080") int port) {
        this.functions = functions;
        this.readiness = readiness;
        this.host = host;
        this.configuredPort = port;
    }

    /** After every {@code @Startup} bean (the local tables among them), so the first request finds them. */
    void start(@Observes @Priority(10_000) StartupEvent startup) {
        List<Entry> entries = new ArrayList<>();
        for (HttpFunction function : functions) {
            function.routes().forEach(route -> entries.add(new Entry(route, function)));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.route().specificity()).reversed());
        table = List.copyOf(entries);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        // No file cache or class-path resolving: the server serves no files through Vert.x, so it leaves no .vertx
        // directory behind.
        vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            server = LocalPorts.listen(vertx.createHttpServer()
                    .invalidRequestHandler(LocalRefusals::answer)
                    .requestHandler(this::receive), host, configuredPort);
        } catch (RuntimeException failed) {
            close();
            throw failed;
        }
        LOG.infof("Local API on http://%s:%d with %d routes: %s", host, port(), table.size(),
                table.stream().map(e -> e.route().key()).toList());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        close();
    }

    private void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            vertx = null;
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** The port actually bound (the configured one, or a free one when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    /** The route keys served, e.g. for a start-up log or a test. */
    public List<String> routeKeys() {
        return table.stream().map(e -> e.route().key()).toList();
    }

    @Override
    public String name() {
        return "local-http-server";
    }

    @Override
    public boolean ready() {
        return server != null;
    }

    /** Takes the whole body (at most one byte over the limit is kept) and serves it on a virtual thread. */
    private void receive(HttpServerRequest request) {
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            int room = ApiRequest.MAX_BODY_BYTES + 1 - body.length();
            if (room > 0) {
                body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        request.endHandler(end -> executor.execute(() -> serve(request, body)));
    }

    private void serve(HttpServerRequest request, Buffer body) {
        HttpServerResponse response = request.response();
        try {
            String rawPath = request.path();
            if (rawPath.startsWith(ConsoleFiles.PREFIX)) {
                ConsoleFiles.Served file = ConsoleFiles.serve(request.method().name(), rawPath);
                file.headers().forEach(response::putHeader);
                response.setStatusCode(file.status()).end(Buffer.buffer(file.body()));
                return;
            }
            APIGatewayV2HTTPResponse answer;
            try {
                answer = respond(request, body);
            } catch (Throwable failure) {
                answer = HttpAdapter.error(failure);
            }
            if (answer.getHeaders() != null) {
                answer.getHeaders().forEach(response::putHeader);
            }
            String text = answer.getBody() == null ? "" : answer.getBody();
            response.setStatusCode(answer.getStatusCode()).end(text);
        } catch (Throwable failure) {
            // An Error too (a stack overflow once left the connection hanging): answer if nothing was sent yet.
            LOG.error("The local server could not answer " + request.method() + " " + request.uri(), failure);
            if (response.headWritten()) {
                response.reset();
            } else {
                APIGatewayV2HTTPResponse answer = HttpAdapter.error(failure);
                response.putHeader("content-type", "application/json").setStatusCode(answer.getStatusCode())
                        .end(answer.getBody());
            }
        }
    }

    private APIGatewayV2HTTPResponse respond(HttpServerRequest request, Buffer body) {
        String method = request.method().name();
        String rawPath = request.path();
        if ("GET".equals(method) && "/health".equals(rawPath)) {
            return health();
        }
        if ("GET".equals(method) && OpenApiDocument.PATH.equals(rawPath)) {
            return OpenApiDocument.answer();
        }
        for (Entry entry : table) {
            Optional<Map<String, String>> parameters = entry.route().match(method, rawPath);
            if (parameters.isPresent()) {
                LocalEvents.Received received = new LocalEvents.Received(method, rawPath, request.query(),
                        headers(request.headers()), protocol(request), request.remoteAddress().hostAddress(),
                        body.toString(StandardCharsets.UTF_8));
                return entry.function().handle(LocalEvents.of(received, entry.route(), parameters.get()));
            }
        }
        return HttpAdapter.error(ApiError.notFound("There is no route " + method + " " + rawPath));
    }

    /** Repeated headers joined with commas, as API Gateway does. */
    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> joined = new LinkedHashMap<>();
        for (String name : headers.names()) {
            joined.put(name, String.join(",", headers.getAll(name)));
        }
        return joined;
    }

    private static String protocol(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    private APIGatewayV2HTTPResponse health() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        for (LocalReadiness part : readiness) {
            checks.put(part.name(), part.ready());
        }
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        return HttpAdapter.json(ready ? 200 : 503, Map.of("status", ready ? "ready" : "unavailable", "checks", checks));
    }
}
