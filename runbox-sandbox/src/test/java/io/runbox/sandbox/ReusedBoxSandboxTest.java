package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox contract with reused boxes (the default): every run of one shape after the first is served by a box
 * that served another run before, fresh inside it. Plus what reuse itself promises: one box serves a series of
 * runs, each of which sees a pid namespace of its own; a run that ends by a limit retires its box.
 */
class ReusedBoxSandboxTest extends SandboxContract {
    private static BubblewrapSandbox sandbox;

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()));
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    /** A memory limit no other test's boxes have, so that this test's shape and its boxes are its own. */
    private static Limits own(int test) {
        return new SandboxContract() {
            @Override
            Sandbox sandbox() {
                return sandbox;
            }
        }.limits().withMemoryBytes((190L << 20) + 4096L * ((ProcessHandle.current().pid() * 13 + test) % 997));
    }

    @Test
    void runsOfOneShapeAreServedByOneBoxEachInAPidNamespaceOfItsOwn() throws Exception {
        Limits limits = own(1);
        long reusedBefore = sandbox.reusedRuns();
        List<String> pids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Each run forks a few processes first: in a shared pid namespace, the next run's pid would grow.
            BoxResult r = sh("for i in 1 2 3; do /bin/true; done; echo $$", limits, null);
            assertThat(r.exitCode()).isZero();
            pids.add(new String(r.stdout()).strip());
        }
        assertThat(sandbox.reusedRuns() - reusedBefore).as("runs served by a box that served one before").isEqualTo(4);
        // pid 1 is the run's own init; the program is always pid 2.
        assertThat(pids).containsOnly("2");
    }

    /**
     * A second sandbox of the process makes an {@code /etc} of its own: rebuilding the first one's under the same name
     * left the long-lived boxes that had bound it with an empty {@code /etc} (no passwd, no hostname).
     */
    @Test
    void anotherSandboxOfTheProcessLeavesTheEtcOfLongLivedBoxesAlone() throws Exception {
        Limits limits = own(4);
        assertThat(new String(sh("cat /etc/hostname", limits, null).stdout())).isEqualTo("runbox\n");
        long reusedBefore = sandbox.reusedRuns();
        try (BubblewrapSandbox other = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()));
             Workspace ws = other.newWorkspace()) {
            BoxResult again = sh("cat /etc/hostname; grep -c runner /etc/passwd", limits, null);
            assertThat(sandbox.reusedRuns() - reusedBefore).as("served by the box that bound /etc before").isEqualTo(1);
            assertThat(new String(again.stdout())).isEqualTo("runbox\n1\n");
            assertThat(new String(other.run(ws, new BoxCommand(List.of("/bin/cat", "/etc/hostname"),
                    Map.of(), null, limits)).stdout())).isEqualTo("runbox\n");
        }
    }

    @Test
    void aRunThatHitsItsWallTimeRetiresItsBox() throws Exception {
        Limits limits = own(2);
        sh("true", limits, null);
        long retiredBefore = sandbox.reusedBoxesRetired();
        BoxResult r = sh("sleep 30", limits.withWallTime(Duration.ofMillis(500)), null);
        assertThat(r.timedOut()).isTrue();
        // A shorter wall time is another shape; the box of the first one is unaffected, so retire within the shape.
        BoxResult again = sh("sleep 30", limits.withWallTime(Duration.ofMillis(500)), null);
        assertThat(again.timedOut()).isTrue();
        assertThat(sandbox.reusedBoxesRetired() - retiredBefore).isGreaterThanOrEqualTo(2);
        assertThat(new String(sh("echo still", limits, null).stdout())).isEqualTo("still\n");
    }

    /**
     * A program in a reused box reaches nothing of the box beyond its run: the host's workspace mounts are hidden,
     * the init and the box's other processes are outside its pid namespace, it can neither mount nor make a user
     * namespace, and killing everything it can see leaves the box fit for the next run, which works.
     */
    @Test
    void aProgramReachesNothingOfTheBoxBeyondItsRun() throws Exception {
        Limits limits = own(3);
        sh("true", limits, null);
        long reusedBefore = sandbox.reusedRuns();
        long retiredBefore = sandbox.reusedBoxesRetired();
        BoxResult r = sh("ls -A /.runbox/ws; touch /.runbox/ws/x 2>/dev/null && echo wrote-ws;"
                + " ls /proc | grep -E '^[0-9]+$' | sort -n | tr '\\n' ' '; echo;"
                + " mount -t tmpfs x /tmp 2>/dev/null && echo mounted;"
                + " unshare -U true 2>/dev/null && echo userns;"
                + " python3 -c 'import ctypes; print(\"clone\", ctypes.CDLL(None).syscall(56, 0x10000000 | 17, 0, 0, 0, 0))';"
                + " kill -9 -1 2>/dev/null; echo survived", limits, null);
        assertThat(r.exitCode()).isZero();
        // Nothing under /.runbox/ws, nothing written, only pid 1 (the run's init), this shell and its children;
        // no mount, no user namespace (the raw clone fails: -1), and kill -1 spares the run's own init.
        assertThat(new String(r.stdout())).startsWith("1 2 ").doesNotContain("wrote-ws").doesNotContain("mounted")
                .doesNotContain("userns").contains("clone -1").endsWith("survived\n");
        assertThat(new String(sh("echo next", limits, null).stdout())).isEqualTo("next\n");
        assertThat(sandbox.reusedRuns() - reusedBefore).as("both runs in the box of the first").isEqualTo(2);
        assertThat(sandbox.reusedBoxesRetired()).isEqualTo(retiredBefore);
    }

    /**
     * A box that served a run sets its next run up ahead (namespaces, cgroup, mounts; no command yet), and the next
     * request of its shape takes it with a command of its own: another program, arguments and input than the run
     * before. Its clock starts at the release.
     */
    @Test
    void theNextRunIsSetUpAheadAndTakesAnyCommandOfTheShape() throws Exception {
        Limits limits = own(4);
        sh("echo first", limits, null);
        for (int attempt = 0; attempt < 20; attempt++) {
            long before = sandbox.aheadRuns();
            BoxResult r = sh("read line; echo \"got $line\" \"$0\"; exit 3", limits, "typed\n".getBytes());
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(new String(r.stdout())).isEqualTo("got typed /bin/sh\n");
            if (sandbox.aheadRuns() - before == 1) {
                return;
            }
            Thread.sleep(50); // the set-up ahead runs off the request's thread, right after the run before
        }
        throw new AssertionError("no run was served by a run set up ahead");
    }

    /**
     * Runs of one shape from several threads at once, each box setting its next run up ahead between them: every
     * run ends with its own output. (A box once started a request's run beside the run it had set up ahead; the
     * second waited for the box forever, and its output never ended.)
     */
    @Test
    void concurrentRunsOfOneShapeAllEndWithTheirOwnOutput() throws Exception {
        Limits limits = own(5);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> new String(sh("echo " + n, limits, null).stdout())));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The host speaks to a reused box's init itself ({@link InitRun}): per run a connection, three pipes and the run's
     * cgroup files. A series of runs (with input, with a failing exit, cut by its wall time, and each cancelling the
     * run its box had set up ahead) leaves the host process no more descriptors open than the boxes left idle hold
     * (at most 8 idle boxes, each with a run set up ahead: a connection and three pipes): a leak of even one per run
     * would show sixty-fold.
     */
    @Test
    void runsInReusedBoxesLeaveTheHostNoDescriptorOpen() throws Exception {
        Limits limits = own(7);
        sh("true", limits, null);
        long before = openDescriptors();
        for (int i = 0; i < 60; i++) {
            switch (i % 6) {
                case 0 -> assertThat(new String(sh("cat", limits, "in".getBytes()).stdout())).isEqualTo("in");
                case 1 -> assertThat(sh("exit 3", limits, null).exitCode()).isEqualTo(3);
                case 2 -> assertThat(sh("sleep 30", limits.withWallTime(Duration.ofMillis(300)), null).timedOut())
                        .isTrue();
                default -> assertThat(sh("echo ok", limits, null).exitCode()).isZero();
            }
        }
        assertThat(openDescriptors()).isLessThanOrEqualTo(before + 8 * 4 + 8);
    }

    private static long openDescriptors() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds =
                     java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * The host's touches of a workspace a run left, when the next run of it takes a reused box: the workspace is
     * handed to the box's uid and bound below the box's shared point. Run A leaves links to a root-only host file and
     * to {@code /}, a FIFO and a tree deeper than {@code PATH_MAX}; run B, in the same workspace and the same box,
     * sees them as A left them. The host followed no link (the canary keeps its owner and mode), opened no FIFO (the
     * test would hang) and walked the deep tree within its bounds.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aWorkspaceLeftWithLinksAFifoAndADeepTreeIsHandedToTheNextRunFollowingNothing() throws Exception {
        Limits limits = own(6);
        java.nio.file.Path canaryDir = java.nio.file.Files.createDirectories(
                java.nio.file.Path.of("/var/lib/runbox-hostile-canary-reused-" + ProcessHandle.current().pid()));
        java.nio.file.Path canary = canaryDir.resolve("secret");
        java.nio.file.Files.writeString(canary, "canary");
        java.nio.file.Files.setPosixFilePermissions(canary,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (io.runbox.core.Workspace ws = sandbox.newWorkspace()) {
            sh("true", limits, null);
            long reusedBefore = sandbox.reusedRuns();
            BoxResult a = sandbox.run(ws, new io.runbox.core.BoxCommand(List.of("/bin/sh", "-c",
                    "ln -s " + canary + " canary; ln -s / root; mkfifo fifo; python3 -c \"import os\n"
                            + "for _ in range(2100): os.mkdir('d'); os.chdir('d')\"; echo planted"), ENV, null, limits));
            assertThat(new String(a.stdout())).as(new String(a.stderr())).isEqualTo("planted\n");
            BoxResult b = sandbox.run(ws, new io.runbox.core.BoxCommand(List.of("/bin/sh", "-c",
                    "stat -c '%F %U' canary root fifo d; readlink canary"), ENV, null, limits));
            assertThat(new String(b.stdout())).as(new String(b.stderr())).isEqualTo(
                    "symbolic link runner\nsymbolic link runner\nfifo runner\ndirectory runner\n" + canary + "\n");
            assertThat(sandbox.reusedRuns() - reusedBefore).as("both runs in the box of the first").isEqualTo(2);
            assertThat(java.nio.file.Files.getAttribute(canary, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .as("the canary's owner after the host handed the workspace to the box").isEqualTo(0);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(canary))).isEqualTo("rw-------");
        } finally {
            java.nio.file.Files.deleteIfExists(canary);
            java.nio.file.Files.deleteIfExists(canaryDir);
        }
    }
}
