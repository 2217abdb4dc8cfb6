package io.runbox.server.api.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.core.jobs.Job;
import io.runbox.server.jobs.JobRunner;
import java.nio.charset.StandardCharsets;

/**
 * Runs a job whose request is a judging body ({@code POST /v1/judge/jobs}); its result is the judging response, and
 * its callback body the native jobs' {@code {id, status, result | error, extra_params}}.
 */
public final class JudgeJobRunner implements JobRunner {
    /** The job kind of judging jobs. */
    public static final String KIND = "judge";

    private final RunService runService;
    private final JudgeMapper mapper;
    private final NativeJobRunner deliveries;

    public JudgeJobRunner(RunService runService) {
        this.runService = runService;
        this.mapper = new JudgeMapper(runService.catalogue());
        this.deliveries = new NativeJobRunner(runService);
    }

    @Override
    public String run(Job job) throws JobRunner.JobFailedException {
        try {
            NativeJudgeRequest wire = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8),
                    NativeJudgeRequest.class);
            return Json.MAPPER.writeValueAsString(JudgeMapper.toResponse(runService.judge(mapper.toRequest(wire))));
        } catch (RequestRejectedException | ApiException e) {
            throw new JobRunner.JobFailedException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result", e);
        }
    }

    @Override
    public String deliveryBody(Job job, String result, String error) {
        return deliveries.deliveryBody(job, result, error);
    }
}
