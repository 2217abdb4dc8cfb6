package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 18, through {@code ./runbox} itself: {@code keys} says which store it uses, refuses one that is not
 * the running server's, and {@code keys list} shows a widget key's origins.
 */
class KeysStoreCliTest {

    @Test
    void keysSaysItsStoreAndRefusesOneThatIsNotTheRunningServers() throws Exception {
        Path serverData = Files.createTempDirectory("runbox-served");
        Path otherData = Files.createTempDirectory("runbox-other");
        Path serverStore = serverData.toRealPath().resolve("runbox.db");
        Path otherStore = otherData.toRealPath().resolve("runbox.db");
        Map<String, String> server = Map.of("RUNBOX_DATA_DIR", serverData.toString());
        Map<String, String> other = Map.of("RUNBOX_DATA_DIR", otherData.toString());

        try (ServerProcess running = ServerProcess.start(serverData, serverData.resolve("serve.log"), Map.of())) {
            RunboxScript.Outcome created = RunboxScript.run(server, "keys", "create", "--type", "widget",
                    "--origin", "https://a.example", "--origin", "https://b.example", "--name", "two-origins");
            assertThat(created.exit()).as(created.all()).isZero();
            assertThat(created.stderr()).as(created.all()).contains("keys store " + serverStore)
                    .contains("the running server's").contains("port " + running.port);

            RunboxScript.Outcome listed = RunboxScript.run(server, "keys", "list");
            assertThat(listed.exit()).as(listed.all()).isZero();
            assertThat(listed.stdout()).as(listed.all()).containsPattern(
                    "widget .* two-origins\\n    origins: https://a.example, https://b.example\\n");

            RunboxScript.Outcome refused = RunboxScript.run(other, "keys", "create", "--type", "api");
            assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
            assertThat(refused.stdout()).isEmpty();
            assertThat(refused.stderr().lines().toList()).as(refused.all()).containsExactly(
                    "runbox: refusing to use the key store " + otherStore + ": the running server (pid "
                            + running.pid() + ", port " + running.port + ", store " + serverStore
                            + ") uses another; give keys the server's --config or RUNBOX_DATA_DIR");
            assertThat(otherStore).as("nothing was opened or created").doesNotExist();
        }

        // Once the server stopped, the same command works on the store it names, and says so.
        RunboxScript.Outcome afterwards = RunboxScript.run(other, "keys", "list");
        assertThat(afterwards.exit()).as(afterwards.all()).isZero();
        assertThat(afterwards.stderr()).contains("keys store " + otherStore + " (no server is running)");
    }

    /** A server killed without its shutdown (its pid gone, or reused by another process) refuses nothing. */
    @Test
    void aServerThatDiedWithoutItsShutdownOrAForeignFileRefusesNothing() throws Exception {
        Path servers = Path.of("/var/lib/runbox/servers");
        Files.createDirectories(servers);
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path dead = servers.resolve(gone.pid() + ".json");
        Path reused = servers.resolve(ProcessHandle.current().pid() + ".json");
        Path garbage = servers.resolve("garbage.json");
        try {
            Files.writeString(dead, entry(gone.pid(), Instant.now().toString()));
            // This test's own pid, but another start time: the pid was recycled, the server is gone.
            Files.writeString(reused, entry(ProcessHandle.current().pid(), "2001-01-01T00:00:00Z"));
            Files.writeString(garbage, "{ not json");
            Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-rw-rw-"));
            Path data = Files.createTempDirectory("runbox-keys");
            RunboxScript.Outcome listed = RunboxScript.run(Map.of("RUNBOX_DATA_DIR", data.toString()), "keys", "list");
            assertThat(listed.exit()).as(listed.all()).isZero();
            assertThat(listed.stderr()).contains("(no server is running)");
        } finally {
            Files.deleteIfExists(dead);
            Files.deleteIfExists(reused);
            Files.deleteIfExists(garbage);
        }
    }

    private static String entry(long pid, String started) {
        return "{\"pid\": %d, \"started\": \"%s\", \"home\": \"%s\", \"store\": \"/elsewhere/runbox.db\", \"port\": 1}"
                .formatted(pid, started, TestServer.home());
    }
}
