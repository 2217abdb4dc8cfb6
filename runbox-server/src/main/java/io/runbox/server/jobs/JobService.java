package io.runbox.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.NewJob;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Ids;
import java.net.URI;
import java.util.Optional;

/**
 * Accepts jobs: validates the callback, writes the job to the store (committed before this returns) and
 * wakes a worker.
 */
public final class JobService {
    private final JobQueue queue;
    private final JobWorkers workers;

    public JobService(JobQueue queue, JobWorkers workers) {
        this.queue = queue;
        this.workers = workers;
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

    public Optional<Job> find(String id) {
        return queue.find(id);
    }

    static void validateCallback(String url) {
        if (url == null) {
            return;
        }
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", "callback_url must be an absolute http or https URL",
                    "callback_url");
        }
    }

    /** 128 random bits, hex: unguessable, so a job id is its own read capability. */
    static String newId() {
        return Ids.random(16);
    }
}
