package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby's errors. An uncaught exception: its first line names the innermost frame and the message
 * ({@code main.rb:2:in `Integer': invalid value ... (ArgumentError)}), the {@code from} lines the outer frames; the
 * place is the innermost frame in one of the request's files, and of several exceptions the last one is the
 * diagnostic. A syntax error names its place itself ({@code main.rb:4: syntax error, unexpected end-of-input}), each
 * one a diagnostic, its column from the caret Ruby prints under the source line when it does. JRuby prints the
 * exception's line ({@code ArgumentError: ...}) above its frames ({@code     parse at main.rb:2}), innermost first.
 */
final class RubyTraceback implements OutputParser {
    private static final Pattern FIRST = Pattern.compile(
            "(?<file>[^\\s:][^:]*):(?<line>\\d+):in [`'][^']*': (?<message>.*)");
    private static final Pattern FROM = Pattern.compile("\\s+from (?<file>[^:]+):(?<line>\\d+):in .*");
    private static final Pattern JRUBY_FRAME = Pattern.compile(" +\\S+ at (?<file>[^:\\s]+):(?<line>\\d+)");
    private static final Pattern SYNTAX = Pattern.compile("(?<file>[^\\s:][^:]*):(?<line>\\d+): (?<message>.*)");

    /** A place in the request's files and what was said there. */
    private record Hit(String file, int line, int column, String message) {
        Hit at(int col) {
            return new Hit(file, line, col, message);
        }

        void addTo(Found found) {
            boolean warning = message.startsWith("warning: ");
            found.add(file, line, column, warning ? "warning" : null,
                    warning ? message.substring("warning: ".length()) : message);
        }
    }

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        String message = null;
        Hit exception = null;
        Hit last = null;
        Hit syntax = null;
        int afterSyntax = 0;
        String previous = null;
        boolean inJRubyFrames = false;
        for (CharSequence text : lines) {
            if (syntax != null && ++afterSyntax <= 2 && Caret.column(text) > 0) {
                syntax.at(Caret.column(text)).addTo(found);
                syntax = null;
                continue;
            }
            Matcher jruby = JRUBY_FRAME.matcher(text);
            if (jruby.matches()) {
                if (!inJRubyFrames) {
                    last = exception != null ? exception : last;
                    message = previous == null ? "" : previous;
                    exception = null;
                    inJRubyFrames = true;
                }
                String file = names.resolve(jruby.group("file"));
                if (exception == null && file != null) {
                    exception = new Hit(file, Found.number(jruby.group("line")), 0, message);
                }
                continue;
            }
            inJRubyFrames = false;
            if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
                previous = text.toString();
            }
            Matcher from = FROM.matcher(text);
            if (from.matches()) {
                String file = names.resolve(from.group("file"));
                if (message != null && exception == null && file != null) {
                    exception = new Hit(file, Found.number(from.group("line")), 0, message);
                }
                continue;
            }
            Matcher first = FIRST.matcher(text);
            Matcher syntaxLine = first.matches() ? null : SYNTAX.matcher(text);
            if (syntaxLine == null) {
                last = exception != null ? exception : last;
                message = first.group("message");
                String file = names.resolve(first.group("file"));
                exception = file == null ? null : new Hit(file, Found.number(first.group("line")), 0, message);
            } else if (syntaxLine.matches()) {
                String file = names.resolve(syntaxLine.group("file"));
                if (syntax != null) {
                    syntax.addTo(found);
                }
                syntax = file == null ? null
                        : new Hit(file, Found.number(syntaxLine.group("line")), 0, syntaxLine.group("message"));
                afterSyntax = 0;
            }
        }
        if (syntax != null) {
            syntax.addTo(found);
        }
        last = exception != null ? exception : last;
        if (last != null) {
            last.addTo(found);
        }
    }
}
