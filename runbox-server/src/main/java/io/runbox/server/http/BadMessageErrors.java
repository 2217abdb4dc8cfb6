package io.runbox.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-wide answer to a request Jetty refuses before any door sees it (a URL or headers too large, a request
 * line it cannot parse): a JSON error in the native format, {@code {error: {code, message}}}, instead of Jetty's
 * HTML page. No door's own envelope is possible here: the request never reached one, and for a URL too long the
 * path is not even known.
 */
public final class BadMessageErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        ApiException e = of(status);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(ApiError.of(e.code(), e.getMessage(), e.field()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            body = "{\"error\":{\"code\":\"bad_request\",\"message\":\"bad request\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** What each refusal means to a client, and what to do instead. */
    static ApiException of(int status) {
        return switch (status) {
            case 414 -> new ApiException(414, "uri_too_long", "the URL is too long; send large code or input in a"
                    + " POST body (POST /v1/execute) instead of the query string", null, null);
            case 431 -> new ApiException(431, "headers_too_large", "the request headers are too large", null, null);
            case 413 -> new ApiException(413, "payload_too_large", "the request is too large", null, null);
            default -> new ApiException(status, status >= 500 ? "internal_error" : "bad_request",
                    "the request cannot be read as HTTP (status " + status + ")", null, null);
        };
    }
}
