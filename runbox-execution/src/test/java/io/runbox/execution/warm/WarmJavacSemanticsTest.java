package io.runbox.execution.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.TestRunner;
import io.runbox.execution.catalogue.Catalogue;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The warm javac through the whole engine: each request compiled (and run) once by the javac command in a box of its
 * own and once by a warm compiler gives the same result byte for byte, for every installed JDK: what javac printed
 * (errors with their source line and caret, warnings, notes), its exit code and status, and the run of what it
 * wrote (classes in packages, several files). Requests a warm compiler must not see (options that load code or read
 * files, class files, META-INF) never reach it and still compile. No compile cache, so that every request compiles.
 */
class WarmJavacSemanticsTest {
    private static RequestRunner cold;
    private static RequestRunner warm;

    @BeforeAll
    static void create() throws Exception {
        ExecutionConfig base = ExecutionConfig.defaults(TestRunner.home());
        ExecutionConfig noCache = new ExecutionConfig(base.languagesDir(), base.prefix(), base.defaults(),
                base.perLanguage(), base.maxCodeBytes(), base.maxStdinBytes(), base.maxFiles(), 0, 2);
        Catalogue catalogue = Catalogue.probe(base.languagesDir(), base.prefix());
        cold = new RequestRunner(catalogue, TestRunner.sandbox(), noCache.withWarmCompilers(0));
        warm = new RequestRunner(catalogue, TestRunner.sandbox(), noCache);
    }

    @AfterAll
    static void close() {
        warm.close();
        cold.close();
    }

    static Stream<String> jdks() {
        return TestRunner.runner().catalogue().languages().stream().filter(l -> l.id().equals("java"))
                .flatMap(l -> l.compilers().stream()).map(c -> c.version().toString());
    }

    private static final String HELLO = """
            public class Main {
                public static void main(String[] args) {
                    System.out.println("hello " + args.length);
                }
            }
            """;

    static Stream<Arguments> programs() {
        return jdks().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "hello", List.of(SourceFile.of("Main.java", HELLO)), List.of()),
                Arguments.of(jdk, "unknown symbol", List.of(SourceFile.of("Main.java", """
                        public class Main {
                            public static void main(String[] args) {
                                int x = undefinedThing + 1;
                                System.out.println(x);
                            }
                        }
                        """)), List.of()),
                Arguments.of(jdk, "syntax error in a second file", List.of(SourceFile.of("Main.java", HELLO),
                        SourceFile.of("Other.java", "class Other { void f() { int y = ; } }\n")), List.of()),
                Arguments.of(jdk, "warnings with -Xlint:all", List.of(SourceFile.of("Main.java", """
                        import java.util.*;
                        public class Main {
                            @Deprecated static void old() { }
                            public static void main(String[] args) {
                                List raw = new ArrayList();
                                raw.add("é");
                                old();
                                System.out.println(raw);
                            }
                        }
                        """)), List.of("-Xlint:all")),
                Arguments.of(jdk, "notes without -Xlint", List.of(SourceFile.of("Main.java", """
                        import java.util.*;
                        public class Main {
                            public static void main(String[] args) {
                                List raw = new ArrayList();
                                raw.add(1);
                                System.out.println(raw + " " + new Date(0).getYear());
                            }
                        }
                        """)), List.of()),
                Arguments.of(jdk, "-Werror", List.of(SourceFile.of("Main.java", """
                        public class Main {
                            public static void main(String[] args) {
                                Integer i = new Integer(3);
                                System.out.println(i);
                            }
                        }
                        """)), List.of("-Xlint:all", "-Werror")),
                Arguments.of(jdk, "packages in folders", List.of(SourceFile.of("Main.java", """
                        import app.util.Greeter;
                        public class Main {
                            public static void main(String[] args) {
                                System.out.println(new Greeter().greet("box"));
                                System.exit(3);
                            }
                        }
                        """), SourceFile.of("app/util/Greeter.java", """
                        package app.util;
                        public class Greeter {
                            public String greet(String who) { return "hi " + who; }
                        }
                        """)), List.of("-g", "-parameters")),
                Arguments.of(jdk, "an option javac refuses", List.of(SourceFile.of("Main.java", HELLO)),
                        List.of("-Xlint:nosuchkey,all", "--release", "8")),
                Arguments.of(jdk, "an uncaught exception in the run", List.of(SourceFile.of("Main.java", """
                        public class Main {
                            public static void main(String[] args) {
                                throw new IllegalStateException("from the run");
                            }
                        }
                        """)), List.of())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("programs")
    void aWarmCompileGivesWhatTheJavacCommandGives(String jdk, String what, List<SourceFile> files, List<String> options)
            throws Exception {
        awaitWarmCompiler(jdk);
        ExecRequest request = request(jdk, files, options);
        long servedBefore = warm.warmCompilers().served();
        ExecResult inItsOwnBox = cold.execute(request);
        ExecResult warmed = warm.execute(request);
        assertThat(warm.warmCompilers().served()).as("served by the warm compiler").isEqualTo(servedBefore + 1);
        assertSame(warmed.compile(), inItsOwnBox.compile());
        if (inItsOwnBox.run() == null) {
            assertThat(warmed.run()).isNull();
        } else {
            assertSame(warmed.run(), inItsOwnBox.run());
        }
    }

