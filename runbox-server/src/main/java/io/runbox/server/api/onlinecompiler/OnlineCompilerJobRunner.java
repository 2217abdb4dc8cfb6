package io.runbox.server.api.onlinecompiler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.jobs.Job;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.jobs.JobRunner;
import java.nio.charset.StandardCharsets;

/**
 * Runs jobs accepted at {@code /api/run-code/}. The callback body is the result itself with
 * {@code extra_params} passed through, as the seed documents it (plus the job's {@code id}).
 */
public final class OnlineCompilerJobRunner implements JobRunner {
    public static final String KIND = "onlinecompiler";
    private final RunService runService;
    private final OnlineCompilerMapper mapper;

    public OnlineCompilerJobRunner(RunService runService, OnlineCompilerMapper mapper) {
        this.runService = runService;
        this.mapper = mapper;
    }

    @Override
    public String run(Job job) throws JobFailedException {
        try {
            OnlineCompilerRequest r = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8),
                    OnlineCompilerRequest.class);
            return Json.MAPPER.writeValueAsString(mapper.toResult(runService.run(mapper.toRequest(r))));
        } catch (RequestRejectedException | ApiException e) {
            throw new JobFailedException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result", e);
        }
    }

    @Override
    public String deliveryBody(Job job, String result, String error) {
        try {
            ObjectNode body = result != null ? (ObjectNode) Json.MAPPER.readTree(result)
                    : (ObjectNode) Json.MAPPER.valueToTree(mapper.failure(error));
            body.put("id", job.id());
            body.set("extra_params", job.extraParams() == null ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(job.extraParams()));
            return body.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job holds invalid JSON", e);
        }
    }
}
