package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sandbox} must do, run against a real backend: isolate, bound and account. A backend's
 * test extends this and supplies the sandbox.
 */
abstract class SandboxContract {
    /** The host's python, through the name Debian keeps for whichever version it ships. */
    static final String PYTHON = "/usr/bin/python3";
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8");

    abstract Sandbox sandbox();

    Limits limits() {
        return Limits.DEFAULTS.withWallTime(Duration.ofSeconds(10));
    }

    BoxResult sh(String script) throws Exception {
        return sh(script, limits(), null);
    }

    BoxResult sh(String script, Limits limits, byte[] stdin) throws Exception {
        try (Workspace ws = sandbox().newWorkspace()) {
            return sandbox().run(ws, new BoxCommand(List.of("/bin/sh", "-c", script), ENV, stdin, limits));
        }
    }

    static String out(BoxResult r) {
        return new String(r.stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void runsInTheWorkspaceWithStdinArgsAndExitCode() throws Exception {
        try (Workspace ws = sandbox().newWorkspace()) {
            Files.writeString(ws.dir().resolve("in.txt"), "from the host");
            BoxResult r = sandbox().run(ws, new BoxCommand(
                    List.of("/bin/sh", "-c", "pwd; cat in.txt; echo; cat; echo made > out.txt; exit 3"),
                    ENV, "typed".getBytes(), limits()));
            assertThat(out(r)).isEqualTo("/box\nfrom the host\ntyped");
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.signal()).isNull();
            assertThat(Files.readString(ws.dir().resolve("out.txt"))).isEqualTo("made\n");
        }
    }

    @Test
    void runsAsAnUnprivilegedUserWithOnlyTheGivenEnvironment() throws Exception {
        BoxResult r = sh("id -u; env | sort | tr '\\n' ' '; cat /proc/self/status | grep CapEff");
        String out = out(r);
        assertThat(out).startsWith("1000\n");
        assertThat(out).contains("HOME=/tmp").doesNotContain("JAVA_HOME").doesNotContain("MAVEN");
        assertThat(out).contains("CapEff:\t0000000000000000");
    }

    @Test
    void seesNoSecretsOfTheHost() throws Exception {
        BoxResult r = sh("cat /etc/shadow 2>&1; ls /root 2>&1; ls /home 2>&1; ls /var/lib/runbox 2>&1; ls /work 2>&1");
        assertThat(out(r)).doesNotContain("root:").contains("No such file");
        assertThat(out(r)).doesNotContain("boxes").doesNotContain("seccomp");
    }

    @Test
    void commandPathsAreVisibleOnlyToTheCommandThatAsksForThem() throws Exception {
        String script = "ls -d /var/lib/dpkg 2>&1; touch /var/lib/dpkg/x 2>/dev/null && echo wrote";
        try (Workspace ws = sandbox().newWorkspace()) {
            BoxResult with = sandbox().run(ws, new BoxCommand(List.of("/bin/sh", "-c", script), ENV, null, limits(),
                    List.of("/var/lib/dpkg")));
            assertThat(out(with)).isEqualTo("/var/lib/dpkg\n");
        }
        assertThat(out(sh(script))).contains("No such file");
    }

    @Test
    void hasNoNetwork() throws Exception {
        BoxResult r = sh(PYTHON + " -c \"import socket\nfor h in ['127.0.0.1', '1.1.1.1']:\n"
                + "  try:\n    socket.create_connection((h, 53), timeout=2); print('connected', h)\n"
                + "  except OSError as e: print('refused', h, e.errno)\"");
        assertThat(out(r)).doesNotContain("connected").contains("refused 127.0.0.1").contains("refused 1.1.1.1");
    }

    @Test
    void systemDirectoriesAreReadOnly() throws Exception {
        BoxResult r = sh("touch /usr/x 2>/dev/null && echo wrote-usr; touch /etc/x 2>/dev/null && echo wrote-etc;"
                + " touch /x 2>/dev/null && echo wrote-root; touch /tmp/x && echo wrote-tmp");
        assertThat(out(r)).isEqualTo("wrote-tmp\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void seccompDeniesPtraceAndNewNamespaces() throws Exception {
        BoxResult r = sh(PYTHON + " -c \"import ctypes; c = ctypes.CDLL(None, use_errno=True)\n"
                + "print(c.syscall(101, 0, 0, 0, 0), ctypes.get_errno())\n"
                + "print(c.unshare(0x10000000), ctypes.get_errno())\"");
        assertThat(out(r)).isEqualTo("-1 1\n-1 1\n");
    }

    @Test
    void wallTimeLimitKillsTheTree() throws Exception {
        long t0 = System.nanoTime();
        BoxResult r = sh("sleep 60 & sleep 60", limits().withWallTime(Duration.ofMillis(700)), null);
        assertThat(r.timedOut()).isTrue();
        // The bound only tells "killed at the limit" from "waited for the sleepers": half their time.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("until the run returned")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aCpuTimeLimitKillsABusyTreeLongBeforeItsWallTime() throws Exception {
        try (Workspace ws = sandbox().newWorkspace()) {
            // Two busy processes spend the CPU time twice as fast as the wall clock runs.
            BoxResult r = sandbox().run(ws, new BoxCommand(List.of("/bin/sh", "-c",
                    "while :; do :; done & while :; do :; done"), ENV, null,
                    limits().withWallTime(Duration.ofSeconds(60))).withCpuTime(Duration.ofMillis(800)));
            assertThat(r.timedOut()).isTrue();
            assertThat(r.cpuMs()).isGreaterThan(800);
            // Only tells "killed by its CPU time" from "killed at its 60 s of wall time".
            assertThat(r.wallMs()).isLessThan(30_000);
        }
        // A sleeper spends no CPU time: only its wall time ends it.
        try (Workspace ws = sandbox().newWorkspace()) {
            BoxResult r = sandbox().run(ws, new BoxCommand(List.of("/bin/sh", "-c", "sleep 1; echo slept"), ENV, null,
                    limits().withWallTime(Duration.ofSeconds(30))).withCpuTime(Duration.ofMillis(500)));
            assertThat(r.timedOut()).isFalse();
            assertThat(out(r)).isEqualTo("slept\n");
        }
    }

    @Test
    void memoryLimitIsAnOomKill() throws Exception {
        BoxResult r = sh(PYTHON + " -c \"b = bytearray(400 * 1024 * 1024); print(len(b))\"",
                limits().withMemoryBytes(128L << 20), null);
        assertThat(r.oomKilled()).isTrue();
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(r.signal()).isEqualTo(9);
        assertThat(out(r)).isEmpty();
    }

    @Test
    void accountsCpuAndMemory() throws Exception {
        BoxResult r = sh(PYTHON + " -c \"b = bytearray(64 * 1024 * 1024)\nx = 0\nfor i in range(3000000): x += i\"");
        assertThat(r.exitCode()).isZero();
        assertThat(r.peakMemoryBytes()).isGreaterThan(64L << 20);
        assertThat(r.cpuMs()).isGreaterThan(50);
        assertThat(r.wallMs()).isGreaterThanOrEqualTo(r.cpuMs() / 2);
    }

    @Test
    void pidsLimitStopsForking() throws Exception {
        BoxResult r = sh(PYTHON + " -c \"import os, time\nn = 0\nfor i in range(40):\n  try:\n"
                + "    if os.fork() == 0:\n      time.sleep(3); os._exit(0)\n    n += 1\n  except OSError: pass\nprint(n)\"",
                limits().withPids(16), null);
        int forked = Integer.parseInt(out(r).trim());
        assertThat(forked).isPositive().isLessThan(16);
    }

    @Test
    void outputCapKillsAndTruncates() throws Exception {
        BoxResult r = sh("yes flood", limits().withOutputBytes(4096L), null);
        assertThat(r.outputLimitHit()).isTrue();
        assertThat(r.stdout()).hasSize(4096);
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void fileSizeLimitEndsWithSigxfsz() throws Exception {
        Limits l = new Limits(Duration.ofSeconds(10), 256L << 20, 64, 2.0, 1L << 20, 1L << 20, 64);
        BoxResult r = sh("head -c 5000000 /dev/zero > big", l, null);
        assertThat(r.signal()).isEqualTo(25);
    }

    @Test
    void noProcessOutlivesTheRun() throws Exception {
        String marker = "60." + System.nanoTime() % 1_000_000;
        BoxResult r = sh("(setsid sh -c 'sleep " + marker + "' &) ; sleep 0.1; echo started", limits(), null);
        assertThat(out(r)).isEqualTo("started\n");
        assertThat(HostProcesses.withCommandLineContaining("sleep " + marker)).isEmpty();
    }

    @Test
    void interruptingTheCallerKillsTheBoxBeforeRunReturns() throws Exception {
        String marker = "61." + System.nanoTime() % 1_000_000;
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                sh("sleep " + marker + " & sleep " + marker);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sleepers(marker) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sleepers(marker)).as("sleeps started in the box").isEqualTo(2);
        List<java.nio.file.Path> cgroups = HostProcesses.cgroupsOf("sleep " + marker);
        assertThat(cgroups).isNotEmpty();
        caller.interrupt();
        caller.join(5000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(java.io.IOException.class);
        assertThat(HostProcesses.withCommandLineContaining("sleep " + marker)).as("box processes after run returned").isEmpty();
        assertThat(cgroups).as("the box's cgroups after run returned").noneMatch(java.nio.file.Files::exists);
    }

    private static long sleepers(String marker) throws Exception {
        return HostProcesses.withCommandLineContaining("sleep " + marker).stream()
                .filter(p -> p.endsWith(": sleep " + marker)).count();
    }

    @Test
    void eachRunOfOneShapeSeesOnlyItsOwnWorkspaceAndTmp() throws Exception {
        try (Workspace first = sandbox().newWorkspace(); Workspace second = sandbox().newWorkspace()) {
            Files.writeString(first.dir().resolve("mine.txt"), "first");
            BoxResult a = sandbox().run(first, new BoxCommand(List.of("/bin/sh", "-c",
                    "cat mine.txt; mkdir -p d/e; echo deep > d/e/f; echo left > /tmp/left; ls -A"), ENV, null, limits()));
            assertThat(out(a)).isEqualTo("firstd\nmine.txt\n");
            BoxResult b = sandbox().run(second, new BoxCommand(List.of("/bin/sh", "-c",
                    "ls -A; ls -A /tmp"), ENV, null, limits()));
            assertThat(out(b)).isEmpty();
            assertThat(Files.readString(first.dir().resolve("d/e/f"))).isEqualTo("deep\n");
            try (var entries = Files.list(first.dir())) {
                assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("d", "mine.txt");
            }
        }
    }

    /** A program's own stderr and exit never pass for a failure of the box, whatever it prints. */
    @Test
    void aProgramImitatingTheBoxsOwnFailuresIsReportedAsItself() throws Exception {
        for (String imitation : List.of("bwrap: execvp x: No such file or directory; exit 1",
                "runbox-boxlaunch: cannot exec /usr/bin/bwrap: No such file or directory; exit 125",
                "runbox-boxexec: cannot exec x: No such file or directory; exit 125")) {
            String message = imitation.substring(0, imitation.indexOf(';'));
            int exit = Integer.parseInt(imitation.substring(imitation.lastIndexOf(' ') + 1));
            BoxResult r = sh("echo '" + message + "' >&2; exit " + exit);
            assertThat(r.exitCode()).as(message).isEqualTo(exit);
            assertThat(new String(r.stderr(), StandardCharsets.UTF_8)).isEqualTo(message + "\n");
        }
    }
}
