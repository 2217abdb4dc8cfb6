package io.runbox.server.cli;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.Status;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.server.Runbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs every installed compiler's self-test ({@code test.<ext>} in its language folder) in the real sandbox and
 * prints the matrix: compiler, version, compile and run wall time, memory, verdict. Fails when any row fails.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Self-test every installed compiler (or those of the named languages) in the sandbox.")
final class LanguagesTestCommand implements Callable<Integer> {
    static final String KNOWN_LINE = "Hello from Runbox in ";

    @Parameters(description = "Languages to test (all installed when none is named).")
    List<String> names = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RequestRunner runner = Runbox.fromEnvironment().runnerForOneRun();
        List<InstalledLanguage> languages = new ArrayList<>();
        for (String name : names) {
            languages.add(runner.catalogue().find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    runner.catalogue().unknownLanguage(name) + " (or it is not installed)")));
        }
        if (names.isEmpty()) {
            languages.addAll(runner.catalogue().languages());
        }
        String fmt = "%-14s %-18s %-14s %10s %8s %10s  %s%n";
        System.out.printf(fmt, "LANGUAGE", "COMPILER", "VERSION", "COMPILE MS", "RUN MS", "MEMORY KB", "VERDICT");
        int rows = 0;
        int failed = 0;
        for (InstalledLanguage l : languages) {
            for (Compiler c : l.compilers()) {
                rows++;
                Row row = selfTest(runner, c);
                failed += row.passed ? 0 : 1;
                System.out.printf(fmt, l.id(), c.id(), c.version(), row.compileMs, row.runMs, row.memoryKb, row.verdict);
            }
        }
        long languagesTested = languages.size();
        System.out.printf("%n%d languages, %d compilers: %d passed, %d failed%n", languagesTested, rows, rows - failed,
                failed);
        return failed == 0 ? 0 : CliErrors.FAILED;
    }

    private record Row(boolean passed, String compileMs, String runMs, String memoryKb, String verdict) {
    }

    private static Row selfTest(RequestRunner runner, Compiler c) {
        LanguageDefinition lang = c.language();
        try {
            ExecResult r = runner.execute(ExecRequest.of(lang.id(), new SourceFile(lang.sourceFile(),
                    Files.readAllBytes(testFile(lang.dir())))).withVersion(c.id()));
            String compileMs = r.compile() == null ? "-" : Long.toString(r.compile().wallMs());
            String runMs = r.run() == null ? "-" : Long.toString(r.run().wallMs());
            String memory = r.run() == null ? "-" : Long.toString(r.run().memoryKb());
            boolean ok = r.status() == Status.OK && r.run() != null && r.run().stdout().startsWith(KNOWN_LINE)
                    && c.id().equals(r.compilerId());
            String verdict = ok ? "ok" : "FAILED: " + r.status() + " " + firstLine(r.run() == null
                    ? (r.compile() == null ? "" : r.compile().stderr()) : r.run().stdout() + r.run().stderr());
            return new Row(ok, compileMs, runMs, memory, verdict);
        } catch (Exception e) {
            return new Row(false, "-", "-", "-", "FAILED: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).replaceAll("\\p{Cntrl}", "?");
    }

    private static Path testFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("test.")).findFirst()
                    .orElseThrow(() -> new IOException("no test.<ext> in " + dir));
        }
    }
}
