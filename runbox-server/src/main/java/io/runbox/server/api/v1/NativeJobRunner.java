package io.runbox.server.api.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runbox.core.jobs.Job;
import io.runbox.engine.RequestRejectedException;
import io.runbox.server.exec.Engine;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.jobs.JobRunner;
import java.nio.charset.StandardCharsets;

/** Runs a job whose request is a native execute body; its result is the native response. */
public final class NativeJobRunner implements JobRunner {
    private final Engine engine;
    private final NativeMapper mapper;

    public NativeJobRunner(Engine engine) {
        this.engine = engine;
        this.mapper = new NativeMapper(engine.catalogue());
    }

    @Override
    public String run(Job job) throws JobFailedException {
        try {
            NativeExecuteRequest wire = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8),
                    NativeExecuteRequest.class);
            return Json.MAPPER.writeValueAsString(NativeMapper.toResponse(engine.run(mapper.toRequest(wire))));
        } catch (RequestRejectedException e) {
            throw new JobFailedException(e.getMessage());
        } catch (ApiException e) {
            throw new JobFailedException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result", e);
        }
    }
}
