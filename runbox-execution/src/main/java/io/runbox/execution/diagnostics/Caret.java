package io.runbox.execution.diagnostics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A line that points at a column of the source line above it: blanks, then {@code ^} (and {@code ~} or more). */
final class Caret {
    private static final Pattern CARET = Pattern.compile("( *)\\^[~^]*\\s*");

    private Caret() {
    }

    /** The 1-based column {@code line} points at, or 0 when it is no caret line. */
    static int column(CharSequence line) {
        Matcher m = CARET.matcher(line);
        return m.matches() ? m.group(1).length() + 1 : 0;
    }
}
