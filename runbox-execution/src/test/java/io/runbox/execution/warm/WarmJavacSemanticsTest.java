package io.runbox.execution.warm;

import io.runbox.core.ExecRequest;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
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
    private static ColdAndWarm engines;

    @BeforeAll
    static void create() throws Exception {
        engines = new ColdAndWarm();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    static Stream<String> jdks() {
        return ColdAndWarm.versions("java").stream();
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
        engines.assertServedAlike(request(jdk, files, options));
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
        engines.assertNeverServed(request(jdk, files, options));
    }

    private static ExecRequest request(String jdk, List<SourceFile> files, List<String> options) {
        return new ExecRequest("java", jdk, files, new byte[0], List.of(), options, StageLimits.UNSET);
    }

    private static void awaitWarmCompiler(String jdk) throws Exception {
        engines.awaitWarmCompiler(request(jdk, List.of(SourceFile.of("Main.java", HELLO)), List.of()));
    }
}
