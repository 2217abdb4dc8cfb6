package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real {@code socket.io-client}: one connection holds no more runs than its key's concurrent-run cap. */
class SocketIoPlanTest {

    @Test
    void oneConnectionHoldsNoMoreRunsThanTheCap() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "6"),
                "plans:\n  free: {max_concurrent: 2}\n")) {
            String free = server.createKey("api", "free", null);
            String out = NodeClients.run(List.of("node", "socket-io-plan.mjs", server.url(""), free, "2",
                    Toolchains.defaultId("python")), 120);
            assertThat(out).contains("\"check\":\"the run past the cap is refused\",\"ok\":true")
                    .contains("\"check\":\"the runs within the cap finish\",\"ok\":true")
                    .contains("\"check\":\"the connection stays open\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
