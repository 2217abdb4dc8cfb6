package io.runbox.execution.diagnostics;

import io.runbox.execution.catalogue.DiagnosticsSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line format as data ({@link DiagnosticsSpec}): a line that matches the pattern whole is a diagnostic; the lines
 * after it may continue its message or, within two lines, show its column with a caret; context lines say where in
 * the program a message about another file (a system header) belongs.
 */
final class RegexParser implements OutputParser {
    private final Pattern pattern;
    private final List<Pattern> context;
    private final Pattern continuation;
    private final boolean caret;

    RegexParser(DiagnosticsSpec spec) {
        this.pattern = Pattern.compile(spec.pattern());
        this.context = spec.context().stream().map(Pattern::compile).toList();
        this.continuation = spec.continuation() == null ? null : Pattern.compile(spec.continuation());
        this.caret = spec.caret();
    }

    /** A place in one of the request's files. */
    private record Place(String file, int line, int column) {
    }

    /** The diagnostic being read: its place and head, and the lines that continue it. */
    private static final class Open {
        final Place place;
        final CharSequence severity;
        final StringBuilder message;
        int column;
        int linesAfter;

        Open(Place place, CharSequence severity, CharSequence message) {
            this.place = place;
            this.severity = severity;
            this.message = new StringBuilder(message == null ? "" : message);
            this.column = place.column();
        }

        void addTo(Found found) {
            found.add(place.file(), place.line(), column, severity, message.toString());
        }
    }

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        Place anchor = null;
        Open open = null;
        try {
            for (CharSequence line : lines) {
                if (found.full()) {
                    return;
                }
                Matcher m = pattern.matcher(line);
                if (m.matches()) {
                    if (open != null) {
                        open.addTo(found);
                    }
                    String file = names.resolve(m.group("file"));
                    Place place = file != null ? new Place(file, Found.number(m.group("line")), number(m, "column"))
                            : anchor;
                    open = place == null ? null : new Open(place, group(m, "severity"), group(m, "message"));
                    if (file != null) {
                        anchor = null;
                    }
                    continue;
                }
                if (open != null && continues(open, line)) {
                    continue;
                }
                for (Pattern p : context) {
                    Matcher c = p.matcher(line);
                    if (c.matches()) {
                        String file = names.resolve(c.group("file"));
                        if (file != null) {
                            anchor = new Place(file, Found.number(c.group("line")), number(c, "column"));
                        }
                        break;
                    }
                }
            }
        } finally {
            // The last diagnostic, also when the budget ran out while its continuation was read.
            if (open != null) {
                open.addTo(found);
            }
        }
    }

    /** Whether {@code line} continues the open diagnostic (its message, or its caret), which takes it. */
    private boolean continues(Open open, CharSequence line) {
        open.linesAfter++;
        if (continuation != null) {
            Matcher c = continuation.matcher(line);
            if (c.matches()) {
                if (!open.message.isEmpty()) {
                    open.message.append('\n');
                }
                open.message.append(c.group("message"));
                return true;
            }
        }
        if (caret && open.column == 0 && open.linesAfter <= 2) {
            open.column = Caret.column(line);
            return open.column > 0;
        }
        return false;
    }

    private static CharSequence group(Matcher m, String name) {
        return m.pattern().pattern().contains("(?<" + name + ">") ? m.group(name) : null;
    }

    private static int number(Matcher m, String name) {
        return Found.number(group(m, name));
    }
}
