package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.install.Installer;
import io.runbox.server.install.Recipe;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every recipe: language, kind, set, source, packages, whether installed, and what installing it would add. */
@Command(name = "available", mixinStandardHelpOptions = true,
        description = "List every language the recipes offer, with its set, source, packages and size.")
final class LanguagesAvailableCommand implements Callable<Integer> {
    @Option(names = "--sizes", description = "Also ask apt what installing each missing one would add (slower).")
    boolean sizes;

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment();
        List<Recipe> all = LanguageRecipes.all(runbox);
        Installer installer = new Installer(runbox.executionConfig().prefix(), System.out, true);
        String fmt = "%-14s %-16s %-8s %-13s %-10s %-11s %s%n";
        System.out.printf(fmt, "LANGUAGE", "KIND", "SET", "SOURCE", "INSTALLED", "TO INSTALL", "PACKAGES");
        int installed = 0;
        for (Recipe r : all) {
            boolean in = installer.installed(r);
            installed += in ? 1 : 0;
            long bytes = in || !sizes ? 0 : installer.missingBytes(r);
            String size = in ? "-" : !sizes ? "?" : bytes < 0 ? "unknown" : String.format("%.0f MB", bytes / 1e6);
            System.out.printf(fmt, r.language().id(), r.kind(), r.spec().tier().name().toLowerCase(java.util.Locale.ROOT),
                    r.sources(), in ? "yes" : "no", size, String.join(" ", r.items()));
        }
        long languages = all.stream().map(r -> r.language().id()).distinct().count();
        System.out.printf("%n%d languages in %d recipes, %d recipes installed. Install with: ./runbox languages install"
                + " NAME[@VERSION]... or --set default|popular|all%n", languages, all.size(), installed);
        return 0;
    }
}
