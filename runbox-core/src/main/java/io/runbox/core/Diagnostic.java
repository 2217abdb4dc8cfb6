package io.runbox.core;

/**
 * A compiler's or interpreter's message about a place in the program, parsed from what it printed.
 *
 * @param file     the file it names, relative to the workspace as the program's files are named
 * @param line     1-based line, or 0 when the message names none
 * @param column   1-based column, or 0 when it names none
 * @param severity {@code error}, {@code warning} or {@code note}
 * @param message  the message, without the place
 */
public record Diagnostic(String file, int line, int column, String severity, String message) {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String NOTE = "note";
}
