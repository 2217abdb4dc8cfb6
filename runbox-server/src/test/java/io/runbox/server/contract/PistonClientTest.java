package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real {@code piston-client} npm package, driven by a Node script, runs python and c against Runbox. */
class PistonClientTest {

    static Path clients() {
        return TestServer.home().resolve("tests/clients");
    }

    /** Installs the client packages from the lock file when they are not there yet. */
    static void npmInstall() throws Exception {
        if (Files.isDirectory(clients().resolve("node_modules/piston-client"))
                && Files.isDirectory(clients().resolve("node_modules/socket.io-client"))
                && Files.isDirectory(clients().resolve("node_modules/playwright-core"))
                && Files.isDirectory(clients().resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
    }

    static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(clients().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s exited with %d:\n%s", command, p.exitValue(), out).isZero();
        return out;
    }

    @Test
    void pistonClientRunsPythonAndC() throws Exception {
        npmInstall();
        // piston-client sends no key, as against Piston itself: this server runs with the anonymous tier on.
        try (TestServer server = TestServer.start(java.util.Map.of("RUNBOX_ANONYMOUS", "true",
                "RUNBOX_ANONYMOUS_RPM", "1000"))) {
            String out = run(List.of("node", "piston-client.mjs", server.url("")), 120);
            assertThat(out).contains("\"check\":\"python\",\"ok\":true").contains("\"check\":\"c\",\"ok\":true")
                    .contains("\"check\":\"stdin\",\"ok\":true").contains("\"check\":\"unknown language\",\"ok\":true");
        }
    }
}
