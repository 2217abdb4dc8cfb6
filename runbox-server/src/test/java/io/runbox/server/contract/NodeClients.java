package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real client libraries from npm ({@code tests/clients}) and the Node scripts that drive them. */
final class NodeClients {
    private NodeClients() {
    }

    static Path dir() {
        return TestServer.home().resolve("tests/clients");
    }

    /** Installs the client packages from the lock file when they are not there yet. */
    static void install() throws Exception {
        if (Files.isDirectory(dir().resolve("node_modules/piston-client"))
                && Files.isDirectory(dir().resolve("node_modules/socket.io-client"))
                && Files.isDirectory(dir().resolve("node_modules/playwright-core"))
                && Files.isDirectory(dir().resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
    }

    /** Runs {@code command} in the clients' folder; it must exit 0 within {@code seconds}. Returns its output. */
    static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("runbox-node-client", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("%s finished within %d s:\n%s", command, seconds, out).isTrue();
            assertThat(p.exitValue()).as("%s exited with %d:\n%s", command, p.exitValue(), out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
