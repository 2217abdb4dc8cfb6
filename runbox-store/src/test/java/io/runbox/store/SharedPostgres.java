package io.runbox.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL ({@link LocalPostgres}) for a test class, registered as a static {@code @RegisterExtension}:
 * started before the class's first test and stopped after its last. A test takes a new, empty database of its own
 * ({@link #createDatabase()}), or several nodes sharing one ({@link #nodes}), which are closed after the test.
 */
final class SharedPostgres implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final List<Database> opened = new ArrayList<>();
    private LocalPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LocalPostgres.launch();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(Database::close);
        opened.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** A new, empty database on the server, as a {@code postgresql://} URL. */
    String createDatabase() {
        return server.createDatabase();
    }

    /**
     * {@code count} nodes on a new, empty database, each its own {@link Database} with its own pool, all reading
     * {@code clock}; closed after the test.
     */
    List<Database> nodes(int count, Clock clock) throws Exception {
        String url = createDatabase();
        List<Database> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Database node = Database.open(url, null, clock);
            opened.add(node);
            nodes.add(node);
        }
        return nodes;
    }

    /**
     * Runs {@code perNode} calls of {@code worker} on each of {@code nodes}, all starting together; returns what
     * each returned, node by node.
     */
    static <T> List<T> race(List<Database> nodes, int perNode, Function<Database, Callable<T>> worker)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(nodes.size() * perNode)) {
            for (Database node : nodes) {
                for (int i = 0; i < perNode; i++) {
                    Callable<T> work = worker.apply(node);
                    running.add(pool.submit(() -> {
                        go.await();
                        return work.call();
                    }));
                }
            }
            go.countDown();
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : running) {
            out.add(f.get());
        }
        return out;
    }
}
