package io.runbox.bench;

import io.runbox.bench.BoxModes.Mode;
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
import io.runbox.server.Runbox;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
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
 *       warm-up, in each {@link BoxModes.Mode}: a box started for the run ("new box"), a box set up ahead ("warm
 *       box"; after each run the benchmark waits until the replacement box is ready, as it is between a client's
 *       requests) and a long-lived box that makes each run fresh inside it ("reused box", the service's default);
 *       the overhead is the difference of the medians. Then the engine's whole {@link RequestRunner#execute}
 *       latency (compile and run, fresh workspaces) per language, on the service's sandbox.</li>
 *   <li>Throughput of the sandboxed C hello world with 1, 2 and 4 concurrent workers, next to bare, in each mode
 *       (closed loop, so the warm boxes run out when the host is saturated).</li>
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
    /** The sandboxes of each mode; the service's default runs the engine and prepares the subjects. */
    private BoxModes modes;

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
        modes = BoxModes.open(runbox);
        Sandbox service = modes.service();
        // One sandbox for the subjects' compiles and the engine's runs, as the service shares one.
        RequestRunner runner = runbox.runner(service);

        out.println("Runbox sandbox benchmark");
        out.printf("host: %s %s, %d cores; %s; JVM %s (process launch: %s)%n", System.getProperty("os.name"),
                System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(), service.describe(),
                Runtime.version(), System.getProperty("jdk.lang.Process.launchMechanism", "default"));
        out.printf("modes: bare; new box (started for the run); warm box (set up ahead); reused box (long-lived, each"
                + " run made fresh inside it); the service's default: %s%n", modes.serviceDefault().label);
        out.printf("date: %s; load average at start: %s; runs: %d (+%d warm-up) per mode; times in ms%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), opt.runs(), opt.warmup());

        List<LanguageSubject> subjects = new ArrayList<>();
        try {
            for (String lang : opt.languages()) {
                try {
                    subjects.add(LanguageSubject.prepare(lang.strip(), catalogue, service, runbox.executionConfig()));
                } catch (io.runbox.execution.RequestRejectedException e) {
                    out.printf("(skipping %s: %s)%n", lang, e.getMessage());
                }
            }
            latency(subjects);
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
                breakdown(runbox, c != null ? c.runLimits : defaultRunLimits(runbox, catalogue),
                        c != null ? c.env : RequestRunner.BASE_ENV);
            }
        } finally {
            subjects.forEach(LanguageSubject::close);
            runner.close();
            modes.close();
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

    private void latency(List<LanguageSubject> subjects) throws IOException {
        Mode[] all = Mode.values();
        Map<LanguageSubject, Map<Mode, Stats>> results = new LinkedHashMap<>();
        for (LanguageSubject s : subjects) {
            Map<Mode, List<Long>> samples = new EnumMap<>(Mode.class);
            for (Mode m : all) {
                samples.put(m, new ArrayList<>());
            }
            for (int i = 0; i < opt.warmup() + opt.runs(); i++) {
                for (Mode m : all) {
                    long ns = modes.timed(m, sandbox -> {
                        if (sandbox == null) {
                            s.runBare(s.workspace);
                        } else {
                            s.runSandboxed(sandbox, s.workspace);
                        }
                    });
                    if (i >= opt.warmup()) {
                        samples.get(m).add(ns);
                    }
                }
            }
            Map<Mode, Stats> stats = new EnumMap<>(Mode.class);
            samples.forEach((m, v) -> stats.put(m, Stats.of(v)));
            results.put(s, stats);
        }

        out.println("\n1a. Hello world, run stage only: bare (ProcessBuilder) vs sandboxed (Sandbox.run), wall ms");
        Table t = new Table("language", "compiler", "mode", "p50", "p90", "p99", "mean");
        results.forEach((s, st) -> {
            for (Mode m : all) {
                Stats x = st.get(m);
                t.row(m == Mode.BARE ? s.id : "", m == Mode.BARE ? s.compiler.id() : "", m.label, x.p50(), x.p90(),
                        x.p99(), x.mean());
            }
        });
        out.print(t.render());

        Mode target = modes.serviceDefault();
        out.printf("%n1b. Sandbox overhead (medians; the target applies to the service's default, the %s)%n",
                target.label);
        Table o = new Table("language", "bare p50", "new box", "warm box", "reused box", "new +ms", "warm +ms",
                "reused +ms", "warm ratio", "reused ratio", "target", "met");
        results.forEach((s, st) -> {
            double bare = st.get(Mode.BARE).p50();
            double extra = st.get(target).p50() - bare;
            double ratio = st.get(target).p50() / bare;
            String goal = "-";
            String met = "-";
            if (s.id.equals("c")) {
                goal = String.format(Locale.ROOT, "<= +%.0f ms", C_TARGET_EXTRA_MS);
                met = extra <= C_TARGET_EXTRA_MS ? "yes" : "NO";
            } else if (s.id.equals("python")) {
                goal = String.format(Locale.ROOT, "<= %.1fx", PYTHON_TARGET_RATIO);
                met = ratio <= PYTHON_TARGET_RATIO ? "yes" : "NO";
            }
            o.row(s.id, bare, st.get(Mode.NEW).p50(), st.get(Mode.WARM).p50(), st.get(Mode.REUSED).p50(),
                    st.get(Mode.NEW).p50() - bare, st.get(Mode.WARM).p50() - bare, st.get(Mode.REUSED).p50() - bare,
                    String.format(Locale.ROOT, "%.2fx", st.get(Mode.WARM).p50() / bare),
                    String.format(Locale.ROOT, "%.2fx", st.get(Mode.REUSED).p50() / bare), goal, met);
        });
        out.print(o.render());
        out.println("(" + modes.reusedCounters() + ")");
    }

    // ---- 1c. engine end to end --------------------------------------------------------------------------------

    private void engine(RequestRunner runner, List<LanguageSubject> subjects) throws Exception {
        out.printf("%n1c. Request runner end to end, RequestRunner.execute (fresh workspaces, compile + run), %d runs (+2 warm-up)%n",
                opt.engineRuns());
        Table t = new Table("language", "program", "p50", "p90", "mean", "compile box p50", "run box p50");
        for (LanguageSubject s : subjects) {
            // A request with a file of its own is a new program to the compile cache; the same request again is not.
            int[] n = {0};
            Supplier<ExecRequest> fresh = () -> new ExecRequest(s.id, null, List.of(s.source,
                    SourceFile.of("bench-" + System.nanoTime() + "-" + n[0]++ + ".txt", "")), null, null, null, null);
            if (s.definition.warmCompile() != null) {
                awaitWarmCompiler(runner, fresh);
            }
            engineRow(t, runner, s, "new", fresh);
            if (s.definition.isCompiled()) {
                ExecRequest same = ExecRequest.of(s.id, s.source);
                engineRow(t, runner, s, "same again", () -> same);
            }
        }
        out.print(t.render());
        out.println("(compile/run box: the wall time the sandbox reports for each stage, whole ms; \"same again\": the"
                + " compile cache answers the compile stage; java's new programs: its warm compiler, started first)");
    }

    /** Warm-up, not measured: new programs until a warm compiler served one, at most 90 s. */
    private static void awaitWarmCompiler(RequestRunner runner, Supplier<ExecRequest> fresh) throws Exception {
        long before = runner.warmCompilers().served();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (runner.warmCompilers().served() == before && System.nanoTime() < deadline) {
            runner.execute(fresh.get());
            Thread.sleep(500);
        }
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
                for (Mode m : Mode.values()) {
                    Sandbox in = modes.sandbox(m);
                    Throughput.Result r = Throughput.measure(w, duration, 2, in == null
                            ? k -> c.runBare(spaces.get(k))
                            : k -> c.runSandboxed(in, spaces.get(k)));
                    t.row(m == Mode.BARE ? w : "", m.label, r.runs(), r.perSecond(), r.latency().p50(),
                            r.latency().p90());
                    if (m == Mode.WARM) {
                        modes.awaitWarmIdle(1); // the refill is not the next mode's load
                    }
                }
            }
        } finally {
            spaces.forEach(Workspace::close);
        }
        out.print(t.render());
        out.println("(" + modes.reusedCounters() + ")");
    }

    // ---- 3. breakdown ---------------------------------------------------------------------------------------

    private void breakdown(Runbox runbox, Limits limits, Map<String, String> env) throws IOException {
        Breakdown.Result r = new Breakdown(runbox.sandboxConfig(), modes, limits, env)
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
        double reusedRun = r.p50(Breakdown.REUSED_RUN);
        a.row("  the same in a reused box (long-lived, the run made fresh inside it)", reusedRun,
                String.format(Locale.ROOT, "+%.1f over bare", reusedRun - spawn));
        out.print(a.render());
        out.println("(share = of the sandbox's overhead over bare; \"of which\" rows take one option out of the full "
                + "command line. Medians of separate samples: rows under ~0.3 ms are within noise.)");
        out.println("(" + modes.reusedCounters() + ")");
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
