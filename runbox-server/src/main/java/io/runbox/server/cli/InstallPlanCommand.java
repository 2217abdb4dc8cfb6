package io.runbox.server.cli;

import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.server.Runbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints what the language definitions of the default set need installed, one {@code debian PACKAGE} or {@code npm PACKAGE}
 * per line, then one {@code prepare NAME@LIBRARY} per library of the default set with a {@code prepare} command (which
 * {@code ./runbox languages install NAME@LIBRARY} runs), for {@code ./runbox setup} to install what is missing. The
 * libraries {@code --without} names ({@code python@scientific}) are left out.
 */
@Command(name = "install-plan", hidden = true, mixinStandardHelpOptions = true, description = "Print the packages every language definition installs.")
final class InstallPlanCommand implements Callable<Integer> {
    @Option(names = "--without", description = "A library to leave out, as LANGUAGE@LIBRARY (python@scientific).")
    List<String> without = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment();
        List<LanguageDefinition> definitions = LanguageLoader.loadAll(runbox.executionConfig().languagesDir());
        Set<String> left = new LinkedHashSet<>(without);
        Set<String> lines = new LinkedHashSet<>();
        List<String> prepare = new ArrayList<>();
        for (LanguageDefinition d : definitions) {
            if (d.install().tier() != InstallSpec.Tier.DEFAULT) {
                continue; // ./runbox languages install takes the others
            }
            add(lines, d.install());
            d.install().libraries().forEach((name, library) -> {
                if (left.remove(d.id() + "@" + name) || library.tier() != InstallSpec.Tier.DEFAULT) {
                    return;
                }
                add(lines, library);
                if (library.prepare() != null) {
                    prepare.add("prepare " + d.id() + "@" + name);
                }
            });
        }
        if (!left.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--without names no library of the default set: "
                    + String.join(", ", left) + " (libraries are named LANGUAGE@LIBRARY, such as python@scientific)");
        }
        lines.addAll(prepare);
        lines.forEach(System.out::println);
        return 0;
    }

    private static void add(Set<String> lines, InstallSpec install) {
        install.debian().forEach(p -> lines.add("debian " + p));
        install.npm().forEach(p -> lines.add("npm " + p));
    }
}
