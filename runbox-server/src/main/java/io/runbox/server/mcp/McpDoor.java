package io.runbox.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.execution.session.SessionManager;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.AccessControl;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.RegisteredRoutes;
import io.runbox.server.http.Routes;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * {@code /mcp}: the MCP Java SDK's Streamable HTTP transport as a servlet at that exact path, behind
 * {@link McpKeyFilter}, serving {@link McpTools}. Sessions live in this process (cluster mode needs sticky
 * routing to a node).
 */
public final class McpDoor implements Routes {
    private static final String PATH = "/mcp";
    private final HttpServletStreamableServerTransportProvider transport;
    private final AccessControl access;
    private final McpSyncServer server;

    public McpDoor(RunService runService, SessionManager sessions, AccessControl access, String version) {
        this.access = access;
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .mcpEndpoint(PATH)
                .contextExtractor(req -> {
                    Map<String, Object> ctx = new HashMap<>();
                    Object caller = req.getAttribute(McpKeyFilter.CALLER);
                    if (caller != null) {
                        ctx.put(McpKeyFilter.CALLER, caller);
                    }
                    return McpTransportContext.create(ctx);
                })
                .build();
        this.server = McpServer.sync(transport)
                .serverInfo("runbox", version)
                .instructions("Runbox runs code in a sandbox. Call list_compilers to see what is installed, then"
                        + " run_code with a language or compiler and the code. For state that lasts between calls, use"
                        + " session_create, session_run, session_upload_file and session_close.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(java.util.stream.Stream.concat(new McpTools(runService, access).all().stream(),
                        new McpSessionTools(sessions, access).all().stream()).toList())
                .build();
    }

    @Override
    public void register(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(h -> {
            ServletHolder servlet = new ServletHolder(transport);
            servlet.setAsyncSupported(true);
            h.addServlet(servlet, PATH);
            FilterHolder filter = new FilterHolder(new McpKeyFilter(access));
            filter.setAsyncSupported(true);
            h.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        });
    }

    /** The MCP servlet beside Javalin's router: {@link McpKeyFilter} checks each request's key. */
    @Override
    public List<RegisteredRoutes.Route> mounts() {
        return List.of(RegisteredRoutes.Route.servlet(PATH, AccessClass.SELF_AUTHENTICATED));
    }

    /** Closes the MCP sessions and the transport's session sweeper (a thread that would keep the JVM alive). */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
