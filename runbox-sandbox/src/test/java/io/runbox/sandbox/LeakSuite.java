package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * What one run could leave to the next run of another tenant, run against a real {@link Sandbox}: each method
 * runs a program that plants one kind of state (run A), then, sequentially and in a new workspace, a program that
 * looks for it (run B), and asserts B found nothing of A. Every run has the same shape (environment, paths and
 * limits), so a sandbox that reuses boxes may serve them all from one box. Where the natural check is "as a fresh
 * box looks" ({@code /dev}, environment, rlimits, cgroup settings), B's program is first run alone as the
 * baseline, so the suite holds whatever a box looks like. A failure shows what B printed: what leaked.
 *
 * <p>The programs are {@code leak.py} (copied into every workspace) and the shell lines of the {@link Leak}s; {@link #inOneBox} runs a plant and its check in one run, where the check must see the state.
 */
final class LeakSuite {
    /** Makes the command of the suite's one shape for {@code argv}: the same environment, paths and limits for all. */
    @FunctionalInterface
    interface Shape {
        BoxCommand command(List<String> argv);
    }

    /**
     * What a plant and its check printed, and their results ({@code null} for the runs of {@link #inOneBox},
     * which share one result).
     */
    record Runs(String planted, String checked, BoxResult a, BoxResult b) {
    }

    private static final String CHECK_STARTS = "--- the check starts ---";
    private static final byte[] PROGRAMS = programs();

    private final Sandbox sandbox;
    private final Shape shape;

    /** A suite running every command of {@code shape} on {@code sandbox}; the caller keeps and closes the sandbox. */
    LeakSuite(Sandbox sandbox, Shape shape) {
        this.sandbox = sandbox;
        this.shape = shape;
    }

    /** The shape of the suite's runs: the contract's environment, no extra paths, {@code limits}. */
    static Shape shapeOf(Limits limits) {
        return argv -> new BoxCommand(argv, SandboxContract.ENV, null, limits);
    }

    /** Every check of the suite as a test named after it, for a {@code @TestFactory}. */
    Stream<DynamicTest> tests() {
        return all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), e.getValue()));
    }

    /** Every check of the suite by name, in a stable order. */
    Map<String, Executable> all() {
        Map<String, Executable> all = new LinkedHashMap<>();
        all.put("filesInTmp", this::filesInTmp);
        all.put("filesInDevShm", this::filesInDevShm);
        all.put("filesInBox", this::filesInBox);
        all.put("devEntries", this::devEntries);
        all.put("sysvIpc", this::sysvIpc);
        all.put("posixMessageQueues", this::posixMessageQueues);
        all.put("abstractUnixSockets", this::abstractUnixSockets);
        all.put("daemon", this::daemon);
        all.put("stoppedProcess", this::stoppedProcess);
        all.put("zombie", this::zombie);
        all.put("pidNumbers", this::pidNumbers);
        all.put("environment", this::environment);
        all.put("rlimits", this::rlimits);
        all.put("cwd", this::cwd);
        all.put("descriptors", this::descriptors);
        all.put("cgroupSettings", this::cgroupSettings);
        all.put("keyring", this::keyring);
        all.put("hostname", this::hostname);
        return all;
    }

    void filesInTmp() throws Exception {
        findsNothing(Leak.FILES_IN_TMP, "files in /tmp");
    }

    void filesInDevShm() throws Exception {
        findsNothing(Leak.FILES_IN_DEV_SHM, "files in /dev/shm");
    }

    void filesInBox() throws Exception {
        asFresh(Leak.FILES_IN_BOX, "files in /box");
    }

    void devEntries() throws Exception {
        asFresh(Leak.DEV_ENTRIES, "entries in /dev");
    }

    void sysvIpc() throws Exception {
        findsNothing(Leak.SYSV_IPC, "SysV shared memory, message queues and semaphores");
    }

    void posixMessageQueues() throws Exception {
        findsNothing(Leak.POSIX_MESSAGE_QUEUE, "a POSIX message queue");
    }

    void abstractUnixSockets() throws Exception {
        findsNothing(Leak.ABSTRACT_SOCKET, "a daemon listening on an abstract unix socket");
    }

    void daemon() throws Exception {
        findsNothing(Leak.DAEMON, "a daemon (double fork, setsid)");
    }

    void stoppedProcess() throws Exception {
        findsNothing(Leak.STOPPED_PROCESS, "a process that stopped itself");
    }

    void zombie() throws Exception {
        findsNothing(Leak.ZOMBIE, "a zombie and its parent that never reaps it");
    }

    /** B's first pid is the one A's program had: it tells nothing of the 40 processes A started. */
    void pidNumbers() throws Exception {
        assertSamePid(plantThenCheck(Leak.PID_NUMBERS));
    }

    /** Asserts the check's program saw the pid the plant's program saw first. */
    static void assertSamePid(Runs r) {
        String aPid = r.planted().lines().findFirst().orElseThrow();
        assertThat(r.checked().strip()).as("the pid B's program sees, after A's program saw %s and started 40 processes",
                aPid).isEqualTo(aPid);
    }

    void environment() throws Exception {
        Runs r = asFresh(Leak.ENVIRONMENT, "an exported variable and profile files");
        assertThat(r.checked()).doesNotContain("RUNBOX_LEAK").doesNotContain("/tmp/leak");
    }

    void rlimits() throws Exception {
        asFresh(Leak.RLIMITS, "lowered soft and hard RLIMIT_NOFILE and RLIMIT_STACK");
    }

    void cwd() throws Exception {
        Runs r = asFresh(Leak.CWD, "another working directory");
        assertThat(r.checked()).isEqualTo("/box\n/box\n");
    }

    void descriptors() throws Exception {
        findsNothing(Leak.DESCRIPTORS, "open descriptors (and a daemon holding some)");
    }

    /** As a fresh box sees its cgroup and limits; and B's accounting holds none of A's memory or CPU. */
    void cgroupSettings() throws Exception {
        Runs r = asFresh(Leak.CGROUP, "attempts to loosen cgroup limits and OOM scores, memory and CPU used");
        assertThat(r.a().peakMemoryBytes()).as("A's peak memory").isGreaterThanOrEqualTo(96L << 20);
        assertThat(r.b().peakMemoryBytes()).as("B's peak memory, after A's %d bytes", r.a().peakMemoryBytes())
                .isLessThan(48L << 20);
        assertThat(r.a().cpuMs()).as("A's CPU").isGreaterThanOrEqualTo(300);
        assertThat(r.b().cpuMs()).as("B's CPU, after A's %d ms", r.a().cpuMs()).isLessThan(250);
    }

    void keyring() throws Exception {
        findsNothing(Leak.KEYRING, "keys added to the user and session keyrings");
    }

    void hostname() throws Exception {
        Runs r = asFresh(Leak.HOSTNAME, "sethostname and setdomainname");
        assertThat(r.checked()).startsWith("runbox\nrunbox\n");
    }

    /** Runs the plant, then the check, in a new box each, and asserts the check printed no FOUND line. */
    private Runs findsNothing(Leak leak, String planted) throws Exception {
        Runs r = plantThenCheck(leak);
        assertFoundNothing(r, planted);
        return r;
    }

    /** Asserts the check printed no FOUND line (and printed something: it ran). */
    static void assertFoundNothing(Runs r, String planted) {
        assertThat(r.checked()).as("what run B found after run A left %s; A printed:%n%s", planted, r.planted())
                .isNotBlank().doesNotContain("FOUND");
    }

    /** Runs the check alone (the baseline), then the plant and the check again, and asserts the check saw the same. */
    private Runs asFresh(Leak leak, String planted) throws Exception {
        String fresh = freshCheck(leak);
        Runs r = plantThenCheck(leak);
        assertSameAsFresh(r, fresh, planted);
        return r;
    }

    /** What the check prints in a fresh box: run alone, with no plant before it. */
    String freshCheck(Leak leak) throws Exception {
        return checked(run(leak.check()));
    }

    /** Asserts the check saw what it sees in a fresh box. */
    static void assertSameAsFresh(Runs r, String fresh, String planted) {
        assertThat(r.checked()).as("what run B saw after run A left %s (a fresh run saw the expected); A printed:%n%s",
                planted, r.planted()).isEqualTo(fresh);
    }

    /** The plant in one run, then the check in another, each in a new workspace. */
    Runs plantThenCheck(Leak leak) throws Exception {
        BoxResult a = run(leak.plant());
        String planted = text(a.stdout()) + text(a.stderr());
        assertThat(a.exitCode()).as("the plant's exit; it printed:%n%s", planted).isZero();
        BoxResult b = run(leak.check());
        return new Runs(planted, checked(b), a, b);
    }

    /**
     * The plant and then the check in one run, each its own shell, as two runs would be if nothing isolated them:
     * here the check must see what the plant left.
     */
    Runs inOneBox(Leak leak) throws Exception {
        BoxResult r = run(List.of("/bin/sh", "-c", "/bin/sh -c \"$1\"; echo '" + CHECK_STARTS + "'; /bin/sh -c \"$2\"",
                "one-box", leak.plant(), leak.check()));
        String out = checked(r);
        int split = out.indexOf(CHECK_STARTS + "\n");
        assertThat(split).as("the marker between plant and check in:%n%s", out).isNotNegative();
        return new Runs(out.substring(0, split), out.substring(split + CHECK_STARTS.length() + 1), null, null);
    }

    /** The check's output, once it is known to have run to its end without complaint. */
    private static String checked(BoxResult r) {
        assertThat(r.exitCode()).as("the check's exit; it printed:%n%s%s", text(r.stdout()), text(r.stderr())).isZero();
        assertThat(text(r.stderr())).as("the check's stderr").isEmpty();
        return text(r.stdout());
    }

    private BoxResult run(String script) throws IOException {
        return run(List.of("/bin/sh", "-c", script));
    }

    private BoxResult run(List<String> argv) throws IOException {
        try (Workspace ws = sandbox.newWorkspace()) {
            try (BoxTree tree = BoxTree.open(ws.dir())) {
                tree.writeFile("leak.py", PROGRAMS, 0644);
            }
            return sandbox.run(ws, shape.command(argv));
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] programs() {
        try (InputStream in = LeakSuite.class.getResourceAsStream("leak.py")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
