package io.runbox.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver for callbacks: records every delivery (body and signature header) and answers 500
 * to the first {@code failures} of them.
 */
public final class CallbackReceiver implements AutoCloseable {
    public record Delivery(String body, String signature, int attempt, String method) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger seen = new AtomicInteger();

    public CallbackReceiver(int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = seen.incrementAndGet();
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Runbox-Signature"), n,
                    exchange.getRequestMethod()));
            exchange.sendResponseHeaders(n <= failures ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
