package io.runbox.bench;

import io.runbox.server.Runbox;
import io.runbox.server.RunboxServer;
import io.runbox.server.config.ConfigLoader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A Runbox server in the benchmark's own JVM, on a free loopback port with a temporary data directory and the default
 * configuration (execution slots = cores). Keyless calls are let through with a rate far above any load, so the
 * benchmarks measure the service, not its rate limits; {@link #adminToken} opens the admin API.
 */
record EmbeddedServer(RunboxServer server, String url, String adminToken) implements AutoCloseable {
    static EmbeddedServer start(Runbox runbox) throws Exception {
        String adminToken = "bench-" + java.util.UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("RUNBOX_PORT", "0");
        env.put("RUNBOX_HOST", "127.0.0.1");
        env.put("RUNBOX_DATA_DIR", Files.createTempDirectory("runbox-bench-data").toString());
        env.put("RUNBOX_ANONYMOUS", "true");
        env.put("RUNBOX_ANONYMOUS_RPM", "100000000");
        env.put("RUNBOX_BOOTSTRAP_KEY", "false");
        env.put("RUNBOX_ADMIN_TOKEN", adminToken);
        RunboxServer server = RunboxServer.start(new Runbox(runbox.home(),
                ConfigLoader.load(null, ConfigLoader.processEnvironment(env))));
        return new EmbeddedServer(server, "http://127.0.0.1:" + server.port(), adminToken);
    }

    @Override
    public void close() {
        server.stop();
    }
}
