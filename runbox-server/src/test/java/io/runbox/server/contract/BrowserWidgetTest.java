package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * widget.js embedded in a page of another origin, and the playground, driven in real headless Chromium
 * (Debian's, through playwright-core): two independent widgets, streamed output, interactive input, share.
 */
class BrowserWidgetTest {

    @Test
    void widgetsAndPlaygroundWorkInChromium() throws Exception {
        NodeClients.install();
        int hostPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hostPort = s.getLocalPort();
        }
        try (TestServer server = TestServer.start()) {
            String widgetKey = server.createKey("widget", "unlimited",
                    "\"origins\": [\"http://127.0.0.1:" + hostPort + "\"]");
            // Screenshots of each page are kept as test artefacts.
            java.nio.file.Path shots = java.nio.file.Files.createDirectories(
                    java.nio.file.Path.of("target", "screenshots").toAbsolutePath());
            String out = NodeClients.run(List.of("node", "browser-widget.mjs", server.url(""), server.key(),
                    widgetKey, Integer.toString(hostPort), shots.toString()), 180);
            assertThat(out).contains("\"check\":\"widget renders inside an open shadow root\",\"ok\":true")
                    .contains("\"check\":\"python widget runs with stdin and streams the output\",\"ok\":true")
                    .contains("\"check\":\"c widget compiles and runs independently\",\"ok\":true")
                    .contains("\"check\":\"data-lang GCC-13 falls back to the installed gcc\",\"ok\":true")
                    .contains("\"check\":\"playground: typed input reaches the running program\",\"ok\":true")
                    .contains("\"check\":\"playground: share saves a permlink\",\"ok\":true")
                    .contains("\"check\":\"the seed's Quick Start HTML works as written\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
