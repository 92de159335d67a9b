package coop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.Route;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * building the event API Gateway would send and handing it to the very function bean Lambda would call. Plain JDK
 * HTTP server, dev and test profiles only, so no HTTP server ever starts inside Lambda.
 *
 * <p>It also serves the audit console's static files at {@code /console/} ({@link ConsoleFiles}).
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
    void start(@Observes @Priority(10_000) StartupEvent startup) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (HttpFunction function : functions) {
            function.routes().forEach(route -> entries.add(new Entry(route, function)));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.route().specificity()).reversed());
        table = List.copyOf(entries);
        server = LocalPorts.bind(host, configuredPort);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.createContext(ConsoleFiles.PREFIX, new ConsoleFiles());
        server.start();
        LOG.infof("Local API on http://%s:%d with %d routes: %s", host, port(), table.size(),
                table.stream().map(e -> e.route().key()).toList());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The port actually bound (the configured one, or a free one when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
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

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            APIGatewayV2HTTPResponse response;
            try {
                response = respond(exchange);
            } catch (Throwable failure) {
                response = HttpAdapter.error(failure);
            }
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private APIGatewayV2HTTPResponse respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        if ("GET".equals(method) && "/health".equals(rawPath)) {
            return health();
        }
        for (Entry entry : table) {
            Optional<Map<String, String>> parameters = entry.route().match(method, rawPath);
            if (parameters.isPresent()) {
                APIGatewayV2HTTPEvent event = LocalEvents.of(exchange, entry.route(), parameters.get(), body(exchange));
                return entry.function().handle(event);
            }
        }
        return HttpAdapter.error(ApiError.notFound("There is no route " + method + " " + rawPath));
    }

    /** Reads one byte more than the limit, so that the function sees an oversized body as too large. */
    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(ApiRequest.MAX_BODY_BYTES + 1), StandardCharsets.UTF_8);
        }
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
