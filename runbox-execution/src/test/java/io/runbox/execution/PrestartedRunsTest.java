package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pre-started runtimes through the whole engine: the same request, once in a box of its own with nothing reused
 * (reused boxes off) and once served by a python or node runtime a reused box started ahead of it, gives the same
 * result byte for byte: stdout, stderr, exit code, signal and status. The programs are the hook's corpus
 * ({@code catalogue/PrestartSemanticsTest}): argv, sys.path and modules, environment, descriptors, tracebacks,
 * exit statuses and signals, stdin, interleaved output, workers; and for Java, on every installed JDK, the JVM hook's
 * ({@code catalogue/JavaPrestartSemanticsTest}).
 */
class PrestartedRunsTest {
    private static final Path CORPUS = Path.of("src/test/resources/prestart");

    private static ExecutionConfig config;
    private static Catalogue catalogue;
    private static RequestRunner cold;
    private static RequestRunner reused;
    private static BubblewrapSandbox coldSandbox;
    private static BubblewrapSandbox reusedSandbox;

    @BeforeAll
    static void create() throws Exception {
        SandboxConfig sc = SandboxConfig.defaults(TestRunner.home().resolve("runbox-sandbox/target/runbox-boxlaunch"));
        config = ExecutionConfig.defaults(TestRunner.home());
        catalogue = Catalogue.probe(config.languagesDir(), config.prefix());
        coldSandbox = BubblewrapSandbox.create(sc.withReuseBoxes(false).withWarmBoxes(0));
        reusedSandbox = BubblewrapSandbox.create(sc);
        cold = new RequestRunner(catalogue, coldSandbox, config);
        reused = new RequestRunner(catalogue, reusedSandbox, config);
        // Each sandbox of a process builds a language's /etc snapshot when it first needs it, under a name of the
        // process's (EtcSnapshots), replacing the one another sandbox built: a long-lived box of the reused sandbox
        // that bound the replaced one sees an empty /etc (no passwd, no JDK config). The one-run sandbox, which keeps
        // no box, builds every snapshot these tests need first.
        for (String language : List.of("python", "javascript")) {
            cold.execute(request(language, "hello", List.of(), ""));
        }
        for (Compiler jdk : hostJdks()) {
            cold.execute(request("java", "hello", List.of(), "").withVersion(jdk.id()));
        }
    }

