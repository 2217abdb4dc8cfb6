package io.runbox.server.cli;

import io.runbox.server.Runbox;
import io.runbox.server.RunboxServer;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        Runbox runbox = Runbox.fromEnvironment(config, port);
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
