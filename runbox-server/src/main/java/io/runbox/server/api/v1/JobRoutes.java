package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecRequest;
import io.runbox.core.OutputSpec;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.PlanCaps;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.JobService;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import java.time.Instant;

/**
 * {@code POST /v1/jobs} accepts an execution to run later (202 once it is stored) and
 * {@code GET /v1/jobs/{id}} reports it to the key that submitted it (any other key gets the 404 of an unknown id). The request is checked as {@code /v1/execute} would check it
 * before it is accepted, so a bad request fails now and not in the callback.
 */
public final class JobRoutes implements Routes {
    private final JobService jobs;
    private final NativeMapper mapper;
    private final RunService runService;
    private final CallbackOutbox outbox;

    public JobRoutes(JobService jobs, RunService runService, CallbackOutbox outbox) {
        this.jobs = jobs;
        this.runService = runService;
        this.mapper = new NativeMapper(runService.catalogue());
        this.outbox = outbox;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/v1/jobs", this::submit, AccessClass.KEY_EXECUTION);
        config.routes.get("/v1/jobs/{id}", this::status, AccessClass.KEY);
    }

    /** {@code 202 {id, status: "queued"}}. */
    public record Accepted(String id, String status) {
    }

    /** A job as {@code GET /v1/jobs/{id}} shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobView(String id, String status, Instant created_at, Instant started_at, Instant finished_at,
                          int attempts, @JsonRawValue String result, String error, String callback) {
    }

    private void submit(Context ctx) throws RequestRejectedException {
        byte[] body = ctx.bodyAsBytes();
        NativeExecuteRequest wire = Json.parse(body, NativeExecuteRequest.class);
        ExecRequest asked = mapper.toRequest(wire);
        String language = jobs.admit(asked.language(), () -> runService.validate(Caller.of(ctx), asked));
        ObjectNode request = (ObjectNode) Json.MAPPER.valueToTree(wire);
        settleOutputCaps(request, Caller.of(ctx), asked.outputs());
        request.remove("callback_url");
        request.remove("extra_params");
        String id = jobs.submit(NativeJobRunner.KIND, request, Caller.of(ctx).keyId(), wire.callbackUrl(), wire.extraParams(),
                language);
        ctx.status(202).json(new Accepted(id, "queued"));
    }

    /**
     * Writes the caller's plan's caps on returned files into a job's stored request: the worker that runs the job
     * knows no caller.
     */
    static void settleOutputCaps(ObjectNode stored, Caller caller, OutputSpec asked) {
        OutputSpec settled = PlanCaps.outputs(caller.plan(), asked);
        stored.put("output_file_max_bytes", settled.maxFileBytes());
        stored.put("output_files_max_bytes", settled.maxTotalBytes());
    }

    private void status(Context ctx) {
        Job job = jobs.find(ctx.pathParam("id"), Caller.of(ctx).keyId())
                .orElseThrow(() -> ApiException.notFound("no job " + ctx.pathParam("id")));
        ctx.json(new JobView(job.id(), job.status().wire(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.attempts(), job.result(), job.error(),
                job.callbackUrl() == null ? null : outbox.state(job.id()).orElse("pending")));
    }
}
