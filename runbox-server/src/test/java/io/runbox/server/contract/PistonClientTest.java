package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real {@code piston-client} npm package, driven by a Node script, runs python and c against Runbox. */
class PistonClientTest {

    @Test
    void pistonClientRunsPythonAndC() throws Exception {
        NodeClients.install();
        // piston-client sends no key, as against Piston itself: this server runs with the anonymous tier on.
        try (TestServer server = TestServer.start(java.util.Map.of("RUNBOX_ANONYMOUS", "true",
                "RUNBOX_ANONYMOUS_RPM", "1000"))) {
            String out = NodeClients.run(List.of("node", "piston-client.mjs", server.url("")), 120);
            assertThat(out).contains("\"check\":\"python\",\"ok\":true").contains("\"check\":\"c\",\"ok\":true")
                    .contains("\"check\":\"stdin\",\"ok\":true").contains("\"check\":\"unknown language\",\"ok\":true");
        }
    }
}
