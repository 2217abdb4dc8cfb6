package io.runbox.server;

import io.runbox.store.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster for a test: its own PostgreSQL ({@link LocalPostgres}: initdb into a temporary directory, a free port)
 * and Runbox nodes on one database of it, each {@code runbox serve} as a process of its own
 * ({@link ServerProcess}), named {@code node-0}, {@code node-1}, ... Closing stops the nodes, then PostgreSQL.
 */
final class TestCluster implements AutoCloseable {
    final LocalPostgres postgres;
    final String databaseUrl;
    private final Path dir;
    private final Map<String, String> env;
    private final List<ServerProcess> nodes = new ArrayList<>();

    private TestCluster(LocalPostgres postgres, String databaseUrl, Path dir, Map<String, String> env) {
        this.postgres = postgres;
        this.databaseUrl = databaseUrl;
        this.dir = dir;
        this.env = env;
    }

    /**
     * Starts PostgreSQL and {@code count} nodes, one after another (the first migrates the database).
     *
     * @param env more environment for every node ({@code RUNBOX_*} settings)
     */
    static TestCluster start(Path dir, int count, Map<String, String> env) throws Exception {
        LocalPostgres postgres = LocalPostgres.launch();
        TestCluster cluster = new TestCluster(postgres, postgres.createDatabase(), dir, Map.copyOf(env));
        try {
            for (int i = 0; i < count; i++) {
                cluster.addNode();
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more node on the cluster's database; returns it once it answers {@code /health}. */
    ServerProcess addNode() throws Exception {
        return addNode(Map.of());
    }

    /** As {@link #addNode()}, with {@code more} settings for this node alone. */
    ServerProcess addNode(Map<String, String> more) throws Exception {
        int i = nodes.size();
        Path data = dir.resolve("node-" + i);
        Files.createDirectories(data);
        Map<String, String> nodeEnv = new HashMap<>(env);
        nodeEnv.putAll(more);
        nodeEnv.put("RUNBOX_DATABASE_URL", databaseUrl);
        nodeEnv.put("RUNBOX_NODE_ID", "node-" + i);
        ServerProcess node = ServerProcess.start(data, log(i), nodeEnv);
        nodes.add(node);
        return node;
    }

    ServerProcess node(int i) {
        return nodes.get(i);
    }

    int size() {
        return nodes.size();
    }

    /** Node {@code i}'s output, for a failing test's message. */
    Path log(int i) {
        return dir.resolve("node-" + i + ".log");
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess node : nodes) {
            try {
                node.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.close();
    }
}
