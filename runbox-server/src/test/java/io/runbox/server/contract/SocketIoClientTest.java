package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real {@code socket.io-client} (v4, from npm) runs code through the Socket.IO door, as the seed shows. */
class SocketIoClientTest {

    @Test
    void socketIoClientRunsCodeOverEveryTransport() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start()) {
            String out = NodeClients.run(List.of("node", "socket-io-client.mjs", server.url(""), server.key(),
                    Toolchains.defaultId("python"), Toolchains.notInstalledId("python")), 120);
            assertThat(out).contains("\"check\":\"codeoutput over websocket\",\"ok\":true")
                    .contains("\"check\":\"codeoutput over polling\",\"ok\":true")
                    .contains("\"check\":\"codeoutput over polling+websocket\",\"ok\":true")
                    .contains("\"check\":\"a bad key is told why\",\"ok\":true")
                    .contains("\"check\":\"and disconnected\",\"ok\":true")
                    .contains("\"check\":\"a files event with the run's files comes before codeoutput\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
