package io.runbox.execution.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a program's output is compared with the expected output. The one place for each rule:
 * <ul>
 *   <li>{@code exact}: the same characters.</li>
 *   <li>{@code lines}: Judge0's rule. Each line loses its trailing whitespace, then the whole text loses its leading
 *       and trailing whitespace; the rest must be the same.</li>
 *   <li>{@code tokens}: the same whitespace-separated tokens, however they are spaced.</li>
 *   <li>{@code float}: as {@code tokens}, but two numbers match when they differ by at most {@code absolute} or by
 *       at most {@code relative} times the expected one.</li>
 * </ul>
 *
 * @param absolute the absolute tolerance of {@code float}; unused otherwise
 * @param relative the relative tolerance of {@code float}; unused otherwise
 */
public record Comparison(Mode mode, double absolute, double relative) {
    /** The default tolerance of {@code float}, absolute and relative. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** The comparison modes, named in requests in lower case. */
    public enum Mode {
        EXACT, LINES, TOKENS, FLOAT;

        /** The mode named {@code name} (any case), or {@code null}. */
        public static Mode named(String name) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            return null;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Comparison {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be 0 or more");
        }
    }

    public static Comparison of(Mode mode) {
        return new Comparison(mode, DEFAULT_TOLERANCE, DEFAULT_TOLERANCE);
    }

    /**
     * Where {@code actual} first differs from {@code expected}, or {@code null} when they match under this mode.
     */
    public Mismatch compare(String expected, String actual) {
        return switch (mode) {
            case EXACT -> exact(expected, actual);
            case LINES -> lines(expected, actual);
            case TOKENS, FLOAT -> tokens(expected, actual);
        };
    }

    private static Mismatch exact(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        int i = 0;
        int n = Math.min(expected.length(), actual.length());
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        return at(expected, actual, i, i);
    }

    private static Mismatch lines(String expected, String actual) {
        Normalized e = Normalized.of(expected);
        Normalized a = Normalized.of(actual);
        if (e.text.equals(a.text)) {
            return null;
        }
        int i = 0;
        int n = Math.min(e.text.length(), a.text.length());
        while (i < n && e.text.charAt(i) == a.text.charAt(i)) {
            i++;
        }
        Mismatch m = at(e.text, a.text, i, i);
        // Back to the program's own lines: the leading whitespace the rule dropped.
        int line = m.line() + a.skippedLines;
        int column = m.line() == 1 ? m.column() + a.skippedColumns : m.column();
        return new Mismatch(line, column, m.expected(), m.actual());
    }

    private Mismatch tokens(String expected, String actual) {
        List<Token> e = Token.split(expected);
        List<Token> a = Token.split(actual);
        int n = Math.max(e.size(), a.size());
        for (int i = 0; i < n; i++) {
            Token te = i < e.size() ? e.get(i) : null;
            Token ta = i < a.size() ? a.get(i) : null;
            if (te != null && ta != null && same(te.text, ta.text)) {
                continue;
            }
            int eAt = te != null ? te.start : expected.length();
            int aAt = ta != null ? ta.start : actual.length();
            return at(expected, actual, eAt, aAt);
        }
        return null;
    }

    private boolean same(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (mode != Mode.FLOAT || !NUMBER.matcher(expected).matches() || !NUMBER.matcher(actual).matches()) {
            return false;
        }
        double e = Double.parseDouble(expected);
        double a = Double.parseDouble(actual);
        double diff = Math.abs(e - a);
        return diff <= absolute || diff <= relative * Math.abs(e);
    }

    /** The mismatch at offset {@code eAt} of {@code expected} and {@code aAt} of {@code actual}. */
    private static Mismatch at(String expected, String actual, int eAt, int aAt) {
        int line = 1 + count(actual, aAt);
        int lineStart = actual.lastIndexOf('\n', aAt - 1) + 1;
        return new Mismatch(line, aAt - lineStart + 1,
                Mismatch.excerpt(lineAt(expected, eAt)), Mismatch.excerpt(lineAt(actual, aAt)));
    }

    private static int count(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The line holding offset {@code at}, or {@code null} when the text ended before it. */
    private static String lineAt(String text, int at) {
        if (at > text.length() || at == text.length() && (text.isEmpty() || text.endsWith("\n"))) {
            return null;
        }
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** A text under Judge0's rule, and how many lines and first-line columns of leading whitespace it dropped. */
    private record Normalized(String text, int skippedLines, int skippedColumns) {
        static Normalized of(String text) {
            String[] lines = text.split("\n", -1);
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    b.append('\n');
                }
                b.append(stripTrailing(lines[i]));
            }
            String joined = b.toString();
            int lead = 0;
            while (lead < joined.length() && isSpace(joined.charAt(lead))) {
                lead++;
            }
            int end = joined.length();
            while (end > lead && isSpace(joined.charAt(end - 1))) {
                end--;
            }
            int lines0 = count(joined, lead);
            int columns = lead - (joined.lastIndexOf('\n', lead - 1) + 1);
            return new Normalized(joined.substring(lead, end), lines0, columns);
        }

        private static String stripTrailing(String line) {
            int end = line.length();
            while (end > 0 && isSpace(line.charAt(end - 1))) {
                end--;
            }
            return line.substring(0, end);
        }

        /** Ruby's whitespace, as Judge0's {@code strip} and {@code rstrip} see it. */
        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0;
        }
    }

    /** A whitespace-separated token and where it starts. */
    private record Token(String text, int start) {
        static List<Token> split(String text) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    out.add(new Token(text.substring(start, i), start));
                }
            }
            return out;
        }
    }
}
