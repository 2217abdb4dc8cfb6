package io.runbox.server.mcp;

import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.http.ApiError;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Checks the Bearer key of every {@code /mcp} request (Javalin's handlers do not run for a servlet of its
 * own) and hands the caller to the tools through a request attribute. Refusals are JSON errors with the
 * fitting status; failures of the transport itself are answered without their stack traces.
 */
final class McpKeyFilter implements Filter {
    static final String CALLER = "runbox.caller";
    private final AccessControl access;

    McpKeyFilter(AccessControl access) {
        this.access = access;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String auth = AccessControl.bearer(req.getHeader("Authorization"));
        String key = auth != null ? auth : req.getHeader("x-runbox-key");
        Caller caller;
        try {
            caller = access.authenticateApi(key, req.getRemoteAddr());
        } catch (ApiException e) {
            write(resp, e);
            return;
        }
        req.setAttribute(CALLER, caller);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!resp.isCommitted()) {
                resp.reset();
                write(resp, new ApiException(500, "internal_error", "the MCP transport failed", null, null));
            }
        }
    }

    static void write(HttpServletResponse resp, ApiException e) throws IOException {
        resp.setStatus(e.status());
        resp.setContentType("application/json");
        if (e.retryAfterSeconds() != null) {
            resp.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer");
        }
        resp.getOutputStream().write(Json.MAPPER.writeValueAsBytes(ApiError.of(e.code(), e.getMessage(), e.field())));
    }
}
