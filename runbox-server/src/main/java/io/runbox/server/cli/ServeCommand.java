package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.RunboxServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Starts the HTTP service and runs until SIGTERM or SIGINT, then stops gracefully. While it runs, it is listed with its
 * key store among the {@link RunningServers}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Runbox HTTP service.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--config", description = "YAML configuration file (default: ./runbox.yaml if present).")
    Path config;

    @Option(names = "--anonymous", description = "Serve calls that send no key (the anonymous tier,"
            + " access.anonymous.enabled), limited per client address to access.anonymous.requests_per_minute"
            + " (default 30). For clients that cannot send a key, such as piston-client and the agent-runner seed's.")
    boolean anonymous;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port (0 to 65535)");
        }
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("RUNBOX_PORT", port.toString());
        }
        if (anonymous) {
            flags.put("RUNBOX_ANONYMOUS", "true");
        }
        Runbox runbox = Runbox.fromCommandLine(config, flags);
        RunboxServer server = RunboxServer.start(runbox);
        // So that ./runbox keys can tell whether it works on this server's store.
        Path registered = RunningServers.register(runbox.sandboxConfig().stateDir(), runbox.home(), runbox.storeName(),
                server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            RunningServers.remove(registered);
            stopped.countDown();
        }, "runbox-shutdown"));
        stopped.await();
        return 0;
    }
}
