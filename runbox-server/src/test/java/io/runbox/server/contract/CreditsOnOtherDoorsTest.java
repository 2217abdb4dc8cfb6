package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real MCP and Socket.IO clients: a self-service key's credits are spent by {@code run_code},
 * {@code session_run} and {@code runcode} as by a REST run, and once they are used up each door refuses with
 * the 402 of used-up credits.
 */
class CreditsOnOtherDoorsTest {

    @Test
    void mcpAndSocketIoRunsSpendCreditsToo() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start(Map.of(), "access:\n  self_service: {enabled: true, plan: unlimited,"
                + " credits: 3, credits_per_run: 1}\n")) {
            HttpResponse<String> created = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/keys/create")))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String out = NodeClients.run(List.of("node", "credits-doors.mjs", server.url(""),
                    TestServer.json(created).get("key").asText(), Toolchains.defaultId("python")), 120);
            assertThat(out).doesNotContain("\"ok\":false")
                    .contains("\"check\":\"MCP session_run is refused: credits used up\",\"ok\":true")
                    .contains("\"check\":\"Socket.IO runcode is refused with 402\",\"ok\":true");
        }
    }
}
