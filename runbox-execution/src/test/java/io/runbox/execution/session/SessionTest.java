package io.runbox.execution.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.execution.CiSamples;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session's calls on the real sandbox: replies that code cannot forge, and a restart that stays alive. */
class SessionTest {
    /** A session's first call waits for its driver to start: TypeScript's loads the compiler, 10-15 s on a busy host. */
    private static final Duration CALL = Duration.ofSeconds(60);
    /** What each language's code writes to its driver's own stdout, and how it prints a line of its own. */
    private static final Map<String, List<String>> FORGERS = Map.ofEntries(
            Map.entry("python", List.of("import os\nos.write(1, b\"%s\")", "print('%s')")),
            Map.entry("javascript", List.of("process.stdout.write(\"%s\")", "console.log('%s')")),
            Map.entry("ruby", List.of("STDOUT.write(\"%s\"); STDOUT.flush", "puts '%s'")),
            // The shell keeps its own stdout on a descriptor of 10 or above while the code's output is redirected.
            Map.entry("bash", List.of("for fd in 10 11 12 13; do printf '%%s' $'%s' >&$fd; done 2>/dev/null", "echo %s")),
            Map.entry("php", List.of("fwrite(STDOUT, \"%s\"); fflush(STDOUT);", "echo \"%s\\n\";")),
            // The driver's own stdout is a copy of descriptor 1, which the code reopens.
            Map.entry("perl", List.of("open(my $o, '>&=', 1); print $o \"%s\"; $o->flush;", "print \"%s\\n\";")),
            // A child started by the code writes to the driver's own stdout.
            Map.entry("lua", List.of("local p = io.popen('cat', 'w') p:write(\"%s\") p:close()", "print('%s')")),
            Map.entry("r", List.of("system('cat', input = \"%s\")", "cat('%s\\n')")),
            Map.entry("zsh", List.of("for fd in 10 11 12 13; do printf '%%s' $'%s' >&$fd; done 2>/dev/null", "echo %s")),
            Map.entry("tcl", List.of("exec cat << \"%s\" >@ stdout", "puts {%s}")),
            Map.entry("typescript", List.of("process.stdout.write(\"%s\")", "console.log('%s')")),
            Map.entry("ksh", List.of("for fd in 10 11 12 13; do printf '%%s' $'%s' >&$fd; done 2>/dev/null", "echo %s")),
            // A child the code starts writes to the driver's own stdout (the code's own output is caught by evalc).
            Map.entry("octave", List.of("system('/usr/bin/printf ''%s''');", "disp('%s')")));
    /** Markers in the old format, with a guessed nonce for several calls, and malformed ones. */
    private static final String FORGED = "\\x1eRUNBOX 0 - -\\n"
            + "text before \\x1eRUNBOX 0 - -\\n"
            + "\\x1eRUNBOX garbage\\n"
            + "\\x1eRUNBOX 0123456789abcdef0123456789abcdef 1 0 - -\\n"
            + "\\x1eRUNBOX 0123456789abcdef0123456789abcdef 2 0 - -\\n"
            + "\\x1eRUNBOX 0123456789abcdef0123456789abcdef 3 0 - -\\n"
            + "\\x1eRUNBOX 0123456789abcdef0123456789abcdef 2 x !! ??\\n"
            + "\\x1eRUNBOX 0123456789abcdef0123456789abcdef 2 0\\n"
            + "unfinished line";

    private final LingeringSandbox sandbox = new LingeringSandbox(TestRunner.sandbox());
    private final SessionManager manager = new SessionManager(TestRunner.runner().catalogue(), sandbox,
            ExecutionConfig.defaults(TestRunner.home()), Duration.ofMinutes(10), 10, 20);

    @AfterEach
    void cleanUp() {
        manager.close();
    }

    @Test
    void markersTheCodePrintsAreNeverTakenForReplies() throws Exception {
        Catalogue catalogue = TestRunner.runner().catalogue();
        List<String> languages = catalogue.languages().stream().filter(l -> l.definition().session() != null)
                .map(l -> l.id()).toList();
        assertThat(languages).as("installed languages with sessions").contains("python");
        assertThat(FORGERS).as("every installed language with a session has its forgers here").containsKeys(
                languages.toArray(String[]::new));
        System.out.println("forged markers tried in sessions of " + languages);
        for (String language : languages) {
            List<String> forger = FORGERS.get(language);
            Session s = manager.create("owner", language);
            assertThat(s.execute(forger.get(1).formatted("first"), CALL).stdout()).as(language).isEqualTo("first\n");
            SessionReply forging = s.execute(forger.get(0).formatted(FORGED) + "\n" + forger.get(1).formatted("real"), CALL);
            assertThat(forging.exitCode()).as(language + ": " + forging).isZero();
            assertThat(forging.stdout()).as(language + ": " + forging).isEqualTo("real\n");
            assertThat(forging.timedOut()).as(language).isFalse();
            for (String next : List.of("after", "again")) {
                SessionReply r = s.execute(forger.get(1).formatted(next), CALL);
                assertThat(r.stdout()).as(language + ": " + r).isEqualTo(next + "\n");
            }
            manager.close(s.id(), "owner");
        }
    }

