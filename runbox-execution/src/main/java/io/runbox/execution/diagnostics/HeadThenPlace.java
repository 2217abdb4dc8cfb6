package io.runbox.execution.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A head line with the severity and message, and a few lines below it the place, which one line's regex cannot read:
 * rustc's ({@code error[E0425]: cannot find value `y` in this scope}, then {@code  --> main.rs:4:20}) and
 * {@code deno check}'s ({@code TS2322 [ERROR]: Type ...}, the source and caret lines, then
 * {@code at file:///box/main.ts:1:7}). A head without a place ({@code error: aborting due to 2 previous errors}) is
 * no diagnostic; the code, when there is one, starts the message ({@code E0425: cannot find ...}).
 */
final class HeadThenPlace implements OutputParser {
    private final Pattern head;
    private final Pattern place;
    private final int window;

    private HeadThenPlace(String head, String place, int window) {
        this.head = Pattern.compile(head);
        this.place = Pattern.compile(place);
        this.window = window;
    }

    /** rustc: the place on the line after the head. */
    static HeadThenPlace rustc() {
        return new HeadThenPlace(
                "(?<severity>error|warning|note|help)(?:\\[(?<code>[A-Za-z0-9_]{1,16})])?: (?<message>.*)",
                " *--> (?<file>[^:]+):(?<line>\\d+):(?<column>\\d+)", 1);
    }

    /** {@code deno check}: the place after the source line and its caret, or a message of a few lines. */
    static HeadThenPlace deno() {
        return new HeadThenPlace("(?<code>TS\\d{1,6}) \\[(?<severity>ERROR|WARNING)]: (?<message>.*)",
                " +at (?<file>[^\\s].*):(?<line>\\d+):(?<column>\\d+)", 8);
    }

    @Override
    public void parse(List<CharSequence> lines, SourceNames names, Found found) {
        Matcher open = null;
        int after = 0;
        for (CharSequence line : lines) {
            if (found.full()) {
                return;
            }
            Matcher p = open == null ? null : place.matcher(line);
            if (p != null && ++after <= window && p.matches()) {
                String file = names.resolve(p.group("file"));
                if (file != null) {
                    String code = open.group("code");
                    found.add(file, Found.number(p.group("line")), Found.number(p.group("column")),
                            open.group("severity"), (code == null ? "" : code + ": ") + open.group("message"));
                }
                open = null;
                continue;
            }
            Matcher h = head.matcher(line);
            if (h.matches()) {
                open = h;
                after = 0;
            } else if (after >= window) {
                open = null;
            }
        }
    }
}
