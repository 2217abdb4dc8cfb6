package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.runbox.core.Diagnostic;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diagnostics on the stages of real runs, through the real sandbox. */
class RequestDiagnosticsTest {
    private final RequestRunner runner = TestRunner.runner();

    @Test
    void aCCompileErrorIsAtItsLineAndColumn() throws Exception {
        ExecResult r = TestRunner.run("c", "#include <stdio.h>\n\nint main(void) {\n    return missing;\n}\n");
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().diagnostics()).containsExactly(
                new Diagnostic("main.c", 4, 12, "error", "‘missing’ undeclared (first use in this function)"),
                new Diagnostic("main.c", 4, 12, "note", "each undeclared identifier is reported only once for each"
                        + " function it appears in"));
    }

    @Test
    void aWarningOfACompileThatSucceededComesBackAlsoFromTheKeptCompileAndTheRunHasNone() throws Exception {
        // A comment makes the request new: a kept compile must not answer the first one.
        String code = "// " + System.nanoTime() + "\nint main(void) {\n    int x = \"s\";\n    return 3;\n}\n";
        ExecResult r = TestRunner.run("c", code);
        assertThat(r.run().exitCode()).isEqualTo(3);
        assertThat(r.compile().wallMs()).isPositive();
        assertThat(r.compile().diagnostics()).extracting(Diagnostic::file, Diagnostic::line, Diagnostic::column,
                Diagnostic::severity).containsExactly(tuple("main.c", 3, 13, "warning"));
        assertThat(r.run().diagnostics()).isEmpty();
        // The same request again starts from the kept compile (no compile time), which reports the same diagnostics.
        ExecResult again = TestRunner.run("c", code);
        assertThat(again.compile().wallMs()).isZero();
        assertThat(again.compile().diagnostics()).isEqualTo(r.compile().diagnostics());
    }

    @Test
    void aJavaCompileErrorTakesItsColumnFromJavacsCaretWhicheverCompilerServedIt() throws Exception {
        ExecResult r = TestRunner.run("java", "public class Main {\n    public static void main(String[] a) {\n"
                + "        int n = \"" + System.nanoTime() + "\";\n    }\n}\n");
        assertThat(r.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().diagnostics()).containsExactly(new Diagnostic("Main.java", 3, 17, "error",
                "incompatible types: String cannot be converted to int"));
    }

    @Test
    void aPythonTracebackIsAtTheDeepestLineInTheProgramsFiles() throws Exception {
        ExecResult r = runner.execute(new ExecRequest("python", null, List.of(
                SourceFile.of("main.py", "import helper\n\nhelper.parse('x')\n"),
                SourceFile.of("helper.py", "import json\n\ndef parse(text):\n    return json.loads(text)\n")),
                new byte[0], List.of(), null, null));
        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.run().diagnostics()).containsExactly(new Diagnostic("helper.py", 4, 0, "error",
                "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"));
    }

    @Test
    void aPythonRunThatSucceededHasNoDiagnosticsWhateverItPrints() throws Exception {
        ExecResult r = TestRunner.run("python", "import sys\nsys.stderr.write('Traceback (most recent call last):\\n"
                + "  File \"main.py\", line 1, in <module>\\nValueError: not really\\n')\n");
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.run().diagnostics()).isEmpty();
    }

    @Test
    void aPreparedProgramsCompileStageHasItsDiagnostics() throws Exception {
        PreparedProgram p = runner.prepare(ExecRequest.of("c", SourceFile.of("main.c",
                "// " + System.nanoTime() + "\nint main(void) { return y; }\n")));
        assertThat(p.runnable()).isFalse();
        assertThat(p.compile().diagnostics()).extracting(Diagnostic::severity, Diagnostic::line, Diagnostic::column)
                .containsExactly(tuple("error", 2, 25),
                        tuple("note", 2, 25));
    }
}
