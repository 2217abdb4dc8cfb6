package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.Limits;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.KeyHeader;
import io.runbox.server.api.judge0.Judge0Languages.Judge0Language;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.JobService;
import java.util.List;

/**
 * Judge0's catalogue and information endpoints: {@code /languages} (installed ones only, {@code name} with the real
 * version), {@code /languages/all}, {@code /languages/{id}}, {@code /statuses}, {@code /about}, {@code /version},
 * {@code /config_info} (every key Judge0 returns, with the limits this server applies), {@code /system_info} and
 * {@code /workers} (the job workers and the jobs queue).
 */
public final class Judge0InfoRoutes implements Routes {
    /** The Judge0 API version this door speaks. */
    static final String VERSION = "1.13.1";

    /** The server settings {@code config_info} and {@code /workers} report. */
    public record Settings(Limits runDefaults, long maxCodeBytes, int maxQueueSize, int callbackMaxTries,
                           double callbackTimeoutSeconds, int workers) {
    }

    private final Judge0Door door;
    private final RunService runService;
    private final JobService jobs;
    private final Settings settings;

    public Judge0InfoRoutes(Judge0Door door, RunService runService, JobService jobs, Settings settings) {
        this.door = door;
        this.runService = runService;
        this.jobs = jobs;
        this.settings = settings;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : Judge0Paths.bases(door.prefix())) {
            config.routes.get(base + "/languages", ctx -> ctx.json(languages(false)), AccessClass.OPEN);
            config.routes.get(base + "/languages/all", ctx -> ctx.json(languages(true)), AccessClass.OPEN);
            config.routes.get(base + "/languages/{id}", this::language, AccessClass.OPEN);
            config.routes.get(base + "/statuses", ctx -> ctx.json(statuses()), AccessClass.OPEN);
            config.routes.get(base + "/about", ctx -> ctx.json(about()), AccessClass.OPEN);
            config.routes.get(base + "/version", ctx -> ctx.result(VERSION), AccessClass.OPEN);
            config.routes.get(base + "/config_info", ctx -> ctx.json(configInfo()), AccessClass.OPEN);
            config.routes.get(base + "/system_info", ctx -> ctx.json(systemInfo()), AccessClass.KEY,
                    KeyHeader.X_AUTH_TOKEN);
            config.routes.get(base + "/workers", ctx -> ctx.json(workers()), AccessClass.KEY, KeyHeader.X_AUTH_TOKEN);
        }
    }

    private ArrayNode languages(boolean withArchived) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Judge0Language l : door.languages().installed()) {
            ObjectNode n = out.addObject().put("id", l.id()).put("name", l.name());
            if (withArchived) {
                n.put("is_archived", false);
            }
        }
        return out;
    }

    private void language(Context ctx) {
        int id;
        try {
            id = Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("language with id " + ctx.pathParam("id") + " doesn't exist");
        }
        Judge0Language l = door.languages().find(id)
                .orElseThrow(() -> ApiException.notFound("language with id " + id + " doesn't exist"));
        LanguageDefinition d = l.compiler().language();
        ctx.json(Json.MAPPER.createObjectNode().put("id", l.id()).put("name", l.name()).put("is_archived", false)
                .put("source_file", d.unnamedFile(0))
                .put("compile_cmd", d.compile() == null ? null : String.join(" ", d.compile()))
                .put("run_cmd", String.join(" ", d.run())));
    }

    private static ArrayNode statuses() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Judge0Status s : Judge0Status.values()) {
            out.addObject().put("id", s.id()).put("description", s.description());
        }
        return out;
    }

    private static ObjectNode about() {
        return Json.MAPPER.createObjectNode().put("version", VERSION).putNull("homepage").putNull("source_code")
                .put("maintainer", "Runbox (a Judge0 CE " + VERSION + " compatible door)");
    }

    /** Judge0's keys, each with what this server does: Runbox's limits where it has its own. */
    private ObjectNode configInfo() {
        Limits run = settings.runDefaults();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("maintenance_mode", false).put("enable_wait_result", true).put("enable_compiler_options", true);
        n.putArray("allowed_languages_for_compile_options");
        n.put("enable_command_line_arguments", true).put("enable_submission_delete", true)
                .put("enable_callbacks", true).put("callbacks_max_tries", settings.callbackMaxTries())
                .put("callbacks_timeout", settings.callbackTimeoutSeconds()).put("enable_additional_files", true)
                .put("max_queue_size", settings.maxQueueSize())
                .put("cpu_time_limit", Judge0Defaults.CPU_TIME_LIMIT.doubleValue())
                .put("max_cpu_time_limit", Judge0Defaults.MAX_CPU_TIME_LIMIT.doubleValue())
                .put("cpu_extra_time", Judge0Defaults.CPU_EXTRA_TIME.doubleValue())
                .put("max_cpu_extra_time", Judge0Defaults.MAX_CPU_EXTRA_TIME.doubleValue())
                .put("wall_time_limit", Judge0Defaults.WALL_TIME_LIMIT.doubleValue())
                .put("max_wall_time_limit", Judge0Defaults.MAX_WALL_TIME_LIMIT.doubleValue())
                .put("memory_limit", run.memoryBytes() / 1024)
                .put("max_memory_limit", Judge0Defaults.MAX_MEMORY_LIMIT)
                .put("stack_limit", Judge0Defaults.STACK_LIMIT).put("max_stack_limit", Judge0Defaults.MAX_STACK_LIMIT)
                .put("max_processes_and_or_threads", run.pids())
                .put("max_max_processes_and_or_threads", Judge0Defaults.MAX_MAX_PROCESSES_AND_OR_THREADS)
                .put("enable_per_process_and_thread_time_limit", false)
                .put("allow_enable_per_process_and_thread_time_limit", true)
                .put("enable_per_process_and_thread_memory_limit", false)
                .put("allow_enable_per_process_and_thread_memory_limit", true)
                .put("max_file_size", run.fileSizeBytes() / 1024)
                .put("max_max_file_size", Judge0Defaults.MAX_MAX_FILE_SIZE)
                .put("number_of_runs", Judge0Defaults.NUMBER_OF_RUNS)
                .put("max_number_of_runs", Judge0Defaults.MAX_NUMBER_OF_RUNS)
                .put("redirect_stderr_to_stdout", false)
                .put("max_extract_size", settings.maxCodeBytes() / 1024)
                .put("enable_batched_submissions", true)
                .put("max_submission_batch_size", Judge0Defaults.MAX_BATCH_SIZE)
                .put("submission_cache_duration", 0.0).put("use_docs_as_homepage", false)
                .put("allow_enable_network", false).put("enable_network", false);
        return n;
    }

    private static ObjectNode systemInfo() {
        Runtime rt = Runtime.getRuntime();
        ObjectNode n = Json.MAPPER.createObjectNode().put("Architecture", System.getProperty("os.arch"))
                .put("CPU(s)", Integer.toString(rt.availableProcessors()));
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            n.put("Mem", (os.getTotalMemorySize() >> 20) + "Mi").put("Swap", (os.getTotalSwapSpaceSize() >> 20) + "Mi");
        }
        return n;
    }

    /** One queue, Runbox's jobs; {@code working} counts the executions running now, sync ones too. */
    private List<ObjectNode> workers() {
        int working = Math.min(settings.workers(), runService.gate().running());
        return List.of(Json.MAPPER.createObjectNode().put("queue", "runbox").put("size", jobs.queued())
                .put("available", settings.workers()).put("idle", settings.workers() - working)
                .put("working", working).put("paused", 0).put("failed", 0));
    }
}
