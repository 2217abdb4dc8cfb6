package io.runbox.server.cli;

import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.server.Runbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Prints the installed catalogue as a table, then what is defined but not installed; its subcommands list, install,
 * remove and self-test toolchains.
 */
@Command(name = "languages", mixinStandardHelpOptions = true,
        description = "List the installed languages and their compilers; install, remove and test toolchains.",
        subcommands = {LanguagesAvailableCommand.class, LanguagesInstallCommand.class,
                LanguagesUninstallCommand.class, LanguagesTestCommand.class})
final class LanguagesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Catalogue catalogue = Runbox.fromEnvironment().catalogue();
        String fmt = "%-12s %-22s %-16s %-10s %s%n";
        System.out.printf(fmt, "LANGUAGE", "NAME", "COMPILER", "VERSION", "ALIASES");
        for (InstalledLanguage l : catalogue.languages()) {
            for (Compiler c : l.compilers()) {
                boolean isDefault = c == l.defaultCompiler();
                System.out.printf(fmt, l.id(), l.definition().name(), c.id() + (isDefault ? "*" : ""), c.version(),
                        String.join(",", l.definition().aliases()));
            }
        }
        System.out.printf("%n%d languages, %d compilers installed (* = default)%n",
                catalogue.languages().size(), catalogue.compilers().size());
        for (LanguageDefinition d : catalogue.missing()) {
            System.out.printf("not installed: %s (./runbox languages install %s)%n", d.id(), d.id());
        }
        return 0;
    }
}
