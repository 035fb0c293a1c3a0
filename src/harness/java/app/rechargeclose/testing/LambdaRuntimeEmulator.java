package app.rechargeclose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The AWS Lambda Runtime API on loopback, enough to drive a function the way Lambda does: the
 * runtime interface client long-polls {@code invocation/next} (held open until an event exists;
 * answering 204 crashes the client) and posts each result or error back.
 */
public final class LambdaRuntimeEmulator implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered: its response body, or the error document it posted. */
    public record Outcome(boolean error, String body) {
    }

    private record Event(String id, String payload, long deadlineMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private volatile BiConsumer<String, Outcome> exchangeCheck = (payload, outcome) -> { };

    public LambdaRuntimeEmulator() {
        // Answers go out in one segment: without it Nagle's algorithm adds tens of ms to every invocation.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the function first asks for an event: it is ready. */
    public CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    /** Completes with the error document if the function reports a failed start. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** From now on, {@code check} sees every event and what the function answered, on the invoking thread, before {@link #invoke} returns. */
    public void checkEveryExchange(BiConsumer<String, Outcome> check) {
        this.exchangeCheck = check;
    }

    /** Invokes the function with Lambda's usual 30 s of remaining time. */
    public Outcome invoke(String payload, Duration timeout) throws Exception {
        return invoke(payload, timeout, Duration.ofSeconds(30));
    }

    /** @param remaining what Lambda tells the function is left of its time ({@code Lambda-Runtime-Deadline-Ms}) */
    public Outcome invoke(String payload, Duration timeout, Duration remaining) throws Exception {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(id, outcome);
        events.add(new Event(id, payload, System.currentTimeMillis() + remaining.toMillis()));
        Outcome answered = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        exchangeCheck.accept(payload, answered);
        return answered;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // ends a long poll still waiting for an event
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.equals("invocation/next")) {
                firstPoll.complete(null);
                Event event = events.take();
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", event.id());
                headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineMillis()));
                headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:ap-east-1:123456789012:function:recharge-close");
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-67e4a1f2-0f1e2d3c4b5a69788796a5b4;Sampled=0");
                headers.add("Content-Type", "application/json");
                reply(exchange, 200, event.payload());
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                outcomes.get(id).complete(new Outcome(path.endsWith("/error"), new String(body, StandardCharsets.UTF_8)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
