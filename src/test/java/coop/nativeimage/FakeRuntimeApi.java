package coop.nativeimage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API on loopback, as the provided.al2023 runtime serves it to a {@code bootstrap}: the function polls
 * {@code /invocation/next}, which blocks until the test hands out an event, and posts its answer to
 * {@code /invocation/{id}/response} or {@code /error}. Like real Lambda for HTTP and stream events, it sends no
 * {@code Lambda-Runtime-Cognito-Identity} or {@code Lambda-Runtime-Client-Context} header: Quarkus' native poll loop
 * cannot parse the {@code {}} the bench's Java runtime client needs, and never answers.
 */
final class FakeRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An answer of the function: {@code response}, or {@code error} with Lambda's error JSON. */
    record Answer(String kind, String body) {
    }

    private record Invocation(String requestId, String event) {
    }

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::serve);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Hands {@code event} to the function's next poll and waits for its answer; {@code exited} completes when the
     * function's process ends, which ends the wait at once.
     */
    Answer invoke(String event, Duration timeout, CompletableFuture<?> exited) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.put(new Invocation(requestId, event));
        Object result = CompletableFuture.anyOf(answer, initError, exited).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (result instanceof String failedInit) {
            throw new IllegalStateException("the function reported an init error: " + failedInit);
        }
        if (!(result instanceof Answer reply)) {
            throw new IllegalStateException("the function's process ended before it answered");
        }
        return reply;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(body);
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                CompletableFuture<Answer> answer = answers.remove(parts[1]);
                if (answer == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                answer.complete(new Answer(parts[2], body));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        byte[] event = invocation.event().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:native-it");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
