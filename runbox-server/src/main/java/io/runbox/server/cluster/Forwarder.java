package io.runbox.server.cluster;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * goes on: the method, path, query, body, content type, the caller's key headers and the MCP session headers, plus
 * the {@link ForwardProof}. What comes back: the status, the body (streamed), its type and length, the headers a
 * refusal carries ({@code Retry-After}, {@code RateLimit-*}) and an MCP session's id.
 */
final class Forwarder {
    /** How long a node may take to accept the connection before it counts as unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The most of a streamed answer held here at once: each piece goes on to the client as it arrives. */
    static final int STREAM_BUFFER = 8192;
    /** The request headers that go on to the other node: what it needs to know who calls and what is sent. */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Authorization",
            "x-runbox-key", "x-oanor-key", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");
    /** The response headers that come back besides the status, the body and its type. */
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Length", "Retry-After",
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Mcp-Session-Id");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Sends {@code req}'s call to the node at {@code address} ({@code http://host:port}) with {@code proof}; returns
     * its reply once it has begun, its body still to be read.
     *
     * @throws IOException when that node cannot be reached or breaks off before its reply has begun
     */
    HttpResponse<InputStream> send(HttpServletRequest req, String address, String pathAndQuery, byte[] body,
                                   String proof) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + pathAndQuery))
                .method(req.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(ForwardProof.HEADER, proof);
        for (String name : REQUEST_HEADERS) {
            String value = req.getHeader(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Answers {@code ctx} with {@code reply}: Javalin streams its body to the client. */
    static void answer(Context ctx, HttpResponse<InputStream> reply) {
        ctx.status(reply.statusCode());
        reply.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String name : RESPONSE_HEADERS) {
            reply.headers().firstValue(name).ifPresent(v -> ctx.header(name, v));
        }
        ctx.result(reply.body());
    }

    /**
     * Answers {@code resp} with {@code reply}, passing each piece of its body on as it arrives (an event stream
     * reaches the client event by event) and holding at most {@link #STREAM_BUFFER} bytes of it.
     *
     * @throws IOException when the client went away or the holder broke off mid-answer (the reply is closed)
     */
    static void answer(HttpServletResponse resp, HttpResponse<InputStream> reply) throws IOException {
        try (InputStream in = reply.body()) {
            resp.setStatus(reply.statusCode());
            reply.headers().firstValue("Content-Type").ifPresent(resp::setContentType);
            for (String name : RESPONSE_HEADERS) {
                reply.headers().firstValue(name).ifPresent(v -> resp.setHeader(name, v));
            }
            ServletOutputStream out = resp.getOutputStream();
            byte[] buffer = new byte[STREAM_BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
