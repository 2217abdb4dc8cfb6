package io.runbox.bench;

import io.runbox.core.ExecRequest;
import io.runbox.core.SourceFile;
import io.runbox.engine.Executor;
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
 * ({@link Executor#execute} in this process, one at a time) for the same programs.
 *
 * <p>Without {@code --url} it starts a server of its own on a free port with a temporary data directory
 * and the default configuration (execution slots = cores). Options: {@code --url URL}, {@code --requests N}
 * per level and language (default 60), {@code --clients 1,2,4,8}.
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
        int requests = 60;
        List<Integer> levels = List.of(1, 2, 4, 8);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--clients" -> levels = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --url URL, --requests N, --clients 1,2,4,8)");
            }
        }
        RunboxServer embedded = null;
        Runbox runbox = Runbox.fromEnvironment();
        if (url == null) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("RUNBOX_PORT", "0");
            env.put("RUNBOX_HOST", "127.0.0.1");
            env.put("RUNBOX_DATA_DIR", Files.createTempDirectory("runbox-bench-data").toString());
            // Measure the service, not the rate limits: keyless calls with a limit far above the load.
            env.put("RUNBOX_ANONYMOUS", "true");
            env.put("RUNBOX_ANONYMOUS_RPM", "100000000");
            env.put("RUNBOX_BOOTSTRAP_KEY", "false");
            embedded = RunboxServer.start(new Runbox(runbox.home(), ConfigLoader.load(null, env)));
            url = "http://127.0.0.1:" + embedded.port();
        }
        System.out.printf("Runbox load benchmark: %s, %d requests per level and language, %d cores%n%n",
                url, requests, Runtime.getRuntime().availableProcessors());
        try {
            Table engine = new Table("language", "engine p50", "engine p90");
            Executor executor = runbox.executor(runbox.sandbox());
            Map<String, Stats> engineStats = new HashMap<>();
            for (String lang : List.of("python", "c")) {
                List<Long> t = new ArrayList<>();
                for (int i = 0; i < 22; i++) {
                    long t0 = System.nanoTime();
                    executor.execute(request(executor, lang));
                    if (i >= 2) {
                        t.add(System.nanoTime() - t0);
                    }
                }
                Stats s = Stats.of(t);
                engineStats.put(lang, s);
                engine.row(lang, s.p50(), s.p90());
            }
            System.out.println("Engine alone (Executor.execute, compile + run, one at a time, 20 runs), ms");
            System.out.println(engine.render());

            Table table = new Table("language", "clients", "requests", "ok", "429", "req/s", "p50 ms", "p90 ms",
                    "p99 ms", "p50 - engine p50");
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            for (String lang : List.of("python", "c")) {
                Supplier<String> body = () -> "{\"language\": \"" + lang + "\", \"code\": "
                        + quoted(program(lang)) + "}";
                for (int clients : levels) {
                    Level l = level(http, url, body, clients, requests);
                    Stats s = Stats.of(l.latencies);
                    table.row(lang, clients, requests, l.ok.get(), l.busy.get(), l.throughput, s.p50(), s.p90(), s.p99(),
                            s.p50() - engineStats.get(lang).p50());
                }
            }
            System.out.println("POST /v1/execute under load (closed loop: each client sends its next request when the last returns)");
            System.out.println(table.render());
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
        // The MCP SDK's session sweeper keeps a non-daemon thread after its server is closed.
        System.exit(0);
    }

    private static ExecRequest request(Executor executor, String lang) {
        String file = executor.catalogue().find(lang).orElseThrow().definition().sourceFile();
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

    private static Level level(HttpClient http, String url, Supplier<String> body, int clients, int requests)
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
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/v1/execute"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.get())).build();
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
