package io.runbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.runbox.store.LocalPostgres;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./runbox bench-cluster}: async-job throughput of a cluster of 1, 2 and 3 nodes on one PostgreSQL (the
 * benchmark's own: {@code initdb} and {@code pg_ctl} into a temporary directory), each node a {@code runbox serve}
 * process on this machine; then what the store adds to a request's latency, PostgreSQL against the embedded SQLite.
 * On one machine the nodes share its cores: the figures show the cluster's own overhead, not a scale-out.
 */
public final class ClusterBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 200;
        int calls = 400;
        List<Integer> sizes = List.of(1, 2, 3);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--nodes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> {
                    System.err.println("runbox: unknown bench-cluster option '" + args[i]
                            + "' (--jobs N, --calls N, --nodes 1,2,3)");
                    System.exit(2);
                }
            }
        }
        Path home = Path.of(System.getProperty("runbox.home", ".")).toAbsolutePath();
        String adminToken = "bench-" + UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("Runbox cluster benchmark: %d cores, load average at start %s%n", cores, loadAverage());
        System.out.printf("Every node runs on this machine: they share its %d cores, so the throughput of N nodes is"
                + " bounded by the same CPU (CPU-bound here), and what the table shows is the cluster's own cost.%n%n",
                cores);
        try (LocalPostgres postgres = LocalPostgres.launch(); Receiver receiver = new Receiver()) {
            Table throughput = new Table("nodes", "jobs", "seconds", "jobs/s", "ratio to 1 node", "host cpu/job ms");
            double single = Double.NaN;
            for (int n : sizes) {
                String url = postgres.createDatabase();
                List<NodeProcess> nodes = new ArrayList<>();
                try {
                    for (int i = 0; i < n; i++) {
                        nodes.add(NodeProcess.start(home, adminToken, Map.of("RUNBOX_DATABASE_URL", url,
                                "RUNBOX_NODE_ID", "node-" + i)));
                    }
                    runJobs(http, nodes, receiver, 20); // warm-up: boxes, the JIT, the pool's connections
                    long cpu = HostCpu.busyMs();
                    long t0 = System.nanoTime();
                    runJobs(http, nodes, receiver, jobs);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double perSecond = jobs / seconds;
                    if (n == sizes.getFirst()) {
                        single = perSecond;
                    }
                    throughput.row(n, jobs, seconds, perSecond, String.format("%.2fx", perSecond / single),
                            (double) (HostCpu.busyMs() - cpu) / jobs);
                } finally {
                    for (NodeProcess node : nodes) {
                        node.close();
                    }
                }
            }
            System.out.println("1. Async jobs (python hello world, POST /v1/jobs with a callback) spread over the"
                    + " nodes by " + CLIENTS + " clients, from the first submission to the last callback");
            System.out.println(throughput.render());

            Table latency = new Table("store", "request", "calls", "p50 ms", "p90 ms", "p99 ms");
            Map<String, double[]> p50 = new HashMap<>();
            for (String store : List.of("SQLite", "PostgreSQL")) {
                Map<String, String> env = store.equals("SQLite") ? Map.of()
                        : Map.of("RUNBOX_DATABASE_URL", postgres.createDatabase());
                try (NodeProcess node = NodeProcess.start(home, adminToken, env)) {
                    String key = createKey(http, node, adminToken);
                    String job = submit(http, node, null, key);
                    for (String[] request : List.of(new String[] {"GET /v1/jobs/{id}", "/v1/jobs/" + job},
                            new String[] {"GET /api/v2/runtimes", "/api/v2/runtimes"})) {
                        HttpRequest get = HttpRequest.newBuilder(URI.create(node.url + request[1]))
                                .header("Authorization", "Bearer " + key).build();
                        timed(http, get, calls / 4); // warm-up
                        Stats s = timed(http, get, calls);
                        latency.row(store, request[0], calls, s.p50(), s.p90(), s.p99());
                        p50.computeIfAbsent(request[0], r -> new double[2])[store.equals("SQLite") ? 0 : 1] = s.p50();
                    }
                }
            }
            System.out.println("2. What the store adds to a request, one client, calls one after another: each call"
                    + " looks its key up (SHA-256, then the store) and counts a use; GET /v1/jobs/{id} also reads the"
                    + " job");
            System.out.println(latency.render());
            p50.forEach((request, v) -> System.out.printf("%s: PostgreSQL adds %.2f ms at p50 (%.2f vs %.2f)%n",
                    request, v[1] - v[0], v[1], v[0]));
        }
        System.out.printf("load average at the end %s%n", loadAverage());
        System.exit(0);
    }

    /** Submits {@code count} jobs over the nodes from {@link #CLIENTS} threads and waits for all their callbacks. */
    private static void runJobs(HttpClient http, List<NodeProcess> nodes, Receiver receiver, int count)
            throws Exception {
        CountDownLatch done = receiver.expect(count);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        submit(http, nodes.get(i % nodes.size()), receiver.url(), null);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not every job's callback arrived within 10 minutes");
        }
    }

    private static String submit(HttpClient http, NodeProcess node, String callback, String key) throws Exception {
        String body = "{\"language\": \"python\", \"code\": \"print('hello')\""
                + (callback == null ? "" : ", \"callback_url\": \"" + callback + "\"") + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url + "/v1/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/jobs answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static String createKey(HttpClient http, NodeProcess node, String adminToken) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url + "/admin/keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"api\", \"plan\": \"unlimited\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode key = JSON.readTree(r.body()).get("key");
        if (r.statusCode() != 201 || key == null) {
            throw new IllegalStateException("POST /admin/keys answered " + r.statusCode() + ": " + r.body());
        }
        return key.asText();
    }

    private static Stats timed(HttpClient http, HttpRequest request, int calls) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return Stats.of(nanos);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Counts callbacks on loopback; {@link #expect} waits for the next {@code n}. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private volatile CountDownLatch latch = new CountDownLatch(0);

        Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/cb", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                latch.countDown();
            });
            server.start();
        }

        CountDownLatch expect(int n) {
            latch = new CountDownLatch(n);
            return latch;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
