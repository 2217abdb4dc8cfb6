package io.runbox.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.NewJob;
import io.runbox.server.http.ApiException;
import io.runbox.core.Ids;
import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.InstalledLanguage;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts jobs: validates the callback and writes the job to the store (committed before this returns), whose
 * {@link io.runbox.store.Database#onJobQueued} wakes an idle worker on every node, this one included.
 */
public final class JobService {
    private final JobQueue queue;
    private final CallbackTargets targets;
    private final Catalogue catalogue;
    private final NodeRegistry nodes;

    /** @param nodes the cluster's nodes, asked for a language this node lacks */
    public JobService(JobQueue queue, CallbackTargets targets, Catalogue catalogue, NodeRegistry nodes) {
        this.queue = queue;
        this.targets = targets;
        this.catalogue = catalogue;
        this.nodes = nodes;
    }

    /** A check of a request against this node's languages and the caller's plan. */
    @FunctionalInterface
    public interface Check {
        void run() throws RequestRejectedException;
    }

    /**
     * Admits a job's request: {@code local} checks it here; a request for a language this node does not have is
     * admitted still when a serving node of the cluster has it, and is checked there, when it runs (where anything
     * wrong with it fails the job with the reason).
     *
     * @param language the language the request names (id or alias)
     * @return the language's id, which only nodes that have it claim; {@code null} when the request names none
     * @throws RequestRejectedException as {@code local} when no node has the language
     */
    public String admit(String language, Check local) throws RequestRejectedException {
        try {
            local.run();
        } catch (RequestRejectedException e) {
            String id = language == null ? null : language.strip().toLowerCase(java.util.Locale.ROOT);
            if (e.reason() != RequestRejectedException.Reason.UNKNOWN_LANGUAGE || id == null || nodes.list().stream()
                    .noneMatch(n -> n.state().equals(Node.SERVING) && n.languages().contains(id))) {
                throw e;
            }
            return id;
        }
        return languageHere(language);
    }

    /**
     * The id of {@code language} (id or alias) as this node has it, for a door whose requests name only languages
     * this node has (it checked them already); {@code null} for none.
     */
    public String languageHere(String language) {
        return language == null ? null : catalogue.find(language).map(InstalledLanguage::id).orElse(null);
    }

    /**
     * @param kind        the front door's job kind; its {@link JobRunner} will run the job
     * @param request     the execution request as JSON, already validated by the caller
     * @param callbackUrl an http(s) URL or {@code null}
     * @param extraParams passed through to the callback unchanged, or {@code null}
     * @param language    the language's id as {@link #admit} gave it: only nodes that have it claim the job
     * @return the new job's id
     */
    public String submit(String kind, ObjectNode request, String owner, String callbackUrl, JsonNode extraParams,
                         String language) {
        checkCallback(callbackUrl);
        String id = newId();
        String extra = extraParams == null || extraParams.isNull() ? null : extraParams.toString();
        queue.enqueue(new NewJob(id, kind, owner, request.toString(), callbackUrl, extra, language));
        return id;
    }

    /**
     * Stores a job that already ran while its client waited, done with {@code resultJson}, so that it is readable by
     * id like any other; its callback, when it has one, is due at once with the body {@code runner} writes for it.
     *
     * @return the new job's id
     */
    public String record(String kind, ObjectNode request, String owner, String callbackUrl, String resultJson,
                         JobRunner runner) {
        checkCallback(callbackUrl);
        String id = newId();
        NewJob job = new NewJob(id, kind, owner, request.toString(), callbackUrl, null);
        String body = null;
        if (callbackUrl != null) {
            java.time.Instant now = java.time.Instant.now();
            body = runner.deliveryBody(new Job(id, kind, owner, io.runbox.core.jobs.JobStatus.DONE, job.requestJson(),
                    callbackUrl, null, resultJson, null, 1, now, now, now), resultJson, null);
        }
        queue.record(job, resultJson, body);
        return id;
    }

    /**
     * Deletes {@code owner}'s job once it has ended (see {@link JobQueue#delete}).
     *
     * @return false when there is no such job of that owner, or it has not ended
     */
    public boolean delete(String id, String owner) {
        return find(id, owner).isPresent() && queue.delete(id);
    }

    /** Jobs waiting for a worker, of every kind: what a front door bounds its queue by. */
    public long queued() {
        return queue.queued();
    }

    /**
     * The job with this id if {@code owner} submitted it (a key's id, or {@code null} for the anonymous tier);
     * another owner's job is not found, exactly as an unknown id is not.
     */
    public Optional<Job> find(String id, String owner) {
        return queue.find(id).filter(j -> Objects.equals(j.owner(), owner));
    }

    /** @throws ApiException (400, field {@code callback_url}) when the server will not call {@code url} */
    public void checkCallback(String url) {
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
