package io.runbox.bench;

import io.runbox.core.ExecRequest;
import io.runbox.core.SourceFile;
import io.runbox.execution.RequestRunner;
import io.runbox.server.Runbox;
import io.runbox.server.RunboxServer;
import io.runbox.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code ./runbox bench-load}: the service under load. N concurrent clients (1, 2, 4, 8) send python and c
 * hello world through {@code POST /v1/execute} for a fixed count each level; prints latency percentiles,
 * throughput and how many requests were refused with 429, next to the engine alone
 * ({@link RequestRunner#execute} in this process, one at a time) for the same programs.
 *
 * <p>Then the cost of the access check alone: {@code GET /api/v2/runtimes} (no execution) with an API key of the
 * {@code unlimited} plan, so every call is looked up, rate-checked and counted against the key's monthly quota.
 *
 * <p>Without {@code --url} it starts a server of its own on a free port with a temporary data directory
 * and the default configuration (execution slots = cores), and creates the key itself. Options: {@code --url URL},
 * {@code --key KEY} (an API key of that server, for the keyed calls), {@code --requests N} per level and language
 * (default 60; 0 skips the executions), {@code --keyed N} calls per level (default 2000; 0 skips them),
 * {@code --clients 1,2,4,8}.
 */
public final class LoadBenchmark {
    /** Each request's program differs by a comment, so the compile cache never answers: every C request compiles. */
    private static final Map<String, String> PROGRAMS = Map.of(
            "python", "# %d\nprint('hello')\n",
            "c", "/* %d */\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
    private static final AtomicLong PROGRAM_NUMBER = new AtomicLong(System.nanoTime());

    private static String program(String lang) {
        return String.format(PROGRAMS.get(lang), PROGRAM_NUMBER.incrementAndGet());
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String key = null;
        int requests = 60;
        int keyed = 2000;
        List<Integer> levels = List.of(1, 2, 4, 8);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--key" -> key = args[++i];
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--keyed" -> keyed = Integer.parseInt(args[++i]);
                case "--clients" -> levels = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --url URL, --key KEY, --requests N, --keyed N, --clients 1,2,4,8)");
            }
        }
        String adminToken = "bench-" + java.util.UUID.randomUUID();
        RunboxServer embedded = null;
        Runbox runbox = Runbox.fromEnvironment();
        if (url == null) {
            Map<String, String> env = new HashMap<>();
            env.put("RUNBOX_PORT", "0");
            env.put("RUNBOX_HOST", "127.0.0.1");
            env.put("RUNBOX_DATA_DIR", Files.createTempDirectory("runbox-bench-data").toString());
            // Measure the service, not the rate limits: keyless calls with a limit far above the load.
            env.put("RUNBOX_ANONYMOUS", "true");
            env.put("RUNBOX_ANONYMOUS_RPM", "100000000");
            env.put("RUNBOX_BOOTSTRAP_KEY", "false");
            env.put("RUNBOX_ADMIN_TOKEN", adminToken);
            embedded = RunboxServer.start(new Runbox(runbox.home(),
                    ConfigLoader.load(null, ConfigLoader.processEnvironment(env))));
            url = "http://127.0.0.1:" + embedded.port();
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        if (key == null && embedded != null) {
            key = createKey(http, url, adminToken);
        }
        System.out.printf("Runbox load benchmark: %s, %d requests per level and language, %d cores%n%n",
                url, requests, Runtime.getRuntime().availableProcessors());
        try {
            if (requests > 0) {
                executions(runbox, http, url, requests, levels);
            }
            if (keyed > 0 && key != null) {
                keyedCalls(http, url, key, keyed, levels);
            }
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
        // The MCP SDK's session sweeper keeps a non-daemon thread after its server is closed.
        System.exit(0);
    }

    private static void executions(Runbox runbox, HttpClient http, String url, int requests, List<Integer> levels)
            throws Exception {
        Table engine = new Table("language", "engine p50", "engine p90");
        RequestRunner runner = runbox.runner(runbox.sandbox());
        Map<String, Stats> engineStats = new HashMap<>();
        for (String lang : List.of("python", "c")) {
            List<Long> t = new ArrayList<>();
            for (int i = 0; i < 22; i++) {
                long t0 = System.nanoTime();
                runner.execute(request(runner, lang));
                if (i >= 2) {
                    t.add(System.nanoTime() - t0);
                }
            }
            Stats s = Stats.of(t);
            engineStats.put(lang, s);
            engine.row(lang, s.p50(), s.p90());
        }
        System.out.println("Request runner alone (RequestRunner.execute, compile + run, one at a time, 20 runs), ms");
        System.out.println(engine.render());

        Table table = new Table("language", "clients", "requests", "ok", "429", "req/s", "p50 ms", "p90 ms",
                "p99 ms", "p50 - engine p50");
        for (String lang : List.of("python", "c")) {
            Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(URI.create(url + "/v1/execute"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"language\": \"" + lang + "\", \"code\": "
                            + quoted(program(lang)) + "}")).build();
            for (int clients : levels) {
                Level l = level(http, request, clients, requests);
                Stats s = Stats.of(l.latencies);
                table.row(lang, clients, requests, l.ok.get(), l.busy.get(), l.throughput, s.p50(), s.p90(), s.p99(),
                        s.p50() - engineStats.get(lang).p50());
            }
        }
        System.out.println("POST /v1/execute under load (closed loop: each client sends its next request when the last returns)");
        System.out.println(table.render());
    }

    private static void keyedCalls(HttpClient http, String url, String key, int calls, List<Integer> levels)
            throws Exception {
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(URI.create(url + "/api/v2/runtimes"))
                .header("Authorization", "Bearer " + key).GET().build();
        level(http, request, 2, Math.min(calls, 200)); // warm-up
        Table table = new Table("clients", "calls", "ok", "429", "calls/s", "p50 ms", "p90 ms", "p99 ms");
        for (int clients : levels) {
            Level l = level(http, request, clients, calls);
            Stats s = Stats.of(l.latencies);
            table.row(clients, calls, l.ok.get(), l.busy.get(), l.throughput, s.p50(), s.p90(), s.p99());
        }
        System.out.println("GET /api/v2/runtimes with an API key (the access check and quota count, no execution)");
        System.out.println(table.render());
    }

    /** An API key of the unlimited plan, made through the admin API of the embedded server. */
    private static String createKey(HttpClient http, String url, String adminToken) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"api\", \"plan\": \"unlimited\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot create a key: HTTP " + r.statusCode() + ": " + r.body());
        }
        return io.runbox.server.http.Json.MAPPER.readTree(r.body()).get("key").asText();
    }

    private static ExecRequest request(RequestRunner runner, String lang) {
        String file = runner.catalogue().entryFile(lang);
        return ExecRequest.of(lang, SourceFile.of(file, program(lang)));
    }

    private record Level(List<Long> latencies, AtomicInteger ok, AtomicInteger busy, double throughput) {
    }

    private static String quoted(String text) {
        try {
            return io.runbox.server.http.Json.MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Level level(HttpClient http, Supplier<HttpRequest> request, int clients, int requests)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger left = new AtomicInteger(requests);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        HttpRequest req = request.get();
                        long s = System.nanoTime();
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - s;
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            latencies.add(took);
                        } else if (r.statusCode() == 429) {
                            busy.incrementAndGet();
                        } else {
                            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Level(latencies, ok, busy, ok.get() / seconds);
    }

    private LoadBenchmark() {
    }
}
