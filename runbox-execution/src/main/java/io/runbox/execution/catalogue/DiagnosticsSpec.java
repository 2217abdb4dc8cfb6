package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a language's compiler or interpreter names places in the program (a {@code diagnostics:} section of
 * {@code language.yaml}), read into {@link io.runbox.core.Diagnostic}s by {@code io.runbox.execution.diagnostics}.
 * A line format is data: a {@code pattern} with the named groups {@code file}, {@code line}, {@code column},
 * {@code severity} and {@code message} (the first two required, the others optional). Formats a line's regex cannot
 * read name a parser written for them instead.
 *
 * @param parser       {@code regex} (the default), or a format read by code: {@code rustc} (a head line, then
 *                     {@code --> file:line:col}), {@code deno} ({@code deno check}: a head line, then
 *                     {@code at file:line:col}), {@code python}, {@code node} or {@code ruby} (a traceback: its
 *                     deepest frame in one of the request's files, with the exception's line as the message)
 * @param stage        {@code compile} or {@code run}; by default the compile stage of a compiled language and the
 *                     run stage of an interpreted one. A run stage is read only when the run failed
 * @param stream       {@code stdout}, {@code stderr} or {@code both} (the default: stderr, then stdout)
 * @param pattern      for {@code regex}: one diagnostic's line
 * @param context      for {@code regex}: lines that name where the next diagnostics come from ({@code In file
 *                     included from main.c:3}, {@code main.cpp:5:23: required from here}), with the groups
 *                     {@code file}, {@code line} and optionally {@code column}: a diagnostic about a file that is not
 *                     the request's is put at the last such place in one of the request's files, or dropped when
 *                     there is none
 * @param continuation for {@code regex}: the lines after a diagnostic that continue its message (group
 *                     {@code message})
 * @param caret        for {@code regex}: a diagnostic without a column takes it from a following line of blanks and
 *                     one {@code ^} under the place (javac)
 * @param severities   the compiler's word for a severity (case-insensitive) to {@code error}, {@code warning} or
 *                     {@code note}; without an entry, words starting with {@code warn} are warnings, {@code note},
 *                     {@code info} and {@code help} notes, and the rest (and a missing severity) errors
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DiagnosticsSpec(String parser, String stage, String stream, String pattern, List<String> context,
                              String continuation, boolean caret, Map<String, String> severities) {
    /** The parsers written in code, by name. */
    public static final Set<String> CODE_PARSERS = Set.of("rustc", "deno", "python", "node", "ruby");
    public static final String REGEX = "regex";

    public DiagnosticsSpec {
        parser = parser == null ? REGEX : parser;
        stream = stream == null ? "both" : stream;
        context = context == null ? List.of() : List.copyOf(context);
        severities = severities == null ? Map.of() : Map.copyOf(severities);
    }

    /** The stage it reads: its own, else {@code compile} for a compiled language and {@code run} for another. */
    public String stageOf(LanguageDefinition lang) {
        return stage != null ? stage : lang.isCompiled() ? "compile" : "run";
    }

    /** Why this section cannot be used, or {@code null} if it can. */
    String problem() {
        if (!REGEX.equals(parser) && !CODE_PARSERS.contains(parser)) {
            return "diagnostics.parser must be regex or one of " + CODE_PARSERS.stream().sorted().toList();
        }
        if (stage != null && !stage.equals("compile") && !stage.equals("run")) {
            return "diagnostics.stage must be compile or run";
        }
        if (!Set.of("stdout", "stderr", "both").contains(stream)) {
            return "diagnostics.stream must be stdout, stderr or both";
        }
        boolean placed = pattern != null && pattern.contains("(?<file>") && pattern.contains("(?<line>");
        if (REGEX.equals(parser) && !placed) {
            return "diagnostics.pattern must have the named groups file and line";
        }
        if (!REGEX.equals(parser) && (pattern != null || !context.isEmpty() || continuation != null || caret)) {
            return "diagnostics: pattern, context, continuation and caret are for the regex parser";
        }
        for (String regex : context) {
            if (!regex.contains("(?<file>") || !regex.contains("(?<line>")) {
                return "diagnostics.context must have the named groups file and line: " + regex;
            }
        }
        if (continuation != null && !continuation.contains("(?<message>")) {
            return "diagnostics.continuation must have the named group message";
        }
        for (String regex : allPatterns()) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                return "diagnostics: not a regular expression: " + regex;
            }
        }
        for (String severity : severities.values()) {
            if (!Set.of("error", "warning", "note").contains(severity)) {
                return "diagnostics.severities: '" + severity + "' is not error, warning or note";
            }
        }
        return null;
    }

    private List<String> allPatterns() {
        List<String> all = new java.util.ArrayList<>(context);
        if (pattern != null) {
            all.add(pattern);
        }
        if (continuation != null) {
            all.add(continuation);
        }
        return all;
    }
}
