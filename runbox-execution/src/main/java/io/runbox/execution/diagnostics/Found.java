package io.runbox.execution.diagnostics;

import io.runbox.core.Diagnostic;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The diagnostics of one stage as they are found: each once (a header's errors put at one line of the program
 * repeat), at most {@link #MAX} of them, messages cut to {@link #MAX_MESSAGE} characters, severities in the
 * contract's three words.
 */
final class Found {
    static final int MAX = 200;
    static final int MAX_MESSAGE = 2000;

    private final Set<Diagnostic> items = new LinkedHashSet<>();
    private final Map<String, String> severities;

    /** @param severities the compiler's words for severities (lower case) to the contract's */
    Found(Map<String, String> severities) {
        this.severities = severities;
    }

    /** Adds a diagnostic; {@code severity} is the compiler's word, or {@code null} for an error. */
    void add(String file, int line, int column, CharSequence severity, String message) {
        if (full()) {
            return;
        }
        String text = message.strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE);
        }
        items.add(new Diagnostic(file, line, column, severity(severity), text));
    }

    boolean full() {
        return items.size() >= MAX;
    }

    List<Diagnostic> list() {
        return List.copyOf(items);
    }

    private String severity(CharSequence word) {
        if (word == null) {
            return Diagnostic.ERROR;
        }
        String w = word.toString().strip().toLowerCase(java.util.Locale.ROOT);
        String mapped = severities.get(w);
        if (mapped != null) {
            return mapped;
        }
        if (w.startsWith("warn")) {
            return Diagnostic.WARNING;
        }
        return w.equals("note") || w.equals("info") || w.equals("help") ? Diagnostic.NOTE : Diagnostic.ERROR;
    }

    /** A line or column number as printed; 0 for none or one too large to be real. */
    static int number(CharSequence digits) {
        return digits == null || digits.isEmpty() || digits.length() > 9 ? 0 : Integer.parseInt(digits.toString());
    }
}
