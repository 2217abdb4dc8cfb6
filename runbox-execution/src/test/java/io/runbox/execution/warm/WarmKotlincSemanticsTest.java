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
 * The warm kotlinc through the whole engine, for the newest installed Kotlin (./runbox test installs Kotlin): each
 * request compiled (and run) once by the kotlinc command in a box of its own and once by a warm compiler gives the
 * same result byte for byte: what kotlinc printed (errors with their position, warnings), its exit code and status,
 * and the run of what it wrote. Requests a warm compiler must not see (compiler plugins, argument files, scripts,
 * jars) never reach it and still compile. No compile cache, so that every request compiles.
 */
class WarmKotlincSemanticsTest {
    private static ColdAndWarm engines;

    @BeforeAll
    static void create() throws Exception {
        engines = new ColdAndWarm();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    /** The newest installed Kotlin: each warm Kotlin compiler holds about 450 MB, and the cap is two in all. */
    static Stream<String> kotlins() {
        return ColdAndWarm.versions("kotlin").stream().limit(1);
    }

    private static final String HELLO = """
            fun main(args: Array<String>) {
                println("hello ${args.size}")
            }
            """;

    static Stream<Arguments> programs() {
        return kotlins().flatMap(kotlin -> Stream.of(
                Arguments.of(kotlin, "hello", List.of(SourceFile.of("main.kt", HELLO)), List.of()),
                Arguments.of(kotlin, "unresolved reference", List.of(SourceFile.of("main.kt", """
                        fun main() {
                            val x = undefinedThing + 1
                            println(x)
                        }
                        """)), List.of()),
                Arguments.of(kotlin, "a warning", List.of(SourceFile.of("main.kt", """
                        fun main() {
                            val unused = 3
                            val s: String? = "é"
                            println(s!!.length)
                        }
                        """)), List.of()),
                Arguments.of(kotlin, "-Werror", List.of(SourceFile.of("main.kt", """
                        fun main() {
                            val s: String = "x"
                            println(s!!)
                        }
                        """)), List.of("-Werror")),
                Arguments.of(kotlin, "two files", List.of(SourceFile.of("main.kt", """
                        fun main() {
                            println(greet("runbox"))
                        }
                        """), SourceFile.of("greet.kt", "fun greet(who: String) = \"hi $who\"\n")), List.of()),
                Arguments.of(kotlin, "an uncaught exception in the run", List.of(SourceFile.of("main.kt", """
                        fun main() {
                            throw IllegalStateException("from the run")
                        }
                        """)), List.of()),
                Arguments.of(kotlin, "a language version kotlinc refuses", List.of(SourceFile.of("main.kt", HELLO)),
                        List.of("-language-version", "0.1"))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("programs")
    void aWarmCompileGivesWhatTheKotlincCommandGives(String kotlin, String what, List<SourceFile> files,
                                                     List<String> options) throws Exception {
        awaitWarmCompiler(kotlin);
        engines.assertServedAlike(request(kotlin, files, options));
    }

    static Stream<Arguments> refused() {
        return kotlins().flatMap(kotlin -> Stream.of(
                Arguments.of(kotlin, "a compiler plugin", List.of(SourceFile.of("main.kt", HELLO)),
                        List.of("-Xplugin=/box/evil.jar")),
                Arguments.of(kotlin, "an argument file", List.of(SourceFile.of("main.kt", HELLO),
                        SourceFile.of("args.txt", "-nowarn\n")), List.of("@args.txt")),
                Arguments.of(kotlin, "a script", List.of(SourceFile.of("main.kt", HELLO),
                        SourceFile.of("build.kts", "println(1)\n")), List.of()),
                Arguments.of(kotlin, "a jar", List.of(SourceFile.of("main.kt", HELLO),
                        new SourceFile("evil.jar", new byte[] {'P', 'K', 3, 4})), List.of())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void aRequestThatCouldLoadCodeNeverReachesAWarmCompiler(String kotlin, String what, List<SourceFile> files,
                                                           List<String> options) throws Exception {
        awaitWarmCompiler(kotlin);
        engines.assertNeverServed(request(kotlin, files, options));
    }

    private static ExecRequest request(String kotlin, List<SourceFile> files, List<String> options) {
        return new ExecRequest("kotlin", kotlin, files, new byte[0], List.of(), options, StageLimits.UNSET);
    }

    private static void awaitWarmCompiler(String kotlin) throws Exception {
        engines.awaitWarmCompiler(request(kotlin, List.of(SourceFile.of("main.kt", HELLO)), List.of()));
    }
}
