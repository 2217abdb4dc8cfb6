package io.runbox.execution.warm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The warm tsc through the whole engine: each request compiled (and run) once by the tsc command in a box of its own
 * and once by a warm compiler gives the same result byte for byte: what tsc printed (type errors, several in two
 * files, syntax errors, its own refusal of an option value, pretty output), its exit code and status, and the run of
 * what it wrote (the run prints the workspace's listing and the emitted JavaScript, source maps and declarations).
 * A request that names the compiler's stdin (the warm compiler's protocol channel) reads nothing of it.
 * Requests a warm compiler must not see (options that read or write files not given or change the compiler for later
 * compiles, a tsconfig.json) never reach it and still compile. No compile cache, so that every request compiles.
 * Skipped when TypeScript is not installed.
 */
class WarmTscSemanticsTest {
    private static ColdAndWarm engines;
    private static String version;

    @BeforeAll
    static void create() throws Exception {
        version = ColdAndWarm.versions("typescript").stream().findFirst().orElse(null);
        assumeTrue(version != null, "TypeScript is not installed");
        engines = new ColdAndWarm();
    }

    @AfterAll
    static void close() {
        if (engines != null) {
            engines.close();
        }
    }

    /** Prints what the compile left: the workspace's files and each emitted file's text. */
    private static final String HELLO = """
            import * as fs from "fs";
            const names: string[] = fs.readdirSync(".").sort();
            console.log("hello", process.argv.length, names.join(" "));
            for (const n of names.filter((n) => !n.endsWith(".ts") || n.endsWith(".d.ts"))) {
              console.log("== " + n + "\\n" + fs.readFileSync(n, "utf8"));
            }
            """;

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("hello", List.of(SourceFile.of("main.ts", HELLO)), List.of()),
                Arguments.of("a type error", List.of(SourceFile.of("main.ts", """
                        const count: number = "three";
                        console.log(count);
                        """)), List.of()),
                Arguments.of("several errors in two files", List.of(SourceFile.of("main.ts", """
                        import { greet, limit } from "./greeter";
                        const n: number = greet(3);
                        let s: string = limit;
                        console.log(n, s, undefinedThing);
                        """), SourceFile.of("greeter.ts", """
                        export function greet(who: string): string { return "hi " + who; }
                        export const limit: number = "ten";
                        function unused(a) { return a.b.c; }
                        """)), List.of()),
                Arguments.of("a syntax error", List.of(SourceFile.of("main.ts", """
                        function f(x: number {
                          return x +;
                        }
                        console.log(f(1);
                        """)), List.of()),
                Arguments.of("--noImplicitAny false", List.of(SourceFile.of("main.ts", """
                        function twice(a) { return a + a; }
                        console.log(twice(21), twice("é"));
                        """)), List.of("--noImplicitAny", "false")),
                Arguments.of("source maps, declarations, a target and libs", List.of(SourceFile.of("main.ts", HELLO),
                        SourceFile.of("lib/shape.ts", """
                        export class Shape { constructor(public readonly sides: number) { } }
                        export const square = new Shape(4);
                        """)), List.of("--sourceMap", "--declaration", "--target", "es2017", "--lib", "es2017,dom")),
                Arguments.of("pretty errors with --noUnusedLocals", List.of(SourceFile.of("main.ts", """
                        function f(): number { const unused = 1; return "x"; }
                        console.log(f());
                        """)), List.of("--pretty", "--noUnusedLocals")),
                Arguments.of("--noEmitOnError with an error", List.of(SourceFile.of("main.ts", """
                        const x: string = 1;
                        """)), List.of("--noEmitOnError")),
                Arguments.of("a value tsc refuses", List.of(SourceFile.of("main.ts", HELLO)),
                        List.of("--target", "es1999")),
                Arguments.of("references to the compiler's stdin (a warm compiler's is its channel)",
                        List.of(SourceFile.of("main.ts", """
                        /// <reference path="/proc/self/fd/0" />
                        /// <reference path="/dev/stdin" />
                        import "/proc/self/fd/0";
                        import * as input from "/dev/stdin";
                        console.log(input);
                        """)), List.of()),
                Arguments.of("an uncaught exception in the run", List.of(SourceFile.of("main.ts", """
                        class Broken extends Error { }
                        function fail(): never { throw new Broken("from the run"); }
                        fail();
                        """)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void aWarmCompileGivesWhatTheTscCommandGives(String what, List<SourceFile> files, List<String> options)
            throws Exception {
        awaitWarmCompiler();
        engines.assertServedAlike(request(files, options));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a tsconfig.json", List.of(SourceFile.of("main.ts", HELLO),
                        SourceFile.of("tsconfig.json", "{\"compilerOptions\": {\"outDir\": \"/tmp/out\"}}\n")), List.of()),
                Arguments.of("--project", List.of(SourceFile.of("main.ts", HELLO)), List.of("--project", ".")),
                Arguments.of("an argument file", List.of(SourceFile.of("main.ts", HELLO),
                        SourceFile.of("args.txt", "--noImplicitAny false\n")), List.of("@args.txt")),
                Arguments.of("an output outside the workspace", List.of(SourceFile.of("main.ts", HELLO)),
                        List.of("--outDir", "/tmp/out")),
                Arguments.of("type roots elsewhere", List.of(SourceFile.of("main.ts", HELLO)),
                        List.of("--typeRoots", "/tmp")),
                Arguments.of("a locale", List.of(SourceFile.of("main.ts", "const x: string = 1;\n")),
                        List.of("--locale", "de")),
                Arguments.of("--watch", List.of(SourceFile.of("main.ts", HELLO)), List.of("--watch", "false")),
                Arguments.of("another spelling of an option", List.of(SourceFile.of("main.ts", HELLO)),
                        List.of("--NOIMPLICITANY", "false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aRequestThatCouldReadOrLeaveFilesNeverReachesAWarmCompiler(String what, List<SourceFile> files,
                                                                   List<String> options) throws Exception {
        awaitWarmCompiler();
        engines.assertNeverServed(request(files, options));
    }

    private static ExecRequest request(List<SourceFile> files, List<String> options) {
        return new ExecRequest("typescript", version, files, new byte[0], List.of(), options, StageLimits.UNSET);
    }

    private static void awaitWarmCompiler() throws Exception {
        engines.awaitWarmCompiler(request(List.of(SourceFile.of("main.ts", HELLO)), List.of()));
    }
}
