package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A box set up ahead that fails before its program started never fails the run: the run starts a new box, and
 * the fallback is counted. Each test gives its runs a memory limit of their own, so it finds its warm box's
 * cgroup and processes on the host.
 */
class WarmBoxFallbackTest {
    private static final Map<String, String> ENV = SandboxContract.ENV;
    private static BubblewrapSandbox sandbox;

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withReuseBoxes(false));
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void aWarmBoxKilledWhileIdleIsReplacedByANewBoxAndCounted() throws Exception {
        Limits own = shape(1);
        WarmBox box = warmBoxOf(own);
        long before = sandbox.warmBoxFallbacks();
        long launcher = box.launcherPid();
        box.killInside();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        BoxResult r = run(own, List.of("/bin/sh", "-c", "echo ran"));
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("ran\n");
        assertThat(r.exitCode()).isZero();
        assertThat(sandbox.warmBoxFallbacks()).isEqualTo(before + 1);
    }

    /**
     * The launcher is stopped, so the box looks alive when taken, but nothing in it reads its command any more:
     * the release fails at once, and the run goes to a new box (it used to wait out its wall time).
     */
    @Test
    void aWarmBoxWhoseReleaseFailsIsReplacedByANewBoxAndCounted() throws Exception {
        Limits own = shape(2).withWallTime(Duration.ofSeconds(8));
        WarmBox box = warmBoxOf(own);
        long before = sandbox.warmBoxFallbacks();
        long launcher = box.launcherPid();
        signal("STOP", launcher);
        try {
            box.killInside();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!box.processes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            BoxResult r = run(own, List.of("/bin/sh", "-c", "echo ran"));
            assertThat(r.timedOut()).as("the run waited on the dead box").isFalse();
            assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("ran\n");
            assertThat(sandbox.warmBoxFallbacks()).isEqualTo(before + 1);
        } finally {
            ProcessHandle.of(launcher).ifPresent(p -> {
                try {
                    signal("CONT", launcher);
                } catch (Exception e) {
                    // It was killed with its box.
                }
            });
        }
    }

    @Test
    void argumentsWithAnyBytesRoundTripThroughTheRelease() throws Exception {
        Limits own = shape(3);
        warmBoxOf(own);
        long before = sandbox.warmBoxFallbacks();
        // Longer together than a pipe holds (64 KiB), so the release is written as the box reads it.
        List<String> odd = List.of("a\nb", "", "  spaced  ", "ü€", "x".repeat(100_000), "\t", "y".repeat(100_000), "\n");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "for a; do printf '<%s>' \"$a\"; done", "sh"));
        argv.addAll(odd);
        BoxResult r = run(own, argv);
        StringBuilder expected = new StringBuilder();
        odd.forEach(a -> expected.append('<').append(a).append('>'));
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(sandbox.warmBoxFallbacks()).as("the run took the warm box").isEqualTo(before);
    }

    /** Limits no other test uses, so that this test's boxes are found by their memory limit. */
    private static Limits shape(int test) {
        long memory = (192L << 20) + 4096L * ((ProcessHandle.current().pid() * 7 + test) % 997);
        return Limits.DEFAULTS.withWallTime(Duration.ofSeconds(10)).withMemoryBytes(memory);
    }

    private static BoxResult run(Limits limits, List<String> argv) throws Exception {
        try (Workspace ws = sandbox.newWorkspace()) {
            return sandbox.run(ws, new BoxCommand(argv, ENV, null, limits));
        }
    }

    /** Runs once in this shape, then waits for the box set up ahead for the next run to wait for its command. */
    private static WarmBox warmBoxOf(Limits limits) throws Exception {
        run(limits, List.of("/bin/true"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Path cgroup : BoxCgroupFiles.withMemoryLimit(limits.memoryBytes())) {
                WarmBox box = new WarmBox(cgroup);
                if (box.processes().stream().anyMatch(WarmBoxFallbackTest::isExecShim)) {
                    return box;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no box was set up ahead for " + limits);
    }

    private static boolean isExecShim(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).equals(BwrapArgs.EXEC_SHIM + "\0");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    /** A warm box on the host: its cgroup, whose processes are bwrap's and the shim's, and its launcher outside. */
    private record WarmBox(Path cgroup) {
        List<Long> processes() throws java.io.IOException {
            Path procs = cgroup.resolve("cgroup.procs");
            if (!Files.exists(procs)) {
                return List.of();
            }
            return Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
        }

        /** The launcher's outer half, which stays outside the box's cgroup: the parent of the box's bwrap. */
        long launcherPid() throws java.io.IOException {
            List<Long> inside = processes();
            for (long pid : inside) {
                long parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
                if (parent > 0 && !inside.contains(parent)) {
                    return parent;
                }
            }
            throw new AssertionError("no launcher outside " + cgroup);
        }

        void killInside() throws Exception {
            for (long pid : processes()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
