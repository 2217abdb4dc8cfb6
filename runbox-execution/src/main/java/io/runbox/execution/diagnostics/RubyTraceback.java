package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ruby uncaught exception: its first line names the innermost frame and the message
 * ({@code main.rb:2:in `Integer': invalid value ... (ArgumentError)}); the {@code from} lines the outer frames. The
 * place is the innermost frame in one of the request's files. A syntax error's line
 * ({@code main.rb:3: syntax error, unexpected end-of-input}) names its place itself. Of several, the last one is the
 * diagnostic.
 */
final class RubyTraceback implements OutputParser {
    private static final Pattern FIRST = Pattern.compile(
            "(?<file>[^\\s:][^:]*):(?<line>\\d+):in [`'][^']*': (?<message>.*)");
    private static final Pattern FROM = Pattern.compile("\\s+from (?<file>[^:]+):(?<line>\\d+):in .*");
    private static final Pattern SYNTAX = Pattern.compile("(?<file>[^\\s:][^:]*):(?<line>\\d+): (?<message>.*)");

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        String message = null;
        String file = null;
        int line = 0;
        String lastFile = null;
        int lastLine = 0;
        String lastMessage = null;
        for (CharSequence text : lines) {
            Matcher from = FROM.matcher(text);
            if (from.matches()) {
                String f = names.resolve(from.group("file"));
                if (message != null && file == null && f != null) {
                    file = f;
                    line = Found.number(from.group("line"));
                }
                continue;
            }
            Matcher first = FIRST.matcher(text);
            Matcher head = first.matches() ? first : SYNTAX.matcher(text);
            if (head == first || head.matches()) {
                if (file != null) {
                    lastFile = file;
                    lastLine = line;
                    lastMessage = message;
                }
                message = head.group("message");
                file = names.resolve(head.group("file"));
                line = Found.number(head.group("line"));
            }
        }
        if (file != null) {
            lastFile = file;
            lastLine = line;
            lastMessage = message;
        }
        if (lastFile != null) {
            found.add(lastFile, lastLine, 0, null, lastMessage);
        }
    }
}
