package io.runbox.execution.diagnostics;

import io.runbox.core.Diagnostic;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.catalogue.DiagnosticsSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a stage's diagnostics as its language's {@code diagnostics:} section says. Bounded whatever the output:
 * at most {@link Found#MAX} diagnostics, read from the first {@link Budget#MAX_CHARS} characters of each stream
 * within {@link Budget}'s character reads.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * {@code result} with the diagnostics its output names in the request's {@code files} (their names as the
     * request gave them), when {@code lang} reads diagnostics on this {@code stage} ({@code compile} or
     * {@code run}; a run only when it failed); else {@code result} itself.
     */
    public static StageResult read(LanguageDefinition lang, String stage, StageResult result, List<String> files) {
        DiagnosticsSpec spec = lang.diagnostics();
        if (spec == null || result == null || !spec.stageOf(lang).equals(stage)
                || (stage.equals("run") && result.status() == Status.OK)) {
            return result;
        }
        List<Diagnostic> found = parse(spec, result.stdout(), result.stderr(), files);
        return found.isEmpty() ? result : result.withDiagnostics(found);
    }

    /** What {@code spec} reads in a stage's output, as {@link #read} does. */
    static List<Diagnostic> parse(DiagnosticsSpec spec, String stdout, String stderr, List<String> files) {
        Map<String, String> severities = spec.severities().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        Found found = new Found(severities);
        Budget budget = new Budget();
        List<String> streams = new ArrayList<>();
        if (!spec.stream().equals("stdout")) {
            streams.add(stderr);
        }
        if (!spec.stream().equals("stderr")) {
            streams.add(stdout);
        }
        OutputParser parser = parser(spec);
        SourceNames names = new SourceNames(files);
        try {
            for (String text : streams) {
                parser.parse(budget.lines(text == null ? "" : text), names, found);
            }
        } catch (Budget.Exhausted e) {
            // What was read within the budget stands.
        }
        return found.list();
    }

    private static OutputParser parser(DiagnosticsSpec spec) {
        return switch (spec.parser()) {
            case "rustc" -> HeadThenPlace.rustc();
            case "deno" -> HeadThenPlace.deno();
            case "python" -> new PythonTraceback();
            case "node" -> new NodeTraceback();
            case "ruby" -> new RubyTraceback();
            default -> new RegexParser(spec);
        };
    }
}
