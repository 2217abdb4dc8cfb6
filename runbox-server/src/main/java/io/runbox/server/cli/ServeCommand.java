package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.RunboxServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the HTTP service and runs until SIGTERM or SIGINT, then stops gracefully. */
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

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("RUNBOX_PORT", port.toString());
        }
        if (anonymous) {
            flags.put("RUNBOX_ANONYMOUS", "true");
        }
        Runbox runbox = Runbox.fromCommandLine(config, flags);
        RunboxServer server = RunboxServer.start(runbox);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "runbox-shutdown"));
        stopped.await();
        return 0;
    }
}
