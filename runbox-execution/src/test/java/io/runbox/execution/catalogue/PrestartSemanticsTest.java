package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.PrestartHarness.Outcome;
import io.runbox.execution.catalogue.PrestartHarness.Program;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pre-started runtime runs its program byte for byte as a cold start does: for each program of the corpus under
 * {@code prestart/<language>/<case>/}, stdout, stderr and exit status of a cold start and of a pre-started run
 * released into the same directory are equal. The programs print what a program can see of how it was started
 * (argv, the module search path, loaded modules, environment, descriptors, tracebacks, exit by status or signal,
 * standard input). Real host interpreters, the catalogue's; the hooks are the shipped ones.
 */
class PrestartSemanticsTest {
    private static final String ARGS_WITH_EDGES = "x|y z||ünï|--flag";
    private static Catalogue catalogue;
    private static Path prefix;

    @TempDir
    Path scratch;

    @BeforeAll
    static void probe() throws Exception {
        ExecutionConfig config = ExecutionConfig.defaults(TestRunner.home());
        catalogue = Catalogue.probe(config.languagesDir(), config.prefix());
        prefix = config.prefix();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                program("python", "hello", "", "", Map.of(), false),
                program("python", "identity", ARGS_WITH_EDGES, "", Map.of(), false),
                program("python", "traceback", "", "", Map.of(), false),
                program("python", "exit-status", "", "", Map.of(), false),
                program("python", "exit-message", "", "", Map.of(), false),
                program("python", "signal-term", "", "", Map.of(), false),
                program("python", "signal-segv", "", "", Map.of(), false),
                program("python", "stdin", "", "Ada\n36\nmore\nlines\n", Map.of(), false),
                program("python", "interleave", "", "", Map.of(), true),
                program("python", "files", "", "", Map.of(), false),
                program("python", "saved-pythonpath", "", "", Map.of("PYTHONPATH", "lib::/nowhere"), false),
                program("python", "syntax-error", "", "", Map.of(), false),
                program("javascript", "hello", "", "", Map.of(), false),
                program("javascript", "identity", ARGS_WITH_EDGES, "", Map.of(), false),
                program("javascript", "uncaught", "", "", Map.of(), false),
                program("javascript", "exit-code", "", "", Map.of(), false),
                program("javascript", "exit-call", "", "", Map.of(), false),
                program("javascript", "rejection", "", "", Map.of(), false),
                program("javascript", "signal-term", "", "", Map.of(), false),
                program("javascript", "signal-segv", "", "", Map.of(), false),
                program("javascript", "stdin-sync", "", "one\ntwo\n\nfour", Map.of(), false),
                program("javascript", "readline", "", "one\ntwo\n\nfour", Map.of(), false),
                program("javascript", "interleave", "", "", Map.of(), true),
                program("javascript", "worker", "a", "", Map.of(), false),
                program("javascript", "saved-node-options", "", "", Map.of("NODE_OPTIONS", "--no-warnings"), false));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("corpus")
    void aPrestartedRunIsByteForByteAColdStart(String language, String name, Program program) throws Exception {
        PrestartHarness harness = harness(language);
        Outcome cold = harness.cold(program);
        Outcome prestarted = harness.prestarted(program);

        assertThat(prestarted.stdout()).as("stdout").isEqualTo(cold.stdout());
        assertThat(prestarted.stderr()).as("stderr").isEqualTo(cold.stderr());
        assertThat(prestarted.exit()).as("exit status").isEqualTo(cold.exit());
        assertThat(cold.stdout() + cold.stderr()).as("the program ran").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void aReleaseThatNeverComesEndsWith125AndNoOutput(String language) throws Exception {
        Program hello = program(language, "hello");
        PrestartHarness harness = harness(language);
        for (byte[] release : List.of(new byte[0], new byte[5],
                PrestartHarness.withLength(3, "abc".getBytes(StandardCharsets.UTF_8)),
                PrestartHarness.withLength(Long.MAX_VALUE, new byte[16]),
                PrestartHarness.release("/no/such/directory", List.of()))) {
            Outcome o = harness.prestarted(hello, release);
            assertThat(o.exit()).as("release of %d bytes", release.length).isEqualTo(125);
            assertThat(o.stdout() + o.stderr()).isEmpty();
        }
    }

    /** A figure, not a check: how long a released runtime takes to its first output, against a whole cold start. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void releaseToFirstOutputAgainstAColdStart(String language) throws Exception {
        Program hello = program(language, "hello");
        PrestartHarness harness = harness(language);
        List<Long> cold = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cold.add(harness.cold(hello).firstOutputNanos());
            released.add(harness.prestarted(hello).firstOutputNanos());
        }
        System.out.printf("prestart %s: release to first output %.1f ms, cold start to first output %.1f ms"
                + " (medians of 7)%n", language, median(released) / 1e6, median(cold) / 1e6);
        assertThat(released).hasSize(7);
    }

    static Stream<String> languages() {
        return Stream.of("python", "javascript");
    }

    private PrestartHarness harness(String language) {
        return new PrestartHarness(catalogue.find(language).orElseThrow().defaultCompiler(), prefix, scratch);
    }

    private static Arguments program(String language, String name, String args, String stdin,
                                     Map<String, String> env, boolean merged) {
        List<String> argv = args.isEmpty() ? List.of() : List.of(args.split("\\|", -1));
        return Arguments.of(language, name, new Program(corpusDir(language, name), argv, stdin, env, merged));
    }

    private static Program program(String language, String name) {
        return new Program(corpusDir(language, name), List.of(), "", Map.of(), false);
    }

    private static Path corpusDir(String language, String name) {
        return TestRunner.home().resolve("runbox-execution/src/test/resources/prestart").resolve(language)
                .resolve(name);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
