package io.runbox.server.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What every {@code runbox} command does when it cannot go on: one line {@code runbox: ...} on stderr, never a
 * stack trace, and exit status {@value #BAD_INPUT} for bad input (an unknown option, a value that does not parse, a
 * file that cannot be read; a command throws {@link ParameterException} or {@link IllegalArgumentException} for
 * these) or {@value #FAILED} for a failure of the work itself (no sandbox, a broken database). This holds for
 * whatever a command throws, {@link Error}s included, and for what fails outside picocli's own handling ({@link #run}).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;
    /** What {@link Throwable#toString} puts before a message: {@code java.lang.IllegalStateException: }. */
    private static final Pattern CLASS_NAME = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    /**
     * Runs a whole command and returns its exit status: what escapes it (an {@link Error} picocli lets through,
     * a failure inside a handler) is one line on stderr and {@value #FAILED}, never a stack trace.
     */
    static int run(IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (Throwable e) {
            System.err.println("runbox: " + describe(e));
            System.err.flush();
            return e instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
        }
    }

    /** Installs the handlers on {@code cli} and every subcommand. */
    static CommandLine install(CommandLine cli) {
        CliErrors errors = new CliErrors();
        return cli.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        say(e.getCommandLine(), e.getMessage() + " (see '" + command + " --help')");
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        say(cli, describe(e));
        return telling(e) instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
    }

    /**
     * The failure whose message says what went wrong: {@code e}, or its cause when {@code e} only wraps it (picocli's
     * wrapper of what a command threw, no message of its own, or the cause's {@code toString} as its message, as
     * {@code new RuntimeException(cause)} makes).
     */
    static Throwable telling(Throwable e) {
        Throwable cause = e.getCause();
        String message = e.getMessage();
        boolean wraps = e instanceof CommandLine.ExecutionException || message == null || message.isBlank() || message.equals(String.valueOf(cause));
        return cause != null && cause != e && wraps ? telling(cause) : e;
    }

    /** A failure in words: its message, or its cause's when it only wraps the cause; never a Java class name. */
    static String describe(Throwable thrown) {
        Throwable e = telling(thrown);
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
        }
        String message = e.getMessage();
        if (e instanceof LinkageError) {
            return "this build of Runbox does not fit together (missing: " + message + "); rebuild it with"
                    + " 'rm -rf runbox-server/target && ./runbox setup'";
        }
        if (message == null || message.isBlank()) {
            return "unexpected failure (" + e.getClass().getSimpleName().replace("Exception", "").replace("Error", "")
                    + ")";
        }
        return CLASS_NAME.matcher(message.replace('\n', ' ')).replaceFirst("");
    }

    private static void say(CommandLine cli, String line) {
        PrintWriter err = cli.getErr();
        err.println("runbox: " + line);
        err.flush();
    }
}
