package io.runbox.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.runbox.core.ExecResult;
import io.runbox.core.StageResult;
import io.runbox.execution.compile.CompileCache;
import io.runbox.execution.warm.WarmCompilers;
import io.runbox.execution.session.SessionManager;
import io.runbox.sandbox.BubblewrapSandbox;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The service's metrics, exposed at {@code /metrics} in the Prometheus format: executions by language and
 * status, the run stage's wall-time histogram, jobs queued and executions running, live sessions and the idle
 * sessions whose cleanup failed, and the warm boxes that failed before their run.
 */
public final class RunboxMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void recordExecution(ExecResult result) {
        Counter.builder("runbox_executions")
                .description("Executions by language and final status")
                .tag("language", result.language())
                .tag("status", result.status().name())
                .register(registry)
                .increment();
        StageResult run = result.run();
        if (run != null) {
            Timer.builder("runbox_run_time")
                    .description("Wall time of the run stage")
                    .tag("language", result.language())
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .register(registry)
                    .record(Duration.ofMillis(run.wallMs()));
        }
    }

    /** Registers gauges read at scrape time. */
    public void gauges(Supplier<Number> queued, Supplier<Number> running, Supplier<Number> waiting) {
        Gauge.builder("runbox_jobs_queued", queued).description("Asynchronous jobs waiting in the store").register(registry);
        Gauge.builder("runbox_executions_running", running).description("Executions running now").register(registry);
        Gauge.builder("runbox_sync_waiting", waiting).description("Synchronous requests waiting for a slot").register(registry);
    }

    /** The compile cache's hits, misses and memory, read at scrape time. */
    public void compileCache(CompileCache cache) {
        FunctionCounter.builder("runbox_compile_cache_hits", cache, CompileCache::hits)
                .description("Compiles answered from the compile cache").register(registry);
        FunctionCounter.builder("runbox_compile_cache_misses", cache, CompileCache::misses)
                .description("Compiles that ran in a box (the cache had no entry)").register(registry);
        Gauge.builder("runbox_compile_cache_bytes", cache, CompileCache::bytes).baseUnit("bytes")
                .description("Memory held by compiled programs kept for identical requests").register(registry);
    }

    /** The warm compilers' compiles, fallbacks, number and idle memory, read at scrape time. */
    public void warmCompilers(WarmCompilers warm) {
        FunctionCounter.builder("runbox_warm_compiles", warm, WarmCompilers::served)
                .description("Compiles a warm compiler served").register(registry);
        FunctionCounter.builder("runbox_warm_compile_fallbacks", warm, WarmCompilers::fellBack)
                .description("Compiles a warm compiler took and left to a box of their own").register(registry);
        Gauge.builder("runbox_warm_compilers", warm, WarmCompilers::live)
                .description("Warm compilers alive or starting").register(registry);
        Gauge.builder("runbox_warm_compilers_idle_memory_bytes", warm, WarmCompilers::idleMemoryBytes).baseUnit("bytes")
                .description("Memory the idle warm compilers hold").register(registry);
    }

    /** Live sessions and {@code runbox_session_reap_failures_total}, read at scrape time. */
    public void sessions(SessionManager sessions) {
        Gauge.builder("runbox_sessions_live", sessions, SessionManager::live)
                .description("Persistent sessions alive on this node").register(registry);
        FunctionCounter.builder("runbox_session_reap_failures", sessions, SessionManager::reapFailures)
                .description("Idle sessions whose closing failed (their files may be left behind; see the log)")
                .register(registry);
    }

    /**
     * {@code runbox_warm_box_fallbacks_total} (runs whose box set up ahead or reused box failed, so they started a new
     * one), the reused boxes' runs, pre-started runs and retirements, and the boxes idle now.
     */
    public void warmBoxes(BubblewrapSandbox sandbox) {
        FunctionCounter.builder("runbox_warm_box_fallbacks", sandbox, BubblewrapSandbox::warmBoxFallbacks)
                .description("Runs that took a box set up ahead which failed before their program started, and ran"
                        + " in a new box (see the log)")
                .register(registry);
        FunctionCounter.builder("runbox_reused_runs", sandbox, BubblewrapSandbox::reusedRuns)
                .description("Runs served by a reused box that had served another run before").register(registry);
        FunctionCounter.builder("runbox_prestarted_runs", sandbox, BubblewrapSandbox::prestartedRuns)
                .description("Runs served by a runtime a reused box started ahead of them").register(registry);
        FunctionCounter.builder("runbox_ahead_runs", sandbox, BubblewrapSandbox::aheadRuns)
                .description("Runs served by namespaces, cgroup and mounts a reused box set up ahead of them")
                .register(registry);
        FunctionCounter.builder("runbox_reused_boxes_retired", sandbox, BubblewrapSandbox::reusedBoxesRetired)
                .description("Reused boxes closed (after a run that did not end cleanly, worn out, idle too long)")
                .register(registry);
        Gauge.builder("runbox_boxes_idle", sandbox, BubblewrapSandbox::warmBoxesIdle)
                .description("Boxes waiting idle for a request (reused boxes, or warm boxes when reuse is off)")
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
