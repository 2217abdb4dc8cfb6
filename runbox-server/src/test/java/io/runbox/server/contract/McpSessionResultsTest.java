package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official MCP TypeScript SDK client sees a session call's results: a figure as image content, a named file as
 * an embedded resource, a DataFrame as a table (tests/clients/mcp-session-results.mjs).
 */
class McpSessionResultsTest {

    @Test
    void sessionRunReturnsFiguresFilesAndTables() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start()) {
            String out = NodeClients.run(List.of("node", "mcp-session-results.mjs", server.url(""), server.key()), 180);
            assertThat(out).contains("\"check\":\"session_run returns a shown figure as image content\",\"ok\":true")
                    .contains("\"check\":\"session_run returns a named file as an embedded resource\",\"ok\":true")
                    .contains("\"check\":\"the next call does not return the figure again\",\"ok\":true")
                    .contains("\"check\":\"a DataFrame left last comes back as a table\",\"ok\":true")
                    .contains("\"check\":\"a bad pattern is a tool error the model can read\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
