package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.execution.BoxEnvironment;
import io.runbox.execution.CommandTemplate;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.PrestartHarness.Outcome;
import io.runbox.execution.catalogue.PrestartHarness.Program;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pre-started JVM runs its main class byte for byte as a cold {@code java -cp . Main} does, on every installed JDK:
 * for each program of the corpus under {@code prestart/java/<case>/}, compiled by that JDK's {@code javac} as the
 * catalogue compiles, stdout, stderr and exit status of a cold start and of a JVM started with the shipped hook
 * ({@code languages/java/prestart}) and released into the same directory are equal. The programs print what a
 * program can see of how it was started (arguments, properties, environment, thread, class loader, stack,
 * descriptors), end by an uncaught exception, {@code System.exit}, {@code halt} or SIGTERM, read standard input,
 * write files by relative paths, or lack their main class or main method.
 */
class JavaPrestartSemanticsTest {
    private static final String ARGS_WITH_EDGES = "x|y z||ünï|--flag|-cp";
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
        List<Arguments> all = new ArrayList<>();
        for (Compiler jdk : jdks()) {
            all.add(program(jdk, "hello", "", ""));
            all.add(program(jdk, "identity", ARGS_WITH_EDGES, ""));
            all.add(program(jdk, "uncaught", "", ""));
            all.add(program(jdk, "exit-status", "", ""));
            all.add(program(jdk, "halt", "", ""));
            all.add(program(jdk, "signal-term", "", ""));
            all.add(program(jdk, "stdin", "", "Ada\n36\nmore\n\nlines"));
            all.add(program(jdk, "files", "", ""));
            all.add(program(jdk, "no-main-class", "", ""));
            all.add(program(jdk, "no-main-method", "", ""));
            all.add(Arguments.of(jdk.id(), "interleave", new Case(jdk, "interleave", List.of(), "", true)));
        }
        return all.stream();
    }

    /**
     * Every JDK of the host's own system the catalogue found: each is also started bare from the host here. (A root
     * image's JDK runs the same hook; its self-test is in {@code ./runbox languages test}.)
     */
    static List<Compiler> jdks() {
        return catalogue.find("java").orElseThrow().compilers().stream().filter(c -> c.root() == null).toList();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("corpus")
    void aPrestartedJvmIsByteForByteAColdStart(String jdk, String name, Case c) throws Exception {
        Program program = c.compiled(scratch);
        PrestartHarness harness = new PrestartHarness(c.jdk(), prefix, scratch);
        Outcome cold = harness.cold(program);
        Outcome prestarted = harness.prestarted(program);

        assertThat(prestarted.stdout()).as("stdout").isEqualTo(cold.stdout());
        assertThat(prestarted.stderr()).as("stderr").isEqualTo(cold.stderr());
        assertThat(prestarted.exit()).as("exit status").isEqualTo(cold.exit());
        assertThat(cold.stdout() + cold.stderr()).as("the program ran").isNotEmpty();
    }

    /** Each installed JDK's id. */
    static Stream<Arguments> jdkIds() {
        return jdks().stream().map(jdk -> Arguments.of(jdk.id()));
    }

    /**
     * EOF before or inside the release, a length out of bounds, a body without its NUL, a directory that is not
     * there, and arguments (a JVM's are fixed at its start): the JVM exits 125 and writes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkIds")
    void aReleaseThatNeverComesOrIsMalformedEndsWith125AndNoOutput(String jdkId) throws Exception {
        Compiler jdk = catalogue.compiler(jdkId).orElseThrow();
        Program hello = new Case(jdk, "hello", List.of(), "", false).compiled(scratch);
        PrestartHarness harness = new PrestartHarness(jdk, prefix, scratch);
        for (byte[] release : List.of(new byte[0], new byte[5],
                PrestartHarness.withLength(3, "abc".getBytes(StandardCharsets.UTF_8)),
                PrestartHarness.withLength(Long.MAX_VALUE, new byte[16]),
                PrestartHarness.withLength(1 << 20, new byte[16]),
                PrestartHarness.release("/no/such/directory", List.of()),
                PrestartHarness.release(harness.box().toString(), List.of("an-argument")))) {
            Outcome o = harness.prestarted(hello, release);
            assertThat(o.exit()).as("release of %d bytes", release.length).isEqualTo(125);
            assertThat(o.stdout() + o.stderr()).isEmpty();
        }
    }

    /** A figure, not a check: how long a released JVM takes to its first output, against a whole cold start. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkIds")
    void releaseToFirstOutputAgainstAColdStart(String jdkId) throws Exception {
        Compiler jdk = catalogue.compiler(jdkId).orElseThrow();
        Program hello = new Case(jdk, "hello", List.of(), "", false).compiled(scratch);
        PrestartHarness harness = new PrestartHarness(jdk, prefix, scratch);
        List<Long> cold = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cold.add(harness.cold(hello).firstOutputNanos());
            released.add(harness.prestarted(hello).firstOutputNanos());
        }
        System.out.printf("prestart %s: release to first output %.1f ms, cold start to first output %.1f ms"
                + " (medians of 7)%n", jdkId, median(released) / 1e6, median(cold) / 1e6);
        assertThat(released).hasSize(7);
    }

    private static double median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static Arguments program(Compiler jdk, String name, String args, String stdin) {
        List<String> argv = args.isEmpty() ? List.of() : List.of(args.split("\\|", -1));
        return Arguments.of(jdk.id(), name, new Case(jdk, name, argv, stdin, false));
    }

    /** A program of the corpus for one JDK: compiled by it before it runs. */
    record Case(Compiler jdk, String name, List<String> args, String stdin, boolean merged) {
        /** The program's folder with its classes, compiled by {@link #jdk}'s javac as the catalogue compiles. */
        Program compiled(Path scratch) throws Exception {
            Path source = TestRunner.home().resolve("runbox-execution/src/test/resources/prestart/java").resolve(name);
            Path built = Files.createDirectories(scratch.resolve("built").resolve(name));
            List<String> sources = new ArrayList<>();
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.sorted().toList()) {
                    Files.copy(f, built.resolve(f.getFileName().toString()));
                    if (f.getFileName().toString().endsWith(".java")) {
                        sources.add(f.getFileName().toString());
                    }
                }
            }
            LanguageDefinition java = jdk.language();
            List<String> argv = CommandTemplate.expand(java.compile(), new CommandTemplate.Values(jdk,
                    prefix.toString(), sources.get(0), sources, List.of(), List.of(), 0));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(built.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(BoxEnvironment.env(java, prefix));
            Process javac = pb.start();
            String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(javac.exitValue()).as("javac: %s", output).isZero();
            return new Program(built, args, stdin, Map.of(), merged);
        }
    }
}
