package io.runbox.server.api.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.judge.JudgeRequest;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.JobService;

/**
 * {@code POST /v1/judge}: judge now and answer with the verdicts; {@code POST /v1/judge/jobs}: the same as a job
 * (202 once stored; {@code GET /v1/jobs/{id}} and the callback carry the same response). Both check the request
 * as the judging would before anything runs.
 */
public final class JudgeRoutes implements Routes {
    private final RunService runService;
    private final JobService jobs;
    private final JudgeMapper mapper;

    public JudgeRoutes(RunService runService, JobService jobs) {
        this.runService = runService;
        this.jobs = jobs;
        this.mapper = new JudgeMapper(runService.catalogue());
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/v1/judge", this::judge, AccessClass.KEY_SYNC_EXECUTION);
        config.routes.post("/v1/judge/jobs", this::submit, AccessClass.KEY_EXECUTION);
    }

    private void judge(Context ctx) throws RequestRejectedException {
        NativeJudgeRequest wire = Json.parse(ctx.bodyAsBytes(), NativeJudgeRequest.class);
        ctx.json(JudgeMapper.toResponse(runService.judgeNow(Caller.of(ctx), mapper.toRequest(wire))));
    }

    private void submit(Context ctx) throws RequestRejectedException {
        NativeJudgeRequest wire = Json.parse(ctx.bodyAsBytes(), NativeJudgeRequest.class);
        JudgeRequest asked = mapper.toRequest(wire);
        String language = jobs.admit(asked.submission().language(), () -> runService.validate(Caller.of(ctx), asked));
        ObjectNode request = (ObjectNode) Json.MAPPER.valueToTree(wire);
        request.remove("callback_url");
        request.remove("extra_params");
        JobRoutes.settleOutputCaps(request, Caller.of(ctx), asked.submission().outputs());
        String id = jobs.submit(JudgeJobRunner.KIND, request, Caller.of(ctx).keyId(), wire.callbackUrl(),
                wire.extraParams(), language);
        ctx.status(202).json(new JobRoutes.Accepted(id, "queued"));
    }
}
