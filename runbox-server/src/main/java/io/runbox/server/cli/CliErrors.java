package io.runbox.server.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What every {@code runbox} command does when it cannot go on: one line {@code runbox: ...} on stderr, never a
 * stack trace, and exit status {@value #BAD_INPUT} for bad input (an unknown option, a value that does not parse, a
 * file that cannot be read; a command throws {@link ParameterException} or {@link IllegalArgumentException} for
 * these) or {@value #FAILED} for a failure of the work itself (no sandbox, a broken database).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

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
        return e instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
    }

    /** A failure in words: its message, and its cause's when the message alone says little. */
    static String describe(Throwable e) {
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
        if (message == null || message.isBlank()) {
            return e.getCause() != null ? describe(e.getCause()) : "unexpected failure (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replace("Error", "") + ")";
        }
        return message.replace('\n', ' ');
    }

    private static void say(CommandLine cli, String line) {
        PrintWriter err = cli.getErr();
        err.println("runbox: " + line);
        err.flush();
    }
}
