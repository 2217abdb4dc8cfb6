package io.runbox.execution.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * The bound on reading one stage's output: its first {@link #MAX_CHARS} characters, in lines of at most
 * {@link #MAX_LINE} characters, and at most {@link #MAX_READS} character reads by all the regexes applied to them, so
 * that no expression, however it backtracks, holds a thread for long. Reading past the budget throws
 * {@link Exhausted}; what was found before stands.
 */
final class Budget {
    static final int MAX_CHARS = 256 * 1024;
    static final int MAX_LINE = 4096;
    static final long MAX_READS = 16_000_000;

    private long left = MAX_READS;

    /** Thrown when the budget is spent. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("diagnostics budget spent", null, false, false);
        }
    }

    /** The lines of {@code text} within the bounds, each metered against this budget. */
    List<CharSequence> lines(String text) {
        String head = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<CharSequence> out = new ArrayList<>();
        int start = 0;
        while (start < head.length()) {
            int end = head.indexOf('\n', start);
            end = end < 0 ? head.length() : end;
            int stop = end > start && head.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(new Metered(head.substring(start, Math.min(stop, start + MAX_LINE))));
            start = end + 1;
        }
        return out;
    }

    /** A line whose every character read is charged to the budget. */
    private final class Metered implements CharSequence {
        private final String text;

        Metered(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Metered(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
