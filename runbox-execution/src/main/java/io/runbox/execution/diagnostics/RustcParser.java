package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rustc's form: a head line ({@code error[E0425]: cannot find value `y` in this scope}) and, on the next line, its
 * place ({@code  --> main.rs:4:20}). A head without a place ({@code error: aborting due to 2 previous errors}) is
 * no diagnostic; the code, when there is one, starts the message ({@code E0425: cannot find ...}).
 */
final class RustcParser implements OutputParser {
    private static final Pattern HEAD = Pattern.compile(
            "(?<severity>error|warning|note|help)(?:\\[(?<code>[A-Za-z0-9_]{1,16})])?: (?<message>.*)");
    private static final Pattern PLACE = Pattern.compile(" *--> (?<file>[^:]+):(?<line>\\d+):(?<column>\\d+)");

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        Matcher head = null;
        for (CharSequence line : lines) {
            if (found.full()) {
                return;
            }
            Matcher place = head == null ? null : PLACE.matcher(line);
            if (place != null && place.matches()) {
                String file = names.resolve(place.group("file"));
                if (file != null) {
                    String code = head.group("code");
                    found.add(file, Found.number(place.group("line")), Found.number(place.group("column")),
                            head.group("severity"), (code == null ? "" : code + ": ") + head.group("message"));
                }
                head = null;
                continue;
            }
            Matcher h = HEAD.matcher(line);
            head = h.matches() ? h : null;
        }
    }
}
