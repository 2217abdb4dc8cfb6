package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.install.Installer;
import io.runbox.server.install.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Installs the named languages or a set, then tells running servers to pick them up. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install languages (NAME, NAME@KIND or NAME@VERSION) or a set; idempotent and resumable.")
final class LanguagesInstallCommand implements Callable<Integer> {
    @Parameters(description = "Languages: python, c@clang, c@clang-16, kotlin@2.1.21, ...")
    List<String> names = new ArrayList<>();

    @Option(names = "--set", description = "default, popular or all")
    String set;

    @Option(names = "--offline", description = "Take only what apt, npm and Maven have cached here; download nothing.")
    boolean offline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment();
        List<Recipe> chosen = LanguageRecipes.selected(spec, LanguageRecipes.all(runbox), names, set);
        LanguageRecipes.needRoot(spec, "languages install");
        long start = System.nanoTime();
        List<String> failed = new Installer(runbox.executionConfig().prefix(), System.out, offline).install(chosen);
        System.out.printf("took %.0f s%n", (System.nanoTime() - start) / 1e9);
        ServerReload.tellRunningServers(runbox);
        if (!failed.isEmpty()) {
            System.err.println("runbox: " + failed.size() + " step(s) failed (run the same command again to retry): "
                    + String.join("; ", failed));
            return CliErrors.FAILED;
        }
        return 0;
    }
}
