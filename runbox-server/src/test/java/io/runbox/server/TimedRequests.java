package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Timed requests to a test server for the tests that check it keeps answering under load. */
final class TimedRequests {
    private final TestServer server;

    TimedRequests(TestServer server) {
        this.server = server;
    }

    record Timed(HttpResponse<String> response, long ms) {
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    static Timed timed(Call call) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = call.call();
        return new Timed(r, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A python session that has answered one call and is idle now. */
    String createSession(String key) throws Exception {
        HttpResponse<String> r = send(key, "/api/sessions", "{\"language\": \"python\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = TestServer.json(r).get("id").asText();
        HttpResponse<String> first = send(key, "/api/sessions/" + id + "/execute", "{\"code\": \"x = 1\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        return id;
    }

    HttpResponse<String> execute(String key, String body) throws Exception {
        return send(key, "/v1/execute", body);
    }

    /**
     * A GET ({@code body} null) or POST with a time bound, so that a frozen server fails the test instead of
     * hanging it; {@code key} may be null.
     */
    HttpResponse<String> send(String key, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(120));
        if (key != null) {
            b.header("Authorization", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return server.send(b.build());
    }

    static String percentiles(List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return String.format("n=%d p50=%d ms p95=%d ms max=%d ms", sorted.size(), at(sorted, 0.50), at(sorted, 0.95),
                sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
