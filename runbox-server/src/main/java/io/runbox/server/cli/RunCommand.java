package io.runbox.server.cli;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.Quantities;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.server.Runbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one file through the engine: prints its stdout and stderr, then a one-line summary on stderr, and
 * exits with the program's exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one source file in the sandbox.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The source file; its extension picks the language unless --lang is given.")
    Path file;

    @Parameters(index = "1..*", description = "Arguments for the program (after --).")
    List<String> args = new ArrayList<>();

    @Option(names = {"-l", "--lang"}, description = "Language id or alias.")
    String language;

    @Option(names = "--version-selector", description = "Compiler id or version range, such as gcc-12 or >=17.")
    String version;

    @Option(names = "--stdin", description = "A file fed to the program's standard input, or - for this command's own."
            + " Without it, what is piped or redirected into this command is the program's input; a terminal gives none.")
    Path stdin;

    @Option(names = "--time-limit", description = "Wall-time limit of the run, such as 5s or 500ms.")
    String timeLimit;

    @Option(names = "--memory-limit", description = "Memory limit of the run, such as 256m.")
    String memoryLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        byte[] source = read(file, "source file");
        byte[] input = input();
        StageLimits limits = new StageLimits(Limits.UNSET, runLimits());
        RequestRunner runner = Runbox.fromEnvironment().runnerForOneRun();
        String lang = language != null ? language : languageOf(runner, file);
        if (lang == null) {
            System.err.println("runbox: cannot tell the language of " + file + "; pass --lang");
            return CliErrors.BAD_INPUT;
        }
        // The file keeps its own name: a Java class must live in the file named after it (Hello.java).
        String name = runner.catalogue().fileName(lang, 0, file.getFileName().toString());
        ExecRequest request = new ExecRequest(lang, version, List.of(new SourceFile(name, source)), input, args, null,
                limits);
        ExecResult result;
        try {
            result = runner.execute(request);
        } catch (RequestRejectedException e) {
            System.err.println("runbox: " + e.getMessage());
            return CliErrors.BAD_INPUT;
        }
        if (result.compile() != null) {
            // Compiler diagnostics (warnings, or the errors that stopped the run) come first.
            System.out.print(result.compile().stdout());
            System.err.print(result.compile().stderr());
        }
        StageResult shown = result.finalStage();
        System.out.print(result.programStdout());
        System.err.print(result.programStderr());
        System.out.flush();
        boolean endsLine = (shown.stdout() + shown.stderr()).isEmpty() || shown.stderr().endsWith("\n")
                || (shown.stderr().isEmpty() && shown.stdout().endsWith("\n"));
        System.err.printf("%s[runbox] %s %s: status=%s exit=%d%s time=%dms cpu=%dms memory=%dKB%s%n",
                endsLine ? "" : System.lineSeparator(),
                result.compilerId(), result.version(), result.status(), shown.exitCode(),
                shown.signal() == null ? "" : " signal=" + shown.signal(), shown.wallMs(), shown.cpuMs(),
                shown.memoryKb(), shown.truncated() ? " (output truncated)" : "");
        return shown.exitCode();
    }

    private Limits runLimits() {
        Limits l = Limits.UNSET;
        try {
            if (timeLimit != null) {
                l = l.withWallTime(Quantities.duration(timeLimit));
            }
            if (memoryLimit != null) {
                l = l.withMemoryBytes(Quantities.bytes(memoryLimit));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return l;
    }

    /**
     * The program's whole input: the {@code --stdin} file; this command's standard input for {@code --stdin -}, or
     * when that is a pipe or a file (so {@code echo Bob | runbox run hello.py} works); none from a terminal.
     */
    private byte[] input() throws IOException {
        if (stdin != null && !stdin.toString().equals("-")) {
            return read(stdin, "--stdin file");
        }
        if (stdin != null || StandardInput.isPipeOrFile()) {
            return System.in.readAllBytes();
        }
        return null;
    }

    /** A file the user named: bad input (exit 2) when it cannot be read. */
    private byte[] read(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            // Only a FileSystemException names its file ("Is a directory" does not).
            String why = e instanceof java.nio.file.FileSystemException ? CliErrors.describe(e)
                    : path + ": " + CliErrors.describe(e);
            throw new ParameterException(spec.commandLine(), why + " (the " + what + ")");
        }
    }

    private static String languageOf(RequestRunner runner, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : runner.catalogue().byExtension(name.substring(dot + 1))
                .map(InstalledLanguage::id).orElse(null);
    }

}
