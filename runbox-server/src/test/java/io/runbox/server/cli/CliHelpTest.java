package io.runbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.RunboxScript;
import io.runbox.server.TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} works on every command and lists every one of its options; each call is its own process. */
class CliHelpTest {
    private record Outcome(int exit, String out) {
    }

    /** {@code ./runbox args}, its own process; both streams as one. */
    private static Outcome runbox(List<String> args) throws Exception {
        RunboxScript.Outcome o = RunboxScript.run(Map.of(), args.toArray(String[]::new));
        return new Outcome(o.exit(), o.all());
    }

    /** Every command under {@code spec}, each as the words that name it. */
    private static void commands(CommandSpec spec, List<String> path, List<List<String>> out) {
        out.add(path);
        spec.subcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            commands(sub.getCommandSpec(), deeper, out);
        });
    }

    @Test
    void everyCommandsHelpListsEveryOptionAndExitsZero() throws Exception {
        List<List<String>> all = new ArrayList<>();
        commands(new CommandLine(new Main()).getCommandSpec(), List.of(), all);
        assertThat(all).contains(List.of("run"), List.of("keys", "create"), List.of("serve"));
        for (List<String> command : all) {
            if (command.isEmpty()) {
                continue; // ./runbox --help is the launcher's own (theLaunchersHelpIsItsHeaderOnly)
            }
            CommandSpec spec = new CommandLine(new Main()).getCommandSpec();
            for (String word : command) {
                spec = spec.subcommands().get(word).getCommandSpec();
            }
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Outcome o = runbox(args);
            assertThat(o.exit()).as("%s: %s", args, o.out()).isZero();
            assertThat(o.out()).as("%s", args).startsWith("Usage: runbox").doesNotContain("Missing required");
            for (OptionSpec option : spec.options()) {
                assertThat(o.out()).as("%s lists %s", args, option.longestName()).contains(option.longestName());
            }
        }
    }

    /** {@code ./runbox --help} prints the launcher's header and nothing of the script after it. */
    @Test
    void theLaunchersHelpIsItsHeaderOnly() throws Exception {
        Process p = new ProcessBuilder("bash", TestServer.home().resolve("runbox").toString(), "--help")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("runbox — ").contains("./runbox run FILE").doesNotContain("set -euo")
                .doesNotContain("#");
        assertThat(out.lines()).allMatch(l -> l.startsWith("runbox — ") || l.startsWith("  ./runbox "));
        new CommandLine(new Main()).getCommandSpec().subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                assertThat(out).as("the launcher's help names %s", name).contains("./runbox " + name);
            }
        });
    }
}
