package io.runbox.server.api.v1;

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
 * Runs a job whose request is a native execute body; its result is the native response, and its callback
 * body {@code {id, status, result | error, extra_params}}.
 */
public final class NativeJobRunner implements JobRunner {
    /** The job kind of jobs accepted at {@code POST /v1/jobs}. */
    public static final String KIND = "native";

    private final RunService runService;
    private final NativeMapper mapper;

    public NativeJobRunner(RunService runService) {
        this.runService = runService;
        this.mapper = new NativeMapper(runService.catalogue());
    }

    @Override
    public String run(Job job) throws JobFailedException {
        try {
            NativeExecuteRequest wire = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8),
                    NativeExecuteRequest.class);
            return Json.MAPPER.writeValueAsString(NativeMapper.toResponse(runService.run(mapper.toRequest(wire))));
        } catch (RequestRejectedException | ApiException e) {
            throw new JobFailedException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result", e);
        }
    }

    @Override
    public String deliveryBody(Job job, String result, String error) {
        try {
            ObjectNode body = Json.MAPPER.createObjectNode().put("id", job.id());
            if (result != null) {
                body.put("status", "done").set("result", Json.MAPPER.readTree(result));
            } else {
                body.put("status", "failed").put("error", error);
            }
            body.set("extra_params", job.extraParams() == null ? null : Json.MAPPER.readTree(job.extraParams()));
            return body.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job holds invalid JSON", e);
        }
    }
}
