package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.Limits;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import io.runbox.sandbox.fs.Tmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code runbox run} started twice at once, 20 times, beside a running server, each round after a dead Runbox
 * left boxes behind (cgroups, workspace mounts with files, box files, an {@code /etc} copy) for the starting
 * processes to sweep together: every run prints its program's output, and nothing prints a stack trace.
 */
class ConcurrentStartsTest {
    private static final SandboxConfig SANDBOX = SandboxConfig.defaults(Path.of("unused"));
    private static final int ROUNDS = 20;

    @Test
    void twoRunsStartingTogetherBesideAServerAlwaysRunAndNeverPrintAStackTrace() throws Exception {
        Path program = Files.createTempFile("concurrent-start", ".py");
        Files.writeString(program, "print('ran ' + 'fine')\n");
        CgroupDriver cgroups = CgroupDetector.open(SANDBOX.cgroupRoot(), SANDBOX.cgroupSubtree());
        try (TestServer server = TestServer.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                plantLeftoversOfADeadRunbox(cgroups, round);
                List<Process> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(startRun(program));
                }
                for (Process p : runs) {
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("round %d: %s", round, out).isTrue();
                    assertThat(out).as("round %d", round).contains("ran fine").doesNotContain("Exception")
                            .doesNotContain("\tat ");
                    assertThat(p.exitValue()).as("round %d: %s", round, out).isZero();
                }
            }
            assertThat(server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"print(2)\"}").statusCode())
                    .isEqualTo(200);
        } finally {
            Files.deleteIfExists(program);
        }
    }

    private static Process startRun(Path program) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The JVM options ./runbox uses for short commands.
        return new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-Drunbox.home=" + TestServer.home(),
                "-cp", System.getProperty("java.class.path"), "io.runbox.server.cli.Main", "run", program.toString()))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    /** What a Runbox killed mid-run leaves behind, named after an owner that cannot be alive. */
    private static void plantLeftoversOfADeadRunbox(CgroupDriver cgroups, int round) throws Exception {
        long deadPid = 2_000_000_000L + round; // above any pid_max Linux allows
        Path state = SANDBOX.stateDir();
        for (int i = 0; i < 3; i++) {
            String name = "box-" + deadPid + "-" + UUID.randomUUID();
            cgroups.create(name, new Limits(null, 64L << 20, 16, 0.5, null, null, null));
            Path workspace = Files.createDirectory(state.resolve("boxes").resolve(name));
            Tmpfs.mount(workspace, 1 << 20, 1000);
            Files.createDirectories(workspace.resolve("a/b"));
            for (int f = 0; f < 20; f++) {
                Files.writeString(workspace.resolve("a/b/f" + f), "left behind");
            }
            Files.writeString(state.resolve("args").resolve(name), "argv");
        }
        Path etc = Files.createDirectories(state.resolve("etc-" + deadPid).resolve("ssl/certs"));
        for (int f = 0; f < 300; f++) {
            Files.writeString(etc.resolve("cert" + f), "certificate");
        }
    }
}
