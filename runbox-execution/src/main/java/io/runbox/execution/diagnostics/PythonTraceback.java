package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python traceback: the deepest frame ({@code File "/box/main.py", line 7, in main}) in one of the request's files,
 * with the exception's line ({@code ValueError: ...}) as the message. A syntax error's frame, printed without
 * {@code Traceback}, counts the same. Of several tracebacks (chained exceptions) the last one, the exception that
 * ended the program, is the diagnostic.
 */
final class PythonTraceback implements OutputParser {
    private static final String START = "Traceback (most recent call last):";
    private static final Pattern FRAME = Pattern.compile(" +File \"(?<file>[^\"]+)\", line (?<line>\\d+)(?:, in .*)?");

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        boolean inTrace = false;
        String file = null;
        int lineNo = 0;
        String lastFile = null;
        int lastLine = 0;
        String lastMessage = null;
        for (CharSequence line : lines) {
            if (START.contentEquals(line)) {
                inTrace = true;
                file = null;
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                inTrace = true;
                String f = names.resolve(frame.group("file"));
                if (f != null) {
                    file = f;
                    lineNo = Found.number(frame.group("line"));
                }
                continue;
            }
            if (inTrace && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                // The exception's line ends the traceback.
                if (file != null) {
                    lastFile = file;
                    lastLine = lineNo;
                    lastMessage = line.toString();
                }
                inTrace = false;
                file = null;
            }
        }
        if (lastFile != null) {
            found.add(lastFile, lastLine, 0, null, lastMessage);
        }
    }
}
