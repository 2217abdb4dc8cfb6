package io.runbox.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.execution.session.SessionManager;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.AccessControl;
import io.runbox.server.cluster.SessionForwarding;
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
 * {@link McpSessionRouting} and {@link McpKeyFilter}, serving {@link McpTools}. Sessions live in the process that
 * created them; in a cluster, calls naming a session another node holds are sent there.
 */
public final class McpDoor implements Routes {
    private static final String PATH = "/mcp";
    /** The longest request body the transport reads (its own default, made explicit for forwarding too). */
    private static final int MAX_BODY_BYTES = 16 << 20;
    private final HttpServletStreamableServerTransportProvider transport;
    private final AccessControl access;
    private final McpSyncServer server;
    private final McpSessionRouting routing;

    /**
     * @param forwarding the cluster's rule for calls about sessions held elsewhere
     * @param registry   where this node records the MCP sessions it holds
     * @param nodeId     this node
     */
    public McpDoor(RunService runService, SessionManager sessions, AccessControl access, String version,
                   SessionForwarding forwarding, SessionRegistry registry, String nodeId) {
        this.access = access;
        this.routing = new McpSessionRouting(forwarding, registry, nodeId, MAX_BODY_BYTES);
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .mcpEndpoint(PATH)
                .maxRequestSize(MAX_BODY_BYTES)
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
            FilterHolder sessionRouting = new FilterHolder(routing);
            sessionRouting.setAsyncSupported(true);
            h.addFilter(sessionRouting, PATH, EnumSet.of(DispatcherType.REQUEST));
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

    /**
     * Closes the MCP sessions and the transport's session sweeper (a thread that would keep the JVM alive), and
     * takes the sessions off the cluster's registry.
     */
    @Override
    public void close() {
        server.closeGracefully();
        routing.forgetAll();
    }
}
