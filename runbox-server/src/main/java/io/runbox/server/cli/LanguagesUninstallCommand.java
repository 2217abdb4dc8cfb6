package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.install.Installer;
import io.runbox.server.install.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Removes the named languages' toolchains, keeping packages other installed languages use, then tells running
 * servers: new runs of a removed language get a clear error, a session already running keeps its process.
 */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove languages (NAME or NAME@VERSION).")
final class LanguagesUninstallCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Languages: ruby, c@clang-13, ...")
    List<String> names = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment();
        List<Recipe> all = LanguageRecipes.all(runbox);
        List<Recipe> chosen = LanguageRecipes.selected(spec, all, names, null);
        LanguageRecipes.needRoot(spec, "languages uninstall");
        Installer installer = new Installer(runbox.executionConfig().prefix(), System.out, false);
        List<Recipe> keeping = new ArrayList<>();
        for (Recipe r : all) {
            boolean removing = chosen.stream().anyMatch(c -> c.language().id().equals(r.language().id())
                    && c.kind().equals(r.kind()));
            if (!removing && installer.installed(r)) {
                keeping.add(r);
            }
        }
        List<String> failed = installer.uninstall(chosen, keeping);
        ServerReload.tellRunningServers(runbox);
        if (!failed.isEmpty()) {
            System.err.println("runbox: " + String.join("; ", failed));
            return CliErrors.FAILED;
        }
        return 0;
    }
}
