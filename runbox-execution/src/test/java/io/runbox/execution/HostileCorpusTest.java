package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.core.Workspace;
import io.runbox.execution.RequestRejectedException.Reason;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.hostile.CorpusFile;
import io.runbox.execution.hostile.HostProcesses;
import io.runbox.sandbox.SandboxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every program of the hostile corpus ({@code tests/hostile/}) through the real engine (real catalogue,
 * real bubblewrap sandbox, cgroups, seccomp) and checks the outcome its header expects, then checks the host:
 * no process of a box uid left, no marker file outside the box, canaries intact. Also request-level attacks
 * (file names that climb out of the workspace) and two runs at once (one must not see the other's files).
 * See {@code tests/hostile/README.md} for the programs and {@link CorpusFile} for the header keys.
 */
class HostileCorpusTest {
    private static final Path CORPUS = TestRunner.home().resolve("tests/hostile");
    /** Runbox's state directory as {@link TestRunner} configures it; workspaces live in {@code boxes/}. */
    private static final Path STATE = SandboxConfig.defaults(Path.of("unused")).stateDir();
    private static final Path BOXES = STATE.resolve("boxes");
    /** Beyond the wall limit (and a compile), how long execute() may take before the test calls it a hang. */
    private static final Duration HANG_MARGIN = Duration.ofSeconds(20);
    private static final String CANARY_TEXT = "runbox-canary-content\n";

    @BeforeAll
    static void realEngine() {
        assertThat(TestRunner.runner().catalogue().find("python")).as("python must be installed").isPresent();
        assertNoBoxProcessOutsideARunningBox("before the corpus");
    }

    static Stream<Named<Path>> corpus() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).as("hostile corpus in %s", CORPUS).isNotEmpty();
        return files.stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    /**
     * The programs of the corpus in the language of the sample toolchain from a root image
     * ({@code languages/ci-samples}): run again on that toolchain, whose box has the image as its system.
     */
    static Stream<Named<Path>> imageCorpus() throws IOException {
        String lang = CiSamples.imageSample().language();
        List<String> extensions = TestRunner.runner().catalogue().find(lang).orElseThrow().definition().extensions();
        return corpus().filter(n -> extensions.stream().anyMatch(e -> n.getPayload().toString().endsWith("." + e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileProgramIsContained(Path path) throws Exception {
        contained(path, null);
    }

    @ParameterizedTest(name = "{0} on a root image")
    @MethodSource("imageCorpus")
    void hostileProgramIsContainedOnARootImage(Path path) throws Exception {
        String compilerId = CiSamples.imageSample().idOrMissing();
        assertThat(TestRunner.runner().catalogue().compiler(compilerId)).as("%s (./runbox test installs it)", compilerId)
                .hasValueSatisfying(c -> assertThat(c.root()).as("the root image of %s", compilerId).isNotNull());
        contained(path, compilerId);
    }

    /** Runs one program of the corpus on {@code compilerId} ({@code null}: its language's default) and checks all. */
    private static void contained(Path path, String compilerId) throws Exception {
        CorpusFile spec = CorpusFile.parse(path);
        RequestRunner runner = TestRunner.runner();
        InstalledLanguage lang = runner.catalogue().byExtension(spec.extension())
                .orElseThrow(() -> new AssertionError(spec.name() + ": no installed language for ." + spec.extension()));
        String source = lang.definition().sourceFile();
        ExecRequest request = new ExecRequest(lang.id(), compilerId, List.of(SourceFile.of(source, spec.code())), null,
                null, null, new StageLimits(Limits.UNSET, spec.limits()));

        for (Path p : spec.hostAbsent()) {
            assertThat(Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                    .as("%s exists on the host before the run (left over from an earlier run? remove it)", p).isFalse();
        }
        ExecResult result;
        long elapsedMs;
        int accepted = -1;
        try (HostListener listener = spec.hostListen() == null ? null : HostListener.open(spec.hostListen())) {
            plantCanary(spec.hostCanary());
            long started = System.nanoTime();
            result = assertTimeoutPreemptively(spec.wallTime().plus(HANG_MARGIN), () -> runner.execute(request),
                    () -> spec.name() + ": execute() hung past its wall limit");
            elapsedMs = (System.nanoTime() - started) / 1_000_000;
            if (listener != null) {
                accepted = listener.accepted();
            }
        }

        SoftAssertions soft = new SoftAssertions();
        try {
            if (compilerId != null) {
                soft.assertThat(result.compilerId()).as("%s ran on", spec.name()).isEqualTo(compilerId);
            }
            checkOutcome(soft, spec, result, elapsedMs);
            if (accepted >= 0) {
                soft.assertThat(accepted).as("%s: connections the box made to the host's 127.0.0.1:%d",
                        spec.name(), spec.hostListen()).isZero();
            }
            for (Path p : spec.hostAbsent()) {
                soft.assertThat(Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                        .as("%s: %s appeared on the host: the box wrote outside its workspace", spec.name(), p).isFalse();
            }
            if (spec.hostCanary() != null) {
                Path keep = spec.hostCanary().resolve("keep.txt");
                soft.assertThat(Files.isRegularFile(keep, LinkOption.NOFOLLOW_LINKS) ? Files.readString(keep) : "<gone>")
                        .as("%s: host canary %s after the run and the workspace cleanup", spec.name(), keep)
                        .isEqualTo(CANARY_TEXT);
            }
            soft.check(() -> assertNoBoxProcessOutsideARunningBox("after " + spec.name()));
            for (String marker : spec.hostNoProcess()) {
                soft.assertThat(HostProcesses.withCmdlineContaining(marker))
                        .as("%s: host processes named '%s' after the run", spec.name(), marker).isEmpty();
            }
        } finally {
            if (spec.hostCanary() != null) {
                io.runbox.sandbox.HostTrees.delete(spec.hostCanary());
            }
        }
        soft.assertAll();

        if (spec.healthyAfter()) {
            ExecResult again = TestRunner.run("python", "print('still healthy')");
            assertThat(again.status()).as("a plain run after %s: %s", spec.name(), describe(again)).isEqualTo(Status.OK);
            assertThat(again.run().stdout()).isEqualTo("still healthy\n");
        }
    }

    private static void checkOutcome(SoftAssertions soft, CorpusFile spec, ExecResult result, long elapsedMs) {
        String what = spec.name() + "\n" + describe(result);
        if (result.compile() != null) {
            soft.assertThat(result.compile().status()).as("compile stage of %s", what).isEqualTo(Status.OK);
        }
        StageResult run = result.run();
        if (run == null) {
            soft.fail("no run stage: " + what);
            return;
        }
        soft.assertThat(run.status()).as("status of %s", what).isEqualTo(spec.expect());

        // The seeds' conventions, which fix exit code and signal for some statuses.
        switch (spec.expect()) {
            case OK -> {
                soft.assertThat(run.exitCode()).as("exit code of %s", what).isZero();
                soft.assertThat(run.signal()).as("signal of %s", what).isNull();
            }
            case TIME_LIMIT -> {
                soft.assertThat(run.exitCode()).as("exit code of %s", what).isEqualTo(124);
                soft.assertThat(run.signal()).as("signal of %s", what).isNull();
                soft.assertThat(run.wallMs()).as("wall ms of %s", what)
                        .isGreaterThanOrEqualTo(spec.wallTime().toMillis() - 50);
            }
            case MEMORY_LIMIT -> {
                soft.assertThat(run.exitCode()).as("exit code of %s", what).isEqualTo(137);
                soft.assertThat(run.signal()).as("signal of %s", what).isEqualTo(9);
            }
            case OUTPUT_LIMIT -> soft.assertThat(run.truncated() || Integer.valueOf(25).equals(run.signal()))
                    .as("an output limit is a truncated stream or SIGXFSZ: %s", what).isTrue();
            case RUNTIME_ERROR -> soft.assertThat(run.exitCode()).as("exit code of %s", what).isNotZero();
            default -> {
            }
        }
        if (spec.exitCode() != null) {
            soft.assertThat(run.exitCode()).as("exit code of %s", what).isEqualTo(spec.exitCode());
        }
        if (spec.signalSet()) {
            soft.assertThat(run.signal()).as("signal of %s", what).isEqualTo(spec.signal());
        }
        if (spec.truncated() != null) {
            soft.assertThat(run.truncated()).as("truncated of %s", what).isEqualTo(spec.truncated());
        }
        if (spec.maxWallMs() != null) {
            soft.assertThat(elapsedMs).as("ms until execute() returned for %s", what).isLessThanOrEqualTo(spec.maxWallMs());
        }
        if (spec.limits().outputBytes() != null || spec.truncated() != null) {
            long cap = spec.limits().outputBytes() != null ? spec.limits().outputBytes() : Limits.DEFAULTS.outputBytes();
            soft.assertThat((long) run.stdout().getBytes(StandardCharsets.UTF_8).length)
                    .as("stdout kept of %s", spec.name()).isLessThanOrEqualTo(cap);
        }
        for (Pattern p : spec.stdoutMatches()) {
            soft.assertThat(p.matcher(run.stdout()).find()).as("stdout of %s should match /%s/", what, p).isTrue();
        }
        for (Pattern p : spec.stdoutNotMatches()) {
            soft.assertThat(p.matcher(run.stdout()).find()).as("stdout of %s must not match /%s/", what, p).isFalse();
        }
    }

    // ---- Request-level attacks -------------------------------------------------------------------------

    @ParameterizedTest(name = "file name \"{0}\"")
    @ValueSource(strings = {"../evil.py", "/etc/x", "a/../../b", "..", "../../../../../../tmp/runbox-evil.py",
            "src/../../main.py", "/box/../etc/x", "a/./b", "./main.py", "a//b", "a\\..\\..\\b"})
    void fileNamesThatLeaveTheWorkspaceAreRejected(String name) throws IOException {
        RequestRunner runner = TestRunner.runner();
        // Where the file would land were the name resolved against a workspace; compared before and after,
        // since the path may exist on a shared host for reasons of its own.
        Path workspace = BOXES.resolve("some-workspace");
        Path landed = workspace.resolve(name).normalize();
        boolean outside = !landed.startsWith(workspace) && !BOXES.startsWith(landed);
        String before = outside ? fingerprint(landed) : null;
        List<List<SourceFile>> requests = List.of(
                List.of(SourceFile.of(name, "print('escaped')")),
                List.of(SourceFile.of("main.py", "print('entry')"), SourceFile.of(name, "print('escaped')")));
        for (List<SourceFile> files : requests) {
            ExecRequest request = new ExecRequest("python", null, files, null, null, null, null);
            assertThatThrownBy(() -> runner.execute(request))
                    .as("files %s", files.stream().map(SourceFile::name).toList())
                    .isInstanceOfSatisfying(RequestRejectedException.class,
                            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.BAD_FILE_NAME));
        }
        if (outside) {
            assertThat(fingerprint(landed)).as("%s on the host, before vs after the request", landed).isEqualTo(before);
        }
    }

    private static String fingerprint(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        return Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    }

    // ---- Two boxes at once --------------------------------------------------------------------------------

    /**
     * A writer box puts a secret in its workspace, its /tmp and its command line, and waits; meanwhile a
     * reader box searches everything it can reach (its whole filesystem, every /proc entry it can see, the
     * host paths where workspaces live) for the secret. The test proves the overlap: it sees the secret in the
     * writer's workspace on the host before starting the reader, and only then lets the writer finish.
     */
    @Test
    void aConcurrentRunCannotReadAnotherRunsWorkspace() throws Exception {
        RequestRunner runner = TestRunner.runner();
        String secret = "RUNBOX-SECRET-" + UUID.randomUUID();
        String writer = """
                import os, sys, time
                secret = sys.argv[1]
                for path in ("/box/secret.txt", "/tmp/secret.txt", "/box/nested/deeper/secret.txt"):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w") as f:
                        f.write(secret)
                print("written", flush=True)
                deadline = time.time() + 8
                while not os.path.exists("/box/reader-done") and time.time() < deadline:
                    time.sleep(0.02)
                print("reader done:", os.path.exists("/box/reader-done"))
                print("secret intact:", open("/box/secret.txt").read() == secret)
                """;
        String reader = """
                import os
                MARK = ("RUNBOX-" + "SECRET-").encode()
                SKIP = {"/proc", "/sys", "/usr", "/dev", "/opt/runbox", "/var/lib/ghc", "/etc/ssl"}
                hits, searched = [], 0
                def scan(path):
                    global searched
                    try:
                        with open(path, "rb") as f:
                            data = f.read(1 << 20)
                    except OSError:
                        return
                    searched += 1
                    if MARK in data:
                        hits.append(path)
                for root, dirs, files in os.walk("/"):
                    dirs[:] = [d for d in dirs if os.path.join(root, d) not in SKIP]
                    for name in files:
                        scan(os.path.join(root, name))
                for pid in (p for p in os.listdir("/proc") if p.isdigit()):
                    for what in ("cmdline", "environ"):
                        scan(f"/proc/{pid}/{what}")
                for guess in ("/var/lib/runbox/boxes", "/var/lib/runbox", "/box/..", "/proc/1/root/box",
                              "/proc/1/root/var/lib/runbox/boxes", "/tmp", "/dev/shm"):
                    try:
                        print("list", guess, sorted(os.listdir(guess)))
                    except OSError as e:
                        print("list", guess, "->", type(e).__name__)
                print("searched", searched, "files")
                for h in hits:
                    print("FOUND", h)
                """;
        Limits wall = Limits.UNSET.withWallTime(Duration.ofSeconds(12)).withMemoryBytes(128L << 20);
        ExecRequest writeRequest = new ExecRequest("python", null, List.of(SourceFile.of("main.py", writer)), null,
                List.of(secret), null, new StageLimits(Limits.UNSET, wall));
        ExecRequest readRequest = new ExecRequest("python", null, List.of(SourceFile.of("main.py", reader)), null,
                null, null, new StageLimits(Limits.UNSET, wall));

        CompletableFuture<ExecResult> writing = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.execute(writeRequest);
            } catch (RequestRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
        Path writerWorkspace = null;
        ExecResult read;
        try {
            writerWorkspace = awaitWorkspaceHolding(secret, Duration.ofSeconds(8));
            assertThat(writerWorkspace).as("the writer's workspace on the host, holding the secret").isNotNull();
            read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runner.execute(readRequest));
        } finally {
            if (writerWorkspace != null) {
                Files.writeString(writerWorkspace.resolve("reader-done"), "");
            }
        }
        ExecResult written = writing.get(30, TimeUnit.SECONDS);

        assertThat(read.status()).as("reader: %s", describe(read)).isEqualTo(Status.OK);
        assertThat(read.run().stdout()).as("reader: %s", describe(read))
                .containsPattern("searched [1-9]\\d* files")
                .doesNotContain(secret)
                .doesNotContain("FOUND");
        assertThat(written.status()).as("writer: %s", describe(written)).isEqualTo(Status.OK);
        assertThat(written.run().stdout()).as("writer: %s", describe(written))
                .contains("written", "reader done: True", "secret intact: True");
        assertNoBoxProcessOutsideARunningBox("after the concurrent runs");
    }

    /** The README names every program of the corpus. */
    @Test
    void readmeDescribesEveryProgram() throws IOException {
        String readme = Files.readString(CORPUS.resolve("README.md"));
        assertThat(corpus().map(Named::getName).toList()).allSatisfy(name -> assertThat(readme).contains(name));
    }

    // ---- Helpers ------------------------------------------------------------------------------------------

    /** Polls the host's workspaces until one holds {@code secret} in {@code secret.txt}. */
    private static Path awaitWorkspaceHolding(String secret, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> dirs = Files.list(BOXES)) {
                Optional<Path> found = dirs.filter(d -> {
                    Path f = d.resolve("secret.txt");
                    try {
                        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.readString(f).equals(secret);
                    } catch (IOException e) {
                        return false;
                    }
                }).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    /**
     * No live process of a box uid may exist outside a running box's cgroup: the runs that ended have
     * killed their trees and removed their cgroups. Processes inside a live box cgroup belong to another run
     * still going or set up ahead of one (another Runbox on this host shares the uid range), and a launcher
     * outside a live box's cgroup waits for that box, so they are reported, not failed.
     * Zombies are left to {@link #boxZombiesAreReaped()}: bubblewrap's init (pid 1 of the box) exits after the
     * outer bubblewrap, is reparented to the host's init and waits there to be reaped; it runs no code.
     */
    private static void assertNoBoxProcessOutsideARunningBox(String when) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<HostProcesses.Proc> strays;
        while (true) {
            List<HostProcesses.Proc> boxed = HostProcesses.withUidIn(TestRunner.FIRST_UID, TestRunner.UID_COUNT);
            strays = boxed.stream().filter(p -> !p.zombie() && !p.inLiveBoxCgroup() && !p.launcherOfLiveBox()).toList();
            if (strays.isEmpty()) {
                List<HostProcesses.Proc> others = boxed.stream().filter(p -> !p.zombie()).toList();
                if (!others.isEmpty()) {
                    System.err.println("note " + when + ": processes of box uids in other running boxes: " + others);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            sleep(50);
        }
        assertThat(strays).as("%s: live processes of box uids %d..%d left on the host outside any running box",
                when, TestRunner.FIRST_UID, TestRunner.FIRST_UID + TestRunner.UID_COUNT - 1).isEmpty();
    }

    /**
     * Once all runs are over, the zombies they left (see {@link #assertNoBoxProcessOutsideARunningBox}) must
     * be reaped by the host: a host whose init never reaps them (say, the JVM as a container's pid 1) would
     * lose a pid per run.
     */
    @AfterAll
    static void boxZombiesAreReaped() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<HostProcesses.Proc> zombies;
        do {
            zombies = HostProcesses.withUidIn(TestRunner.FIRST_UID, TestRunner.UID_COUNT).stream()
                    .filter(p -> p.zombie() && !p.inLiveBoxCgroup()).toList();
            if (zombies.isEmpty()) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(zombies).as("zombies of box uids nobody reaps (is the host's pid 1 a reaping init?)").isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void plantCanary(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        io.runbox.sandbox.HostTrees.delete(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), CANARY_TEXT);
    }

    private static String describe(ExecResult r) {
        StringBuilder b = new StringBuilder("status=" + r.status());
        for (StageResult s : new StageResult[] {r.compile(), r.run()}) {
            if (s == null) {
                continue;
            }
            b.append(s == r.compile() ? "\n[compile] " : "\n[run] ")
                    .append(s.status()).append(" exit=").append(s.exitCode()).append(" signal=").append(s.signal())
                    .append(" truncated=").append(s.truncated()).append(" wall=").append(s.wallMs())
                    .append("ms cpu=").append(s.cpuMs()).append("ms mem=").append(s.memoryKb()).append("KB")
                    .append("\n--- stdout ---\n").append(head(s.stdout(), 3000))
                    .append("\n--- stderr ---\n").append(head(s.stderr(), 2000));
        }
        return b.toString();
    }

    private static String head(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "... (" + s.length() + " chars)";
    }

    /** A TCP listener on the host's loopback that counts whoever connects. */
    private static final class HostListener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        private HostListener(ServerSocket socket) {
            this.socket = socket;
            this.acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        /** A listener, or {@code null} when something else holds the port (the box must not reach that either). */
        static HostListener open(int port) throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (java.net.BindException e) {
                s.close();
                System.err.println("note: 127.0.0.1:" + port + " is taken; not counting connections to it");
                return null;
            }
            HostListener l = new HostListener(s);
            // Prove the listener is reachable from the host, then forget that connection.
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (l.accepted.get() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            } catch (IOException e) {
                // The host's own loopback is broken (down, firewalled): the count could prove nothing.
                System.err.println("note: the host cannot reach its own 127.0.0.1:" + port + " (" + e
                        + "); not counting connections to it");
                l.close();
                return null;
            }
            assertThat(l.accepted.getAndSet(0)).as("the host listener on 127.0.0.1:%d accepts", port).isEqualTo(1);
            return l;
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
