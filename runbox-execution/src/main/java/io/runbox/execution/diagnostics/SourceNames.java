package io.runbox.execution.diagnostics;

import io.runbox.core.BoxCommand;
import java.util.List;
import java.util.Set;

/**
 * The request's file names, as a message may spell them: relative ({@code main.c}), from the working directory
 * ({@code ./main.go}), absolute in the box ({@code /box/main.py}) or as a URL ({@code file:///box/main.mjs}).
 */
final class SourceNames {
    private static final String BOX = BoxCommand.BOX_DIR + "/";
    private final Set<String> names;

    SourceNames(List<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The request's name of the file {@code raw} names, or {@code null} when it is none of the request's files. */
    String resolve(CharSequence raw) {
        String name = raw.toString().strip();
        if (name.startsWith("file://")) {
            name = name.substring("file://".length());
        }
        if (name.startsWith(BOX)) {
            name = name.substring(BOX.length());
        }
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        return names.contains(name) ? name : null;
    }
}