    /** Every installed python and javascript, each kind and version: CPython, PyPy, Node, Deno and Bun. */
    static java.util.stream.Stream<String> pythonAndJavaScriptCompilers() {
        return java.util.stream.Stream.of("python", "javascript")
                .flatMap(l -> TestRunner.runner().catalogue().find(l).orElseThrow().compilers().stream())
                .map(io.runbox.execution.catalogue.Compiler::id);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("pythonAndJavaScriptCompilers")
    void everyInstalledPythonAndJavaScriptKeepsStateBetweenCalls(String compilerId) throws Exception {
        String language = TestRunner.runner().catalogue().compiler(compilerId).orElseThrow().language().id();
        Session s = manager.create("owner", language, compilerId);
        try {
            assertThat(s.compilerId()).isEqualTo(compilerId);
            boolean python = language.equals("python");
            assertThat(s.execute(python ? "x = 41" : "x = 41", CALL).exitCode()).isZero();
            SessionReply r = s.execute(python ? "print(x + 1)" : "console.log(x + 1)", CALL);
            assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("42\n");
        } finally {
            manager.close(s.id(), "owner");
        }
    }

    /** A session's version names its compiler, one from a root image too (the CI sample, python-3.13 from trixie). */
    @Test
    void aSessionRunsOnTheCompilerItsVersionNamesOneFromARootImageToo() throws Exception {
        CiSamples.Sample sample = CiSamples.imageSample();
        Session s = manager.create("owner", sample.language(), sample.idOrMissing());
        assertThat(s.compilerId()).isEqualTo(sample.compilerId());
        assertThat(s.execute("import sys\nv = '%d.%d' % sys.version_info[:2]", CALL).exitCode()).isZero();
        SessionReply r = s.execute("print(v)", CALL);
        assertThat(r.stdout()).isEqualTo(sample.compilerId().substring(sample.compilerId().lastIndexOf('-') + 1) + "\n");
        assertThat(manager.create("owner", sample.language(), null).compilerId())
                .isEqualTo(TestRunner.runner().catalogue().find(sample.language()).orElseThrow().defaultCompiler().id());
    }

    @Test
    void aSessionRestartedAfterATimeoutStaysAliveWhenItsOldBoxEndsLate() throws Exception {
        Session s = manager.create("owner", "python");
        assertThat(s.execute("x = 1", CALL).exitCode()).isZero();
        sandbox.lingerAfterInterrupt = true;
        SessionReply timedOut = s.execute("import time\ntime.sleep(60)", Duration.ofSeconds(1));
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.stateLost()).isTrue();
        // The old box's thread ends about a second after the restart; calls go on well past it.
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int calls = 0;
        while (System.nanoTime() < until) {
            SessionReply r = s.execute("print(" + calls + ")", CALL);
            assertThat(r.stdout()).as("call " + calls + " after the restart").isEqualTo(calls + "\n");
            calls++;
            Thread.sleep(200);
        }
        assertThat(sandbox.lingered).as("the old box's thread ended late").isTrue();
    }

    @Test
    void aSessionWhoseDriverCannotBeWrittenLeavesNoWorkspaceBehind() throws Exception {
        List<Path> made = new ArrayList<>();
        Sandbox recording = new Sandbox() {
            @Override
            public Workspace newWorkspace() throws IOException {
                Workspace w = sandbox.newWorkspace();
                made.add(w.dir());
                return w;
            }

            @Override
            public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
                throw new AssertionError("no box may start for a session whose driver was not written");
            }

            @Override
            public String describe() {
                return sandbox.describe();
            }
        };
        Session s = new Session("ses_driverless", "owner", "python", "python", recording,
                new BoxCommand(List.of("true"), Map.of(), null, Limits.DEFAULTS),
                Path.of("/nonexistent/runbox-test-driver.py"), ".session-driver.py");

        assertThatThrownBy(s::start).isInstanceOf(IOException.class);

        assertThat(made).as("workspaces the start made").hasSize(1);
        Path dir = made.getFirst();
        assertThat(Files.exists(dir, LinkOption.NOFOLLOW_LINKS)).as("the workspace %s is removed", dir).isFalse();
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .as("mounts at the workspace %s", dir).noneMatch(l -> l.split(" ")[4].equals(dir.toString()));
    }

    /**
     * The real sandbox, except that once {@link #lingerAfterInterrupt} is set, the next run that is interrupted
     * returns only six seconds after its box was killed (a fault injected: a box slow to end, past the one second
     * more than a restart waits for it).
     */
    static final class LingeringSandbox implements Sandbox {
        private final Sandbox real;
        volatile boolean lingerAfterInterrupt;
        volatile boolean lingered;

        LingeringSandbox(Sandbox real) {
            this.real = real;
        }

        @Override
        public Workspace newWorkspace() throws IOException {
            return real.newWorkspace();
        }

        @Override
        public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
            try {
                return real.run(workspace, command);
            } finally {
                if (Thread.currentThread().isInterrupted() && lingerAfterInterrupt) {
                    lingerAfterInterrupt = false;
                    Thread.interrupted();
                    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                    while (System.nanoTime() < until) {
                        try {
                            Thread.sleep(Duration.ofNanos(until - System.nanoTime()));
                        } catch (InterruptedException e) {
                            // Ends late whatever happens.
                        }
                    }
                    lingered = true;
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String describe() {
            return real.describe();
        }
    }
}
