package io.runbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.server.Runbox;
import io.runbox.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./runbox bench-load}: the question users ask, answered side by side in one run. For each language
 * (python, javascript, c, cpp, java, kotlin, typescript; those the catalogue lacks are named "not installed"), its
 * hello world as a bare cold start on the host ({@link BareHello}: the same toolchain and command lines, no box,
 * no server) against Runbox through HTTP {@code POST /v1/execute}, at each concurrency level (1, 2, 4, 8 clients,
 * closed loop, the same levels for both): latency p50/p90, throughput and host CPU per run ({@link HostCpu}), with
 * the ratio Runbox/bare of each. Every request is a new source (a numbered comment), so no compile cache answers,
 * except the row "c (cache hit)", which sends one source again and again and is compared with the bare new C
 * source. Each language is first sent unmeasured runs ({@code --warmup}, 10 s by default), so the figures are the
 * service's steady state, not its first minute. First the server's sandbox and its mode (reused boxes by default, warm boxes, or a new box per run); after
 * each language, how many boxes wait idle for the next request and the memory they hold ({@link IdleBoxMemory}).
 *
 * <p>Then the cost of the access check alone: {@code GET /api/v2/runtimes} (no execution) with an API key of the
 * {@code unlimited} plan, so every call is looked up, rate-checked and counted against the key's monthly quota.
 *
 * <p>Without {@code --url} it starts a server of its own on a free port with a temporary data directory
 * and the default configuration (execution slots = cores), and creates the key itself. Options:
 * {@link LoadOptions}. Ends with the total time and the load average.
 */
