package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The calls a Judge0 client makes, written from Judge0 CE's published API documentation request for request (no
 * Judge0 client library is published on npm): JSON bodies, the key in {@code X-Auth-Token}, the query parameters
 * {@code base64_encoded}, {@code wait} and {@code fields}, and polling a token until its status leaves 1 and 2.
 */
final class Judge0Client {
    private final TestServer server;
    private final String base;
    private final String token;

    Judge0Client(TestServer server, String base, String token) {
        this.server = server;
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return server.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path) throws Exception {
        return server.send(request(path).GET().build());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return server.send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(base + path)));
        return token == null ? b : b.header("X-Auth-Token", token);
    }

    /** Polls {@code GET /submissions/{token}} until the submission is judged (status id above 2). */
    JsonNode await(String submission, String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> r = get("/submissions/" + submission + query);
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /submissions/" + submission + ": " + r.statusCode() + " " + r.body());
            }
            JsonNode s = TestServer.json(r);
            if (s.path("status").path("id").asInt() > 2 || s.path("status_id").asInt() > 2) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("submission " + submission + " still " + s);
            }
            Thread.sleep(50);
        }
    }
}
