package io.runbox.server.cli;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.KeyType;
import io.runbox.server.Runbox;
import io.runbox.server.access.KeyService;
import io.runbox.server.access.Plans;
import io.runbox.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./runbox keys create|list|revoke}, on the same store the server uses (the SQLite file, or the cluster's
 * PostgreSQL; the server may be running: it looks keys up on every request, so changes take effect at once). Each
 * command says which store it used, and refuses one that is not the running server's ({@link #withKeys}).
 * {@code list} shows a widget key's allowed origins under it.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Option(names = "--config", description = "YAML configuration file (for the data directory and plans).")
    Path config;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Does {@code work} on the key store this configuration names, then says on stderr which store that is. Refuses
     * (bad input, nothing opened) when servers started from this Runbox are running and none uses that store: keys
     * made there would not be the running server's.
     */
    <T> T withKeys(java.util.function.Function<KeyService, T> work) throws Exception {
        Runbox runbox = Runbox.fromEnvironment(config, null);
        String store = runbox.storeName();
        List<RunningServers.Server> running = RunningServers.relevantTo(runbox.sandboxConfig().stateDir(),
                runbox.home(), store);
        List<RunningServers.Server> ours = running.stream().filter(s -> s.store().equals(store)).toList();
        if (!running.isEmpty() && ours.isEmpty()) {
            throw new IllegalArgumentException("refusing to use the key store " + store + ": the running server ("
                    + String.join("; ", running.stream().map(RunningServers.Server::describe).toList())
                    + ") uses another; give keys the server's --config or RUNBOX_DATA_DIR");
        }
        T done;
        try (Database db = runbox.openStore(Clock.systemUTC())) {
            done = work.apply(new KeyService(db.keys(), Plans.of(runbox.config().plans(),
                    runbox.config().access().defaultPlan()), Clock.systemUTC()));
        }
        System.err.println("runbox: keys store " + store + (ours.isEmpty() ? " (no server is running)"
                : " (the running server's: " + ours.getFirst().describe() + ")"));
        return done;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        KeysCommand parent;

        @Option(names = "--type", required = true, description = "api or widget")
        String type;

        @Option(names = "--plan", description = "free, starter, pro, mega, unlimited or a configured plan"
                + " (default: access.default_plan, unlimited unless configured)")
        String plan;

        @Option(names = "--redirect-url", description = "Where this key's async results go by default.")
        String redirectUrl;

        @Option(names = "--origin", description = "An allowed page origin (widget keys; repeatable).")
        List<String> origins = new ArrayList<>();

        @Option(names = "--name", description = "A note to recognise the key by.")
        String name;

        @Override
        public Integer call() throws Exception {
            KeyService.Created c = parent.withKeys(k -> k.create(KeyType.fromWire(type), plan, name, redirectUrl, origins));
            System.out.printf("%s %s plan=%s%n%s%n(the key is shown once; only its hash is stored)%n",
                    c.key().id(), c.key().type().wire(), c.key().plan(), c.secret());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List keys (never their secrets), with the credits left on self-service keys.")
    static final class ListKeys implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        KeysCommand parent;

        /** A key and its credit balance ({@code -}: its runs are not metered). */
        private record Listed(ApiKey key, String credits) {
        }

        @Override
        public Integer call() throws Exception {
            List<Listed> keys = parent.withKeys(ks -> ks.list().stream().map(k -> new Listed(k, ks.credits(k.id())
                    .stream().mapToObj(Long::toString).findFirst().orElse("-"))).toList());
            String fmt = "%-18s %-7s %-10s %-16s %-9s %-8s %-24s %s%n";
            System.out.printf(fmt, "ID", "TYPE", "PLAN", "HINT", "STATE", "CREDITS", "LAST USED", "NAME");
            for (Listed l : keys) {
                ApiKey k = l.key();
                System.out.printf(fmt, k.id(), k.type().wire(), k.plan(), k.hint(), k.revoked() ? "revoked" : "active",
                        l.credits(), k.lastUsedAt() == null ? "-" : k.lastUsedAt().toString(), k.name() == null ? "" : k.name());
                if (!k.origins().isEmpty()) {
                    System.out.println("    origins: " + String.join(", ", k.origins()));
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id; it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        KeysCommand parent;

        @Parameters(index = "0", description = "The key id (key_...).")
        String id;

        @Override
        public Integer call() throws Exception {
            boolean done = parent.withKeys(k -> k.revoke(id));
            System.out.println(done ? "revoked " + id : "no key " + id);
            return done ? 0 : 1;
        }
    }
}
