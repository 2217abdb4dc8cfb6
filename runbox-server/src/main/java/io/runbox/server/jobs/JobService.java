package io.runbox.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.NewJob;
import io.runbox.server.http.ApiException;
import io.runbox.core.Ids;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts jobs: validates the callback, writes the job to the store (committed before this returns) and
 * wakes a worker.
 */
public final class JobService {
    private final JobQueue queue;
    private final JobWorkers workers;
    private final CallbackTargets targets;

    public JobService(JobQueue queue, JobWorkers workers, CallbackTargets targets) {
        this.queue = queue;
        this.workers = workers;
        this.targets = targets;
    }

    /**
     * @param kind        the front door's job kind; its {@link JobRunner} will run the job
     * @param request     the execution request as JSON, already validated by the caller
     * @param callbackUrl an http(s) URL or {@code null}
     * @param extraParams passed through to the callback unchanged, or {@code null}
     * @return the new job's id
     */
    public String submit(String kind, ObjectNode request, String owner, String callbackUrl, JsonNode extraParams) {
        validateCallback(callbackUrl);
        String id = newId();
        String extra = extraParams == null || extraParams.isNull() ? null : extraParams.toString();
        queue.enqueue(new NewJob(id, kind, owner, request.toString(), callbackUrl, extra));
        workers.wake();
        return id;
    }

    /**
     * The job with this id if {@code owner} submitted it (a key's id, or {@code null} for the anonymous tier);
     * another owner's job is not found, exactly as an unknown id is not.
     */
    public Optional<Job> find(String id, String owner) {
        return queue.find(id).filter(j -> Objects.equals(j.owner(), owner));
    }

    private void validateCallback(String url) {
        if (url == null) {
            return;
        }
        try {
            targets.check(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", e.getMessage(), "callback_url");
        }
    }

    /** 128 random bits, hex: unguessable; reading a job also needs its owner's key. */
    static String newId() {
        return Ids.random(16);
    }
}
