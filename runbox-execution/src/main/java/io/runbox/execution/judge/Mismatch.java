package io.runbox.execution.judge;

/**
 * Where an output first differs from the expected one: 1-based line and column in the program's output (for
 * {@code tokens} and {@code float}, where the differing token starts), and the two lines there, each cut to
 * {@value #EXCERPT} characters ({@code null} when that side has no such line).
 */
public record Mismatch(int line, int column, String expected, String actual) {
    /** The most characters of a line shown. */
    public static final int EXCERPT = 200;

    static String excerpt(String line) {
        if (line == null) {
            return null;
        }
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
    }
}
