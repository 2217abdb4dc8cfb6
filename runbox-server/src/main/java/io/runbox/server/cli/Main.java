package io.runbox.server.cli;

import io.runbox.server.Runbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code runbox} command. A command that cannot go on says why in one line ({@link CliErrors}). */
@Command(name = "runbox", mixinStandardHelpOptions = true, version = "runbox " + Runbox.VERSION,
        description = "Compile and run untrusted code in a sandbox.",
        subcommands = {ServeCommand.class, RunCommand.class, KeysCommand.class, LanguagesCommand.class, InstallPlanCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(CliErrors.run(() -> CliErrors.install(new CommandLine(new Main())).execute(args)));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
