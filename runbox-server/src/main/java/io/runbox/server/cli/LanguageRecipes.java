package io.runbox.server.cli;

import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.server.Runbox;
import io.runbox.server.install.Recipe;
import io.runbox.server.install.Selection;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** The recipes of this checkout's languages, and what a command line names of them (for the languages subcommands). */
final class LanguageRecipes {
    private LanguageRecipes() {
    }

    static List<Recipe> all(Runbox runbox) throws IOException {
        return Recipe.of(LanguageLoader.loadAll(runbox.executionConfig().languagesDir()));
    }

    /** The recipes {@code names} or {@code set} name; a bad name is a usage error (one line, exit 2). */
    static List<Recipe> selected(CommandSpec spec, List<Recipe> all, List<String> names, String set) {
        try {
            if (set != null && !names.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give languages or --set, not both");
            }
            if (set != null) {
                return Selection.set(all, set);
            }
            if (names.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "name the languages (NAME, NAME@VERSION) or --set default|popular|all");
            }
            return Selection.named(all, names);
        } catch (Selection.UnknownNameException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static void needRoot(CommandSpec spec, String what) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(what + " needs root (it runs apt-get and writes to /opt/runbox); run it with sudo");
        }
    }
}
