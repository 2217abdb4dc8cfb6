package io.runbox.server.cli;

import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.server.Runbox;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Prints what the language definitions of the default set need installed, one {@code debian PACKAGE} or {@code npm PACKAGE}
 * per line, for {@code ./runbox setup} to install what is missing.
 */
@Command(name = "install-plan", hidden = true, mixinStandardHelpOptions = true, description = "Print the packages every language definition installs.")
final class InstallPlanCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment();
        Set<String> lines = new LinkedHashSet<>();
        for (LanguageDefinition d : LanguageLoader.loadAll(runbox.executionConfig().languagesDir())) {
            if (d.install().tier() != InstallSpec.Tier.DEFAULT) {
                continue; // ./runbox languages install takes the others
            }
            d.install().debian().forEach(p -> lines.add("debian " + p));
            d.install().npm().forEach(p -> lines.add("npm " + p));
        }
        lines.forEach(System.out::println);
        return 0;
    }
}
