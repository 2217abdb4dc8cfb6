package io.runbox.bench;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.Status;
import io.runbox.core.Workspace;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.LimitResolver;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.server.Runbox;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./runbox bench}: what the sandbox costs.
 *
 * <ol>
 *   <li>Hello world of each language ({@code languages/<id>/test.*}), its run stage run bare with
 *       {@link ProcessBuilder} and through {@link Sandbox#run} with the engine's argv, interleaved, after
 *       warm-up: in a box started for the run ("new box", warm boxes off) and in a box set up ahead ("warm
 *       box", the service's default; after each run the benchmark waits until the replacement box is ready, as
 *       it is between a client's requests); the overhead is the difference of the medians. Then the engine's
 *       whole {@link RequestRunner#execute} latency (compile and run, fresh workspaces) per language.</li>
 *   <li>Throughput of the sandboxed C hello world with 1, 2 and 4 concurrent workers, next to bare, with new
 *       boxes and with warm boxes (closed loop, so the warm boxes run out when the host is saturated).</li>
 *   <li>A breakdown of one box's cost (see {@link Breakdown}).</li>
 * </ol>
 *
 * Options: {@code --runs N} (50), {@code --warmup N} (5), {@code --engine-runs N} (10), {@code --duration S}
 * seconds per throughput level (3), {@code --breakdown-runs N} (30), {@code --languages a,b} (python,c,java),
 * {@code --skip engine,throughput,breakdown}.
 */
public final class Benchmark {
    /** Extra milliseconds over bare the project allows for the C hello world's median. */
    static final double C_TARGET_EXTRA_MS = 8.0;
    /** Ratio to bare the project allows for the Python hello world's median. */
    static final double PYTHON_TARGET_RATIO = 1.5;

    private final Options opt;
    private final PrintStream out = System.out;
    /** The same sandbox with no box set up ahead: every run starts its own. */
    private Sandbox coldSandbox;

    private Benchmark(Options opt) {
        this.opt = opt;
    }

    record Options(int runs, int warmup, int engineRuns, double durationSeconds, int breakdownRuns,
                   List<String> languages, List<String> skip) {

        static Options parse(String[] args) {
            int runs = 50;
            int warmup = 5;
            int engineRuns = 10;
            double duration = 3;
            int breakdownRuns = 30;
            List<String> languages = List.of("python", "c", "java");
            List<String> skip = List.of();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--runs" -> { runs = positive(a, v); i++; }
                    case "--warmup" -> { warmup = nonNegative(a, v); i++; }
                    case "--engine-runs" -> { engineRuns = positive(a, v); i++; }
                    case "--duration" -> { duration = Double.parseDouble(need(a, v)); i++; }
                    case "--breakdown-runs" -> { breakdownRuns = positive(a, v); i++; }
                    case "--languages" -> { languages = List.of(need(a, v).split(",")); i++; }
                    case "--skip" -> { skip = List.of(need(a, v).split(",")); i++; }
                    case "-h", "--help" -> {
                        System.out.println("""
                                usage: ./runbox bench [--runs N] [--warmup N] [--engine-runs N] [--duration SECONDS]
                                                      [--breakdown-runs N] [--languages python,c,java]
                                                      [--skip engine,throughput,breakdown]""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            return new Options(runs, warmup, engineRuns, duration, breakdownRuns, languages, skip);
        }

        boolean skips(String part) {
            return skip.contains(part);
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(need(option, value));
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }

        private static int nonNegative(String option, String value) {
            int n = Integer.parseInt(need(option, value));
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return n;
        }
    }

    public static void main(String[] args) throws Exception {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("runbox bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Benchmark(opt).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Runbox runbox = Runbox.fromEnvironment();
        Catalogue catalogue = runbox.catalogue();
        BubblewrapSandbox sandbox = (BubblewrapSandbox) runbox.sandbox();
        coldSandbox = runbox.sandboxForOneRun();
        // One sandbox for the direct runs and the engine's, as the service shares one.
        RequestRunner runner = runbox.runner(sandbox);

        out.println("Runbox sandbox benchmark");
        out.printf("host: %s %s, %d cores; %s; JVM %s (process launch: %s)%n", System.getProperty("os.name"),
                System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(), sandbox.describe(),
                Runtime.version(), System.getProperty("jdk.lang.Process.launchMechanism", "default"));
        out.printf("date: %s; load average at start: %s; runs: %d (+%d warm-up) per mode; times in ms%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), opt.runs(), opt.warmup());

        List<LanguageSubject> subjects = new ArrayList<>();
        try {
            for (String lang : opt.languages()) {
                try {
                    subjects.add(LanguageSubject.prepare(lang.strip(), catalogue, sandbox, runbox.executionConfig()));
                } catch (io.runbox.execution.RequestRejectedException e) {
                    out.printf("(skipping %s: %s)%n", lang, e.getMessage());
                }
            }
            latency(sandbox, subjects);
            if (!opt.skips("engine")) {
                engine(runner, subjects);
            }
            LanguageSubject c = subjects.stream().filter(s -> s.id.equals("c")).findFirst().orElse(null);
            if (!opt.skips("throughput")) {
                if (c == null) {
                    out.println("\n(throughput skipped: C is not among the benchmarked languages)");
                } else {
                    throughput(c);
                }
            }
            if (!opt.skips("breakdown")) {
                breakdown(runbox, sandbox, c != null ? c.runLimits : defaultRunLimits(runbox, catalogue),
                        c != null ? c.env : RequestRunner.BASE_ENV);
            }
        } finally {
            subjects.forEach(LanguageSubject::close);
        }
        out.printf("%ntotal benchmark time: %.1f s; load average at end: %s%n", (System.nanoTime() - started) / 1e9,
                loadAverage());
        System.exit(0);
    }

    private static Limits defaultRunLimits(Runbox runbox, Catalogue catalogue) {
        return new LimitResolver(runbox.executionConfig())
                .resolve(catalogue.languages().get(0).definition(), StageLimits.UNSET).run();
    }

    // ---- 1. latency, bare vs sandboxed ----------------------------------------------------------------------

    private void latency(BubblewrapSandbox warm, List<LanguageSubject> subjects) throws IOException {
        Map<LanguageSubject, Stats[]> results = new LinkedHashMap<>();
        for (LanguageSubject s : subjects) {
            List<Long> bare = new ArrayList<>();
            List<Long> cold = new ArrayList<>();
            List<Long> warmed = new ArrayList<>();
            for (int i = 0; i < opt.warmup() + opt.runs(); i++) {
                long t0 = System.nanoTime();
                s.runBare(s.workspace);
                long t1 = System.nanoTime();
                s.runSandboxed(coldSandbox, s.workspace);
                long t2 = System.nanoTime();
                int idle = warm.warmBoxesIdle();
                long t3 = System.nanoTime();
                s.runSandboxed(warm, s.workspace);
                long t4 = System.nanoTime();
                awaitIdle(warm, Math.max(idle, 1));
                if (i >= opt.warmup()) {
                    bare.add(t1 - t0);
                    cold.add(t2 - t1);
                    warmed.add(t4 - t3);
                }
            }
            results.put(s, new Stats[] {Stats.of(bare), Stats.of(cold), Stats.of(warmed)});
        }

        out.println("\n1a. Hello world, run stage only: bare (ProcessBuilder) vs sandboxed (Sandbox.run), wall ms");
        Table t = new Table("language", "compiler", "mode", "p50", "p90", "p99", "mean");
        results.forEach((s, st) -> {
            t.row(s.id, s.compiler.id(), "bare", st[0].p50(), st[0].p90(), st[0].p99(), st[0].mean());
            t.row("", "", "new box", st[1].p50(), st[1].p90(), st[1].p99(), st[1].mean());
            t.row("", "", "warm box", st[2].p50(), st[2].p90(), st[2].p99(), st[2].mean());
        });
        out.print(t.render());

        out.println("\n1b. Sandbox overhead (medians; the target applies to the service's default, warm boxes)");
        Table o = new Table("language", "bare p50", "new box", "warm box", "new box +ms", "warm box +ms", "warm ratio",
                "target", "met");
        results.forEach((s, st) -> {
            double coldExtra = st[1].p50() - st[0].p50();
            double extra = st[2].p50() - st[0].p50();
            double ratio = st[2].p50() / st[0].p50();
            String target = "-";
            String met = "-";
            if (s.id.equals("c")) {
                target = String.format(Locale.ROOT, "<= +%.0f ms", C_TARGET_EXTRA_MS);
                met = extra <= C_TARGET_EXTRA_MS ? "yes" : "NO";
            } else if (s.id.equals("python")) {
                target = String.format(Locale.ROOT, "<= %.1fx", PYTHON_TARGET_RATIO);
                met = ratio <= PYTHON_TARGET_RATIO ? "yes" : "NO";
            }
            o.row(s.id, st[0].p50(), st[1].p50(), st[2].p50(), coldExtra, extra,
                    String.format(Locale.ROOT, "%.2fx", ratio), target, met);
        });
        out.print(o.render());
    }

    /** Waits (up to a second) until {@code count} boxes are idle again: the one just taken has been replaced. */
    private static void awaitIdle(BubblewrapSandbox warm, int count) throws IOException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (warm.warmBoxesIdle() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    // ---- 1c. engine end to end --------------------------------------------------------------------------------

    private void engine(RequestRunner runner, List<LanguageSubject> subjects) throws Exception {
        out.printf("%n1c. Request runner end to end, RequestRunner.execute (fresh workspaces, compile + run), %d runs (+2 warm-up)%n",
                opt.engineRuns());
        Table t = new Table("language", "program", "p50", "p90", "mean", "compile box p50", "run box p50");
        for (LanguageSubject s : subjects) {
            // A request with a file of its own is a new program to the compile cache; the same request again is not.
            int[] n = {0};
            engineRow(t, runner, s, "new", () -> new ExecRequest(s.id, null, List.of(s.source,
                    SourceFile.of("bench-" + System.nanoTime() + "-" + n[0]++ + ".txt", "")),
                    null, null, null, null));
            if (s.definition.isCompiled()) {
                ExecRequest same = ExecRequest.of(s.id, s.source);
                engineRow(t, runner, s, "same again", () -> same);
            }
        }
        out.print(t.render());
        out.println("(compile/run box: the wall time the sandbox reports for each stage, whole ms; \"same again\": the"
                + " compile cache answers the compile stage)");
    }

    private void engineRow(Table t, RequestRunner runner, LanguageSubject s, String program,
                           Supplier<ExecRequest> requests) throws Exception {
        List<Long> total = new ArrayList<>();
        List<Long> compile = new ArrayList<>();
        List<Long> run = new ArrayList<>();
        for (int i = 0; i < 2 + opt.engineRuns(); i++) {
            ExecRequest request = requests.get();
            long t0 = System.nanoTime();
            ExecResult r = runner.execute(request);
            long ns = System.nanoTime() - t0;
            if (r.status() != Status.OK || !r.run().stdout().startsWith("Hello")) {
                throw new IOException("engine " + s.id + " hello world failed: " + r);
            }
            if (i >= 2) {
                total.add(ns);
                if (r.compile() != null) {
                    compile.add(r.compile().wallMs() * 1_000_000);
                }
                run.add(r.run().wallMs() * 1_000_000);
            }
        }
        Stats st = Stats.of(total);
        t.row(s.id, program, st.p50(), st.p90(), st.mean(), compile.isEmpty() ? null : Stats.of(compile).p50(),
                Stats.of(run).p50());
    }

    // ---- 2. throughput --------------------------------------------------------------------------------------

    private void throughput(LanguageSubject c) throws IOException {
        int[] levels = {1, 2, 4};
        long duration = (long) (opt.durationSeconds() * 1e9);
        out.printf("%n2. Throughput, C hello world run stage, closed loop, %.0f s per level, %d cores%n",
                opt.durationSeconds(), Runtime.getRuntime().availableProcessors());
        Table t = new Table("workers", "mode", "runs", "runs/s", "p50 ms", "p90 ms");
        List<Workspace> spaces = new ArrayList<>();
        try {
            for (int i = 0; i < levels[levels.length - 1]; i++) {
                spaces.add(c.copyWorkspace());
            }
            for (int w : levels) {
                Throughput.Result bare = Throughput.measure(w, duration, 2, k -> c.runBare(spaces.get(k)));
                Throughput.Result cold = Throughput.measure(w, duration, 2,
                        k -> c.runSandboxed(coldSandbox, spaces.get(k)));
                Throughput.Result warm = Throughput.measure(w, duration, 2, k -> c.runSandboxed(spaces.get(k)));
                t.row(w, "bare", bare.runs(), bare.perSecond(), bare.latency().p50(), bare.latency().p90());
                t.row("", "new box", cold.runs(), cold.perSecond(), cold.latency().p50(), cold.latency().p90());
                t.row("", "warm box", warm.runs(), warm.perSecond(), warm.latency().p50(), warm.latency().p90());
            }
        } finally {
            spaces.forEach(Workspace::close);
        }
        out.print(t.render());
    }

    // ---- 3. breakdown ---------------------------------------------------------------------------------------

    private void breakdown(Runbox runbox, BubblewrapSandbox warm, Limits limits, Map<String, String> env)
            throws IOException {
        Breakdown.Result r = new Breakdown(runbox.sandboxConfig(), coldSandbox, warm, limits, env)
                .run(3, opt.breakdownRuns());
        out.printf("%n3a. Where a box's time goes: each step alone, started from this JVM, %d runs round-robin%n",
                opt.breakdownRuns());
        Table t = new Table("step", "p50", "p90", "mean");
        r.stats().forEach((k, s) -> t.row(k, s.p50(), s.p90(), s.mean()));
        out.print(t.render());

        double spawn = r.p50(Breakdown.SPAWN);
        double launcher = r.p50(Breakdown.LAUNCHER);
        double join = r.p50(Breakdown.JOIN);
        double bwrapMin = r.p50(Breakdown.BWRAP_MIN);
        double ns = r.p50(Breakdown.BWRAP_NS);
        double full = r.p50(Breakdown.FULL);
        double cgroup = r.p50(Breakdown.CG_CREATE) + r.p50(Breakdown.CG_KILL) + r.p50(Breakdown.CG_USAGE)
                + r.p50(Breakdown.CG_REMOVE);
        double chown = r.p50(Breakdown.CHOWN);
        double sandboxRun = r.p50(Breakdown.SANDBOX_RUN);
        double overhead = sandboxRun - spawn;

        out.println("\n3b. Attribution of Sandbox.run(/bin/true) in a new box (differences of the medians above, ms)");
        Table a = new Table("part", "ms", "share");
        a.row("process spawn from the JVM + /bin/true itself (what bare pays)", spawn, "baseline");
        add(a, "launcher (fork, rlimits, descriptors, setuid, reap)", launcher - spawn, overhead);
        add(a, "cgroup join (launcher writes cgroup.procs)", join - launcher, overhead);
        add(a, "bwrap exec + user & mount namespace, one bind", bwrapMin - launcher, overhead);
        add(a, "engine's other namespaces and options (pid, ipc, uts, cgroup, net, ...)", ns - bwrapMin, overhead);
        add(a, "  of which the network namespace", ns - r.p50(Breakdown.BWRAP_NS_NONET), overhead);
        add(a, "  of which --disable-userns (a nested user namespace)", full - r.p50(Breakdown.FULL_NOUSERNS_LOCK), overhead);
        add(a, "engine mounts (ro-binds, /proc, /dev, /tmp, /box) + seccomp", full - ns, overhead);
        add(a, "  of which /proc, /dev, /tmp", full - r.p50(Breakdown.FULL_NOPROC), overhead);
        add(a, "  of which seccomp", full - r.p50(Breakdown.FULL_NOSECCOMP), overhead);
        add(a, "cgroup create + kill sweep + accounting read + rmdir (Java)", cgroup, overhead);
        add(a, "workspace chown (Java)", chown, overhead);
        add(a, "rest: Java-side argv, threads, waits", sandboxRun - full - (join - launcher) - cgroup - chown, overhead);
        a.row("= Sandbox.run(/bin/true), new box", sandboxRun, String.format(Locale.ROOT, "+%.1f over bare", overhead));
        double warmRun = r.p50(Breakdown.WARM_RUN);
        a.row("  the same in a warm box (set up ahead)", warmRun,
                String.format(Locale.ROOT, "+%.1f over bare", warmRun - spawn));
        out.print(a.render());
        out.println("(share = of the sandbox's overhead over bare; \"of which\" rows take one option out of the full "
                + "command line. Medians of separate samples: rows under ~0.3 ms are within noise.)");
    }

    private static void add(Table t, String label, double ms, double overhead) {
        t.row(label, ms, String.format(Locale.ROOT, "%.0f%%", 100 * ms / overhead));
    }

    /** The 1-, 5- and 15-minute load averages: other work on the host shows up in every figure. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
