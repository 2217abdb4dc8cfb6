package io.runbox.execution;

import io.runbox.execution.catalogue.Compiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands a command from {@code language.yaml}. Whole-word list placeholders become zero or more
 * arguments: {@code {files}} (the request's files of this language), {@code {options}} (compiler options),
 * {@code {args}} (program arguments). String placeholders are replaced inside arguments: {@code {tool}},
 * {@code {tooldir}}, {@code {home}} (the tool's directory's parent), {@code {version}} (the toolchain's full version,
 * such as {@code 2.1.21}), {@code {prefix}}, {@code {file}} (the entry file), {@code {stem}} (the entry file without
 * extension), {@code {memory_bytes}}, {@code {memory_mb}}.
 */
public final class CommandTemplate {
    private CommandTemplate() {
    }

    /** Values for one stage. */
    public record Values(Compiler compiler, String prefix, String entryFile, List<String> files,
                         List<String> options, List<String> args, long memoryBytes) {
    }

    public static List<String> expand(List<String> template, Values v) {
        Map<String, List<String>> lists = Map.of("{files}", v.files(), "{options}", v.options(), "{args}", v.args());
        String tool = v.compiler().tool().toString();
        String toolDir = v.compiler().tool().getParent().toString();
        java.nio.file.Path homePath = v.compiler().tool().getParent().getParent();
        String home = homePath == null ? "/" : homePath.toString();
        String stem = v.entryFile().contains(".") ? v.entryFile().substring(0, v.entryFile().lastIndexOf('.')) : v.entryFile();
        List<String> out = new ArrayList<>();
        for (String arg : template) {
            List<String> list = lists.get(arg);
            if (list != null) {
                out.addAll(list);
                continue;
            }
            out.add(arg.replace("{tooldir}", toolDir).replace("{tool}", tool).replace("{home}", home)
                    .replace("{version}", v.compiler().version().toString()).replace("{prefix}", v.prefix())
                    .replace("{file}", v.entryFile()).replace("{stem}", stem)
                    .replace("{memory_bytes}", Long.toString(v.memoryBytes()))
                    .replace("{memory_mb}", Long.toString(v.memoryBytes() >> 20)));
        }
        return out;
    }
}
