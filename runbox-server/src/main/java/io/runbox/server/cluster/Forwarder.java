package io.runbox.server.cluster;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sends a client's call on to another node over internal HTTP and writes that node's answer back unchanged. What
 * goes on: the method, path, query, body, content type and the caller's key headers, plus the {@link ForwardProof}.
 * What comes back: the status, the body (streamed), its type and length, and the headers a refusal carries
 * ({@code Retry-After}, {@code RateLimit-*}).
 */
final class Forwarder {
    /** How long a node may take to accept the connection before it counts as unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The request headers that go on to the other node: what it needs to know who calls and what is sent. */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Authorization",
            "x-runbox-key", "x-oanor-key");
    /** The response headers that come back besides the status and the body. */
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Length", "Retry-After",
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Sends {@code ctx}'s call to the node at {@code address} ({@code http://host:port}) with {@code proof} and
     * answers {@code ctx} with its reply.
     *
     * @throws IOException when that node cannot be reached or breaks off before its reply has begun
     */
    void forward(Context ctx, String address, String pathAndQuery, byte[] body, String proof)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + pathAndQuery))
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(ForwardProof.HEADER, proof);
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        ctx.status(reply.statusCode());
        reply.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String name : RESPONSE_HEADERS) {
            reply.headers().firstValue(name).ifPresent(v -> ctx.header(name, v));
        }
        ctx.result(reply.body());
    }
}