public final class LoadBenchmark {
    private static final String CACHE_HIT_ROW = "c (cache hit)";
    /** At most this many unmeasured runs per language before its first level ({@code --warmup} bounds their time). */
    private static final int WARMUP_RUNS = 500;

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("runbox bench-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        String url = options.url();
        String key = options.key();
        EmbeddedServer embedded = null;
        Runbox runbox = Runbox.fromEnvironment();
        if (url == null) {
            embedded = EmbeddedServer.start(runbox);
            url = embedded.url();
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        if (key == null && embedded != null) {
            key = createKey(http, url, embedded.adminToken());
        }
        System.out.printf("Runbox load benchmark: %s, at most %d runs or %.0f s per level, language and mode, %d cores,"
                + " load average at start %s%n", url, options.requests(), options.seconds(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("server: %s%n%n", embedded != null ? embedded.server().description()
                : "not started here (its start line in its log names its sandbox's mode)");
        try {
            if (options.requests() > 0) {
                // Boxes of this process's server carry its pid; with --url, every box on the host is counted.
                String boxPrefix = embedded != null ? "box-" + ProcessHandle.current().pid() + "-" : "box-";
                executions(runbox, http, url, options, boxPrefix);
            }
            if (options.keyed() > 0 && key != null) {
                keyedCalls(http, url, key, options.keyed(), options.clients());
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        System.out.printf("Total %.0f s, load average at the end %s%n", (System.nanoTime() - started) / 1e9, loadAverage());
        // The MCP SDK's session sweeper keeps a non-daemon thread after its server is closed.
        System.exit(0);
    }

    private static void executions(Runbox runbox, HttpClient http, String url, LoadOptions options, String boxPrefix)
            throws Exception {
        Catalogue catalogue = runbox.catalogue();
        SideBySide table = new SideBySide();
        Table pool = new Table("after", "idle box cgroups", "their memory MB", "MB per cgroup");
        StringBuilder commands = new StringBuilder();
        for (String lang : options.languages()) {
            Optional<InstalledLanguage> installed = catalogue.find(lang);
            if (installed.isEmpty()) {
                table.missing(lang, catalogue.missing().stream().anyMatch(d -> d.id().equals(lang))
                        ? "not installed (its toolchain is missing; ./runbox setup installs it)"
                        : "not installed (no language definition in the catalogue)");
                continue;
            }
            Compiler compiler = installed.get().defaultCompiler();
            HelloProgram hello = HelloProgram.of(compiler.language(), runbox.executionConfig().languagesDir());
            String id = compiler.language().id();
            try (BareHello bare = BareHello.of(compiler, runbox.executionConfig())) {
                commands.append(String.format("%-10s %s%n", id, bare.describe()));
                // Warm-up, not measured: the page cache, a box of the language's shape, the warm compiler, then
                // the server's steady state (its JIT has compiled the request path, as in a service that has run
                // for a while) and the bare command's page cache again.
                bare.run(0, hello.fresh());
                execute(http, url, id, hello.fresh());
                if (compiler.language().warmCompile() != null) {
                    awaitWarmCompiler(http, url, id, hello);
                }
                if (options.warmupSeconds() > 0) {
                    ClosedLoop.run(2, WARMUP_RUNS, options.warmupSeconds(), () -> execute(http, url, id, hello.fresh()));
                    ClosedLoop.run(1, 3, options.warmupSeconds(), new Worker(bare, hello)::next);
                }
                Map<Integer, ClosedLoop.Result> bareByLevel = new HashMap<>();
                for (int clients : options.clients()) {
                    ClosedLoop.Result b = ClosedLoop.run(clients, options.requests(), options.seconds(),
                            new Worker(bare, hello)::next);
                    ClosedLoop.Result r = ClosedLoop.run(clients, options.requests(), options.seconds(),
                            () -> execute(http, url, id, hello.fresh()));
                    bareByLevel.put(clients, b);
                    table.row(id, clients, b, r);
                }
                if (options.spacedMillis() > 0) {
                    int pause = options.spacedMillis();
                    int runs = Math.min(options.requests(), 20);
                    ClosedLoop.Result b = ClosedLoop.run(1, runs, options.seconds() * 4, pause,
                            new Worker(bare, hello)::next);
                    ClosedLoop.Result r = ClosedLoop.run(1, runs, options.seconds() * 4, pause,
                            () -> execute(http, url, id, hello.fresh()));
                    table.row(id, "1, " + pause + " ms apart", b, r);
                }
                if (id.equals("c")) {
                    String same = hello.fixed();
                    execute(http, url, id, same); // fills the compile cache
                    for (int clients : options.clients()) {
                        table.row(CACHE_HIT_ROW, clients, bareByLevel.get(clients),
                                ClosedLoop.run(clients, options.requests(), options.seconds(), () -> execute(http, url, id, same)));
                    }
                }
            }
            Thread.sleep(1500); // a warm-box pool refills in the background once the last request has returned
            IdleBoxMemory.Snapshot s = IdleBoxMemory.of(boxPrefix);
            pool.row(id, s.boxes(), s.megabytes(), s.boxes() == 0 ? null : s.megabytes() / s.boxes());
        }
        System.out.println("Hello world: bare cold start on the host vs Runbox through HTTP POST /v1/execute, compile + run,"
                + " closed loop (each client sends its next run when its last returned); ms, runs/s, ratio = Runbox / bare");
        System.out.println("1, N ms apart: one client that waits N ms before each run (light load: latency as one user"
                + " sees it when the service is not saturated; its runs/s include the waits)");
        System.out.println("cpu/run: the host's busy CPU time (/proc/stat: every process, the benchmark's clients and server"
                + " included) over the level, divided by the runs, ms");
        System.out.println("c (cache hit): the same C source every time, answered from the compile cache; its bare columns"
                + " are the bare new C source");
        System.out.println(table.render());
        System.out.println("Bare commands (the catalogue's, run in a directory of the host):");
        System.out.println(commands);
        System.out.println("Idle boxes after each language, waiting for the next request (reused boxes between runs:"
                + " two cgroups each, the box's init and its next run set up ahead, with its runtime for python and node;"
                + " or warm boxes set up ahead; after java, its warm compilers too; memory: their memory cgroups,"
                + " usage_in_bytes: their processes, page cache and kernel memory)");
        System.out.println(pool.render());
    }

    /** A bare client: each client thread runs in its own directory. */
    private static final class Worker {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final BareHello bare;
        private final HelloProgram hello;
        private final ThreadLocal<Integer> index = ThreadLocal.withInitial(NEXT::incrementAndGet);

        Worker(BareHello bare, HelloProgram hello) {
            this.bare = bare;
            this.hello = hello;
        }

        boolean next() throws IOException {
            bare.run(index.get(), hello.fresh());
            return true;
        }
    }

    /**
     * Warm-up of a language with a warm compiler, not measured: sends new programs until a warm compiler served one
     * ({@code runbox_warm_compiles_total} grew), at most 90 s; a server without one is measured as it is.
     */
    private static void awaitWarmCompiler(HttpClient http, String url, String language, HelloProgram hello)
            throws Exception {
        double before = warmCompiles(http, url);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            execute(http, url, language, hello.fresh());
            if (warmCompiles(http, url) > before) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** {@code runbox_warm_compiles_total} of the server's {@code /metrics}, or 0 when it has none. */
    private static double warmCompiles(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^runbox_warm_compiles_total ([0-9.eE+]+)$")
                .matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** One {@code POST /v1/execute}; true when it greeted, false when refused with 429; anything else fails. */
    private static boolean execute(HttpClient http, String url, String language, String code) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/v1/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"language\": \"" + language + "\", \"code\": "
                        + quoted(code) + "}")).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 429) {
            return false;
        }
        JsonNode run = r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).path("run") : null;
        if (run == null || !run.path("stdout").asText().startsWith("Hello")) {
            throw new IllegalStateException(language + " through HTTP: " + r.statusCode() + ": " + r.body());
        }
        return true;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void keyedCalls(HttpClient http, String url, String key, int calls, List<Integer> levels)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v2/runtimes"))
                .header("Authorization", "Bearer " + key).GET().build();
        ClosedLoop.Attempt call = () -> {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 429) {
                return false;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return true;
        };
        ClosedLoop.run(2, Math.min(calls, 200), 60, call); // warm-up
        Table table = new Table("clients", "calls", "ok", "429", "calls/s", "p50 ms", "p90 ms", "p99 ms");
        for (int clients : levels) {
            ClosedLoop.Result l = ClosedLoop.run(clients, calls, 60, call);
            Stats s = l.stats();
            table.row(clients, calls, l.ok(), l.refused(), l.perSecond(), s.p50(), s.p90(), s.p99());
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
        return Json.MAPPER.readTree(r.body()).get("key").asText();
    }

    private static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LoadBenchmark() {
    }
}