    @AfterAll
    static void close() {
        coldSandbox.close();
        reusedSandbox.close();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                program("python", "hello", List.of(), ""),
                program("python", "identity", List.of("", "é", "--flag", "two words"), ""),
                program("python", "traceback", List.of(), ""),
                program("python", "exit-status", List.of(), ""),
                program("python", "exit-message", List.of(), ""),
                program("python", "signal-term", List.of(), ""),
                program("python", "signal-segv", List.of(), ""),
                program("python", "stdin", List.of(), "Ada\n36\nmore\nlines\n"),
                program("python", "interleave", List.of(), ""),
                program("python", "files", List.of(), ""),
                program("python", "syntax-error", List.of(), ""),
                program("python", "scientific", List.of(), ""),
                program("javascript", "hello", List.of(), ""),
                program("javascript", "identity", List.of("", "é", "--flag", "two words"), ""),
                program("javascript", "uncaught", List.of(), ""),
                program("javascript", "exit-code", List.of(), ""),
                program("javascript", "exit-call", List.of(), ""),
                program("javascript", "rejection", List.of(), ""),
                program("javascript", "signal-term", List.of(), ""),
                program("javascript", "signal-segv", List.of(), ""),
                program("javascript", "stdin-sync", List.of(), "one\ntwo\n\nfour"),
                program("javascript", "readline", List.of(), "one\ntwo\n\nfour"),
                program("javascript", "interleave", List.of(), ""),
                program("javascript", "worker", List.of("a"), ""));
    }

    private static Arguments program(String language, String name, List<String> args, String stdin) {
        return Arguments.of(language, name, args, stdin);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("corpus")
    void aPrestartedRunGivesWhatAColdRunGives(String language, String name, List<String> args, String stdin)
            throws Exception {
        ExecRequest request = request(language, name, args, stdin);
        ExecResult fresh = cold.execute(request);

        ExecResult prestarted = servedPrestarted(request);

        assertThat(prestarted.run().stdout()).as("stdout").isEqualTo(fresh.run().stdout());
        assertThat(prestarted.run().stderr()).as("stderr").isEqualTo(fresh.run().stderr());
        assertThat(prestarted.run().exitCode()).as("exit code").isEqualTo(fresh.run().exitCode());
        assertThat(prestarted.run().signal()).as("signal").isEqualTo(fresh.run().signal());
        assertThat(prestarted.run().status()).as("status").isEqualTo(fresh.run().status());
    }

    static Stream<Arguments> javaCorpus() {
        List<Arguments> all = new ArrayList<>();
        for (Compiler jdk : hostJdks()) {
            for (String name : List.of("hello", "uncaught", "exit-status", "halt", "files", "no-main-method",
                    "interleave")) {
                all.add(Arguments.of(jdk.id(), name, List.of(), ""));
            }
            all.add(Arguments.of(jdk.id(), "identity", List.of("", "é", "--flag", "two words", "-cp"), ""));
            all.add(Arguments.of(jdk.id(), "stdin", List.of(), "Ada\n36\nmore\n\nlines"));
        }
        return all.stream();
    }

    /**
     * A Java run stage served by a JVM pre-started with its hook, on every installed JDK, gives what a run in a box of
     * its own gives (the class files compiled in the box, as for any request).
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("javaCorpus")
    void aPrestartedJvmGivesWhatAColdRunGives(String jdk, String name, List<String> args, String stdin)
            throws Exception {
        ExecRequest request = request("java", name, args, stdin).withVersion(jdk);
        ExecResult fresh = cold.execute(request);

        ExecResult prestarted = servedPrestarted(request);

        assertThat(fresh.compile().status()).as("compiled").isEqualTo(io.runbox.core.Status.OK);
        assertThat(prestarted.run().stdout()).as("stdout").isEqualTo(fresh.run().stdout());
        assertThat(prestarted.run().stderr()).as("stderr").isEqualTo(fresh.run().stderr());
        assertThat(prestarted.run().exitCode()).as("exit code").isEqualTo(fresh.run().exitCode());
        assertThat(prestarted.run().signal()).as("signal").isEqualTo(fresh.run().signal());
        assertThat(prestarted.run().status()).as("status").isEqualTo(fresh.run().status());
        assertThat(fresh.run().stdout() + fresh.run().stderr()).as("the program ran").isNotEmpty();
    }

    /**
     * A figure, not a check: the wall time of a Java hello run stage (its compile a cache hit) through the engine,
     * served by a pre-started JVM and by a new box, against a bare {@code java} of the same command on the host;
     * interleaved, with a pause between rounds (the pre-start happens in it). (A third sandbox for a reused box
     * without pre-start would replace this process's /etc snapshots under the reused sandbox's boxes; see
     * {@link #create}.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void javaHelloRunStageFigures(String jdkId) throws Exception {
        Compiler jdk = catalogue.compiler(jdkId).orElseThrow();
        ExecRequest hello = request("java", "hello", List.of(), "").withVersion(jdk.id());
        Map<String, RequestRunner> runners = new LinkedHashMap<>();
        runners.put("pre-started JVM", new RequestRunner(catalogue, reusedSandbox, config));
        runners.put("new box", cold);
        Path bareDir = Files.createTempDirectory("bare-java");
        List<String> bare = bareJava(jdk, bareDir);
        Map<String, List<Long>> wall = new LinkedHashMap<>();
        wall.put("bare java", new ArrayList<>());
        runners.keySet().forEach(k -> wall.put(k, new ArrayList<>()));
        for (RequestRunner r : runners.values()) { // compiled and cached; the pre-start after a cache hit
            r.execute(hello);
            r.execute(hello);
        }
        long servedBefore = reusedSandbox.prestartedRuns();
        int rounds = 11;
        for (int i = 0; i < rounds; i++) {
            Thread.sleep(300);
            long t = System.nanoTime();
            Process p = new ProcessBuilder(bare).directory(bareDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor()).isZero();
            wall.get("bare java").add(System.nanoTime() - t);
            for (Map.Entry<String, RequestRunner> e : runners.entrySet()) {
                t = System.nanoTime();
                ExecResult r = e.getValue().execute(hello);
                wall.get(e.getKey()).add(System.nanoTime() - t);
                assertThat(r.run().stdout()).isEqualTo("Hello, world!\n");
            }
        }
        double bareMedian = median(wall.get("bare java"));
        System.out.printf("java hello run stage (%s, compile cache hit), medians of %d interleaved rounds;"
                + " %d of %d pre-start runs served pre-started:%n", jdk.id(), rounds,
                reusedSandbox.prestartedRuns() - servedBefore, rounds);
        wall.forEach((mode, nanos) -> System.out.printf("  %-16s %7.1f ms  p90 %7.1f ms  %.2fx bare%n", mode,
                median(nanos) / 1e6, percentile(nanos, 0.9) / 1e6, median(nanos) / bareMedian));
    }

    /**
     * The JDKs of the host's own system: a fresh machine's (root images' JDKs run the same hook, and their self-tests
     * run in {@code ./runbox languages test}), and the bare runs of the benchmark start them from the host.
     */
    static List<Compiler> hostJdks() {
        return catalogue.find("java").orElseThrow().compilers().stream().filter(c -> c.root() == null).toList();
    }

    static Stream<String> jdks() {
        return hostJdks().stream().map(Compiler::id);
    }

    /** The catalogue's run command of {@code jdk} for {@code Main}, with {@code Main.class} compiled into {@code dir}. */
    private static List<String> bareJava(Compiler jdk, Path dir) throws Exception {
        Files.writeString(dir.resolve("Main.java"), Files.readString(CORPUS.resolve("java/hello/Main.java")));
        Path javac = jdk.tool();
        assertThat(new ProcessBuilder(javac.toString(), "-d", ".", "Main.java").directory(dir.toFile()).inheritIO()
                .start().waitFor()).isZero();
        long memory = new LimitResolver(config).resolve(jdk.language(), io.runbox.core.StageLimits.UNSET).run()
                .memoryBytes();
        return CommandTemplate.expand(jdk.language().run(), new CommandTemplate.Values(jdk, config.prefix().toString(),
                "Main.java", List.of("Main.java"), List.of(), List.of(), memory));
    }

    private static double median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Long> values, double q) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("python", "main.py",
                        "import builtins, sys, json\n"
                                + "builtins.print = lambda *a, **k: sys.stdout.write('patched\\n')\n"
                                + "sys.modules['json'] = 'tampered'\n"
                                + "sys.path.insert(0, '/tmp/evil')\n"
                                + "import os; os.environ['LEAK'] = '1'\n",
                        "import sys, json, os\n"
                                + "print('print', print.__module__)\n"
                                + "print('json', type(sys.modules['json']).__name__)\n"
                                + "print('path', '/tmp/evil' in sys.path)\n"
                                + "print('env', 'LEAK' in os.environ)\n",
                        "print builtins\njson module\npath False\nenv False\n"),
                Arguments.of("javascript", "main.js",
                        "globalThis.leak = 'A'; console.log = () => process.stdout.write('patched\\n');\n"
                                + "require('path').join = () => 'tampered'; process.env.LEAK = '1';\n",
                        "console.log('global', typeof globalThis.leak);\n"
                                + "console.log('join', require('path').join('a', 'b'));\n"
                                + "console.log('env', 'LEAK' in process.env);\n",
                        "global undefined\njoin a/b\nenv false\n"),
                // The JVM's hook is a library every pre-started JVM of the box loads: a run cannot change it.
                Arguments.of("java", "Main.java",
                        "import java.nio.file.*;\n"
                                + "public class Main { public static void main(String[] a) throws Exception {\n"
                                + "  System.setProperty(\"leak\", \"A\");\n"
                                + "  Path hook = Path.of(\"/.runbox/prestart/librunbox-jvm-hold.so\");\n"
                                + "  try { Files.write(hook, new byte[] {1}); } catch (Exception e) { }\n"
                                + "  try { Files.delete(hook); } catch (Exception e) { }\n"
                                + "  try { Files.move(hook, Path.of(\"/tmp/x\")); } catch (Exception e) { }\n"
                                + "}}\n",
                        "import java.nio.file.*;\n"
                                + "public class Main { public static void main(String[] a) throws Exception {\n"
                                + "  System.out.println(\"property \" + System.getProperty(\"leak\"));\n"
                                + "  Path hook = Path.of(\"/.runbox/prestart/librunbox-jvm-hold.so\");\n"
                                + "  System.out.println(\"hook \" + (Files.size(hook) > 4096));\n"
                                + "}}\n",
                        "property null\nhook true\n"));
    }

    /**
     * A runtime pre-started after a run is a new process: what that run did to its interpreter (a patched
     * {@code print}, a replaced module, a global, the environment, a system property) is not there for the next run,
     * which is served by the runtime started after it; nor can a run change the hook the next one loads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void whatARunDidToItsInterpreterIsGoneForTheNext(String language, String file, String tamper, String check,
                                                     String clean) throws Exception {
        ExecRequest tampering = new ExecRequest(language, null, List.of(SourceFile.of(file, tamper)), null, null, null,
                null);
        ExecRequest checking = new ExecRequest(language, null, List.of(SourceFile.of(file, check)), null, null, null,
                null);
        for (int attempt = 0; attempt < 10; attempt++) {
            reused.execute(tampering);
            long before = reusedSandbox.prestartedRuns();
            ExecResult r = reused.execute(checking);
            if (reusedSandbox.prestartedRuns() - before == 1) {
                assertThat(r.run().stdout()).isEqualTo(clean);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the check was never served by the runtime pre-started after the tampering run");
    }

    /**
     * The result of {@code request} served by a pre-started runtime. A run leaves its box with the same command
     * pre-started for the next request, off the request's thread: the request is sent again (a few times at most)
     * until one was served so.
     */
    private static ExecResult servedPrestarted(ExecRequest request) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            long before = reusedSandbox.prestartedRuns();
            ExecResult r = reused.execute(request);
            if (reusedSandbox.prestartedRuns() - before == 1) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run of " + request.language() + " was served by a pre-started runtime");
    }

    private static ExecRequest request(String language, String name, List<String> args, String stdin)
            throws IOException {
        Path dir = CORPUS.resolve(language).resolve(name);
        List<SourceFile> files = new ArrayList<>();
        String main = switch (language) {
            case "python" -> "main.py";
            case "java" -> "Main.java";
            default -> "main.js";
        };
        files.add(SourceFile.of(main, Files.readString(dir.resolve(main))));
        try (Stream<Path> all = Files.list(dir)) {
            for (Path f : all.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!n.equals(main) && Files.isRegularFile(f)) {
                    files.add(SourceFile.of(n, Files.readString(f)));
                }
            }
        }
        return new ExecRequest(language, null, files, stdin.getBytes(StandardCharsets.UTF_8), args, null, null);
    }
}
