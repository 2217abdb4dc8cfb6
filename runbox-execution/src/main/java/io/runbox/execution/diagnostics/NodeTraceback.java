package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node.js (or Deno, or Bun) uncaught error: its message line ({@code TypeError: ...}) is the one before the first
 * {@code at} line of its stack, and its place the first (innermost) frame in one of the request's files
 * ({@code at divide (/box/main.js:2:22)}), or, when no frame is the program's (a syntax error), the {@code file:line}
 * Node prints above the source line, with the column of the caret it prints under it. Of several, the last one is the
 * diagnostic.
 */
final class NodeTraceback implements OutputParser {
    private static final Pattern AT = Pattern.compile(
            " +at (?:[^()]* \\()?(?<file>[^()]+?):(?<line>\\d+):(?<column>\\d+)\\)?");
    private static final Pattern HEADER = Pattern.compile("(?<file>[^\\s:][^:]*|file://[^:]+):(?<line>\\d+)");

    /** A place in the request's files, with the error's message once it is known. */
    private record Hit(String file, int line, int column, String message) {
    }

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        Hit header = null;
        Hit frame = null;
        String previous = null;
        String message = null;
        Hit last = null;
        int afterHeader = 0;
        for (CharSequence text : lines) {
            if (header != null && header.column() == 0 && ++afterHeader <= 2 && Caret.column(text) > 0) {
                header = new Hit(header.file(), header.line(), Caret.column(text), null);
                continue;
            }
            Matcher at = AT.matcher(text);
            if (at.matches()) {
                if (message == null) {
                    message = previous == null ? "" : previous;
                }
                String file = names.resolve(at.group("file"));
                if (frame == null && file != null) {
                    frame = new Hit(file, Found.number(at.group("line")), Found.number(at.group("column")), null);
                }
                continue;
            }
            if (message != null) {
                // The stack ended: the error is complete.
                last = ended(frame, header, message, last);
                message = null;
                frame = null;
                header = null;
            }
            Matcher h = HEADER.matcher(text);
            String file = h.matches() ? names.resolve(h.group("file")) : null;
            if (file != null) {
                header = new Hit(file, Found.number(h.group("line")), 0, null);
                afterHeader = 0;
            }
            if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
                previous = text.toString();
            }
        }
        if (message != null) {
            last = ended(frame, header, message, last);
        }
        if (last != null) {
            found.add(last.file(), last.line(), last.column(), null, last.message());
        }
    }

    /** The diagnostic of an error that ended, at its frame or else its header; {@code last} when it has neither. */
    private static Hit ended(Hit frame, Hit header, String message, Hit last) {
        Hit place = frame != null ? frame : header;
        return place == null ? last : new Hit(place.file(), place.line(), place.column(), message);
    }
}
