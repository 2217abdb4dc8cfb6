package io.runbox.server.mcp;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.function.Consumer;

/**
 * A response that reports the {@value McpSessionRouting#HEADER} the MCP transport gives it (the answer to an
 * {@code initialize} that created a session) at the moment it is set, before the answer leaves: the session is
 * recorded before the client can name it to another node.
 */
final class SessionIdWatch extends HttpServletResponseWrapper {
    private final Consumer<String> created;

    SessionIdWatch(HttpServletResponse response, Consumer<String> created) {
        super(response);
        this.created = created;
    }

    @Override
    public void setHeader(String name, String value) {
        notice(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        notice(name, value);
        super.addHeader(name, value);
    }

    private void notice(String name, String value) {
        if (McpSessionRouting.HEADER.equalsIgnoreCase(name) && value != null && !value.isBlank()) {
            created.accept(value);
        }
    }
}