    static Stream<Arguments> refused() {
        return jdks().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "an annotation processor option", List.of(SourceFile.of("Main.java", HELLO)),
                        List.of("-processor", "Evil")),
                Arguments.of(jdk, "an argument file", List.of(SourceFile.of("Main.java", HELLO),
                        SourceFile.of("args.txt", "-Xlint:all\n")), List.of("@args.txt")),
                Arguments.of(jdk, "a launcher option", List.of(SourceFile.of("Main.java", HELLO)), List.of("-J-Xmx1m")),
                Arguments.of(jdk, "a processor's service file", List.of(SourceFile.of("Main.java", HELLO),
                        SourceFile.of("META-INF/services/javax.annotation.processing.Processor", "Evil\n")), List.of()),
                Arguments.of(jdk, "a class file", List.of(SourceFile.of("Main.java", HELLO),
                        new SourceFile("Evil.class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe})),
                        List.of())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void aRequestThatCouldLoadCodeNeverReachesAWarmCompiler(String jdk, String what, List<SourceFile> files,
                                                           List<String> options) throws Exception {
        awaitWarmCompiler(jdk);
        ExecRequest request = request(jdk, files, options);
        long servedBefore = warm.warmCompilers().served();
        ExecResult inItsOwnBox = cold.execute(request);
        ExecResult warmed = warm.execute(request);
        assertThat(warm.warmCompilers().served()).as("not sent to the warm compiler").isEqualTo(servedBefore);
        assertSame(warmed.compile(), inItsOwnBox.compile());
    }

    private static ExecRequest request(String jdk, List<SourceFile> files, List<String> options) {
        return new ExecRequest("java", jdk, files, new byte[0], List.of(), options, StageLimits.UNSET);
    }

    private static void assertSame(StageResult actual, StageResult expected) {
        assertThat(actual.stdout()).isEqualTo(expected.stdout());
        assertThat(actual.stderr()).isEqualTo(expected.stderr());
        assertThat(actual.exitCode()).isEqualTo(expected.exitCode());
        assertThat(actual.signal()).isEqualTo(expected.signal());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.truncated()).isEqualTo(expected.truncated());
    }

    /** Sends hello until a warm compiler of {@code jdk} served one (the first compiles start it). */
    private static void awaitWarmCompiler(String jdk) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        ExecRequest hello = request(jdk, List.of(SourceFile.of("Main.java", HELLO)), List.of());
        while (true) {
            long before = warm.warmCompilers().served();
            warm.execute(hello);
            if (warm.warmCompilers().served() > before) {
                return;
            }
            assertThat(System.nanoTime()).as("a warm compiler of " + jdk + " started").isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
