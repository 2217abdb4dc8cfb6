package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official MCP TypeScript SDK client lists the tools and runs python and c through {@code /mcp}. */
class McpClientTest {

    @Test
    void theTypescriptSdkClientListsAndRunsThroughMcp() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start()) {
            String out = NodeClients.run(List.of("node", "mcp-client.mjs", server.url(""), server.key(),
                    Toolchains.defaultId("c")), 120);
            assertThat(out).contains("\"check\":\"lists both tools with schemas\",\"ok\":true")
                    .contains("\"check\":\"run_code python\",\"ok\":true")
                    .contains("\"check\":\"run_code c\",\"ok\":true")
                    .contains("\"check\":\"run_code of a plotting program returns its plot as image content\","
                            + "\"ok\":true")
                    .contains("\"check\":\"unknown language is a tool error the model can read\",\"ok\":true")
                    .contains("\"check\":\"a bad key is refused\",\"ok\":true")
                    .contains("\"check\":\"a number as code is a tool error naming the argument\",\"ok\":true")
                    .contains("\"check\":\"a misspelt argument is named with the one it was meant to be\",\"ok\":true")
                    .contains("\"check\":\"session tools keep state and files between calls\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
