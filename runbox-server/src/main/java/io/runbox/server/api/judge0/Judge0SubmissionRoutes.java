package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecRequest;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.access.KeyHeader;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.JobService;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /submissions} ({@code ?wait=true} runs it while the client waits), {@code GET} and {@code DELETE
 * /submissions/{token}}, and {@code POST}/{@code GET /submissions/batch} (at most 20), at the root and under the
 * prefix. Every submission is a job of kind {@link Judge0JobRunner#KIND} that only its key can read; one run while its
 * client waited is stored as done, so its token reads the same. New submissions are refused with 503 while the jobs
 * queue holds {@code maxQueueSize}.
 */
public final class Judge0SubmissionRoutes implements Routes {
    private static final String NOT_UTF8_ONE = "some attributes for this submission cannot be converted to UTF-8,"
            + " use base64_encoded=true query parameter";
    private static final String NOT_UTF8_MANY = "some attributes for one or more submissions cannot be converted to"
            + " UTF-8, use base64_encoded=true query parameter";

    private final RunService runService;
    private final JobService jobs;
    private final Judge0Door door;
    private final int maxQueueSize;

    public Judge0SubmissionRoutes(RunService runService, JobService jobs, Judge0Door door, int maxQueueSize) {
        this.runService = runService;
        this.jobs = jobs;
        this.door = door;
        this.maxQueueSize = maxQueueSize;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : Judge0Paths.bases(door.prefix())) {
            String s = base + "/submissions";
            // The batch paths first: they would otherwise be taken for a token.
            config.routes.post(s + "/batch", this::batchCreate, AccessClass.KEY_EXECUTION, KeyHeader.X_AUTH_TOKEN);
            config.routes.get(s + "/batch", this::batchShow, AccessClass.KEY, KeyHeader.X_AUTH_TOKEN);
            config.routes.post(s, this::create, AccessClass.KEY_SYNC_EXECUTION, KeyHeader.X_AUTH_TOKEN);
            config.routes.get(s + "/{token}", this::show, AccessClass.KEY, KeyHeader.X_AUTH_TOKEN);
            config.routes.delete(s + "/{token}", this::delete, AccessClass.KEY, KeyHeader.X_AUTH_TOKEN);
        }
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(Judge0Paths.errorFormat(door.prefix()));
    }

    private void create(Context ctx) throws RequestRejectedException {
        boolean base64 = base64(ctx);
        List<String> fields = Judge0Fields.parse(ctx.queryParam("fields"));
        Caller caller = Caller.of(ctx);
        Accepted a;
        try {
            a = accept(Json.object(ctx.bodyAsBytes()), base64, caller);
        } catch (Judge0Invalid e) {
            ctx.status(422).json(e.errors());
            return;
        }
        requireQueueRoom(1);
        if (!"true".equals(ctx.queryParam("wait"))) {
            ctx.status(201).json(Json.MAPPER.createObjectNode().put("token", submit(a, caller)));
            return;
        }
        Judge0Outcome outcome = runService.executeNow(caller, a.request(), () -> {
            try {
                return door.runner().judge(a.submission());
            } catch (AdditionalFiles.Refused e) {
                throw Judge0Invalid.of("additional_files", e.getMessage());
            }
        });
        String token = jobs.record(Judge0JobRunner.KIND, stored(a.submission()), caller.keyId(),
                a.submission().callbackUrl(), Json.MAPPER.valueToTree(outcome).toString(), door.runner());
        Job job = find(token, caller).orElseThrow();
        ctx.status(201);
        try {
            ctx.json(door.view().render(Judge0View.Stored.of(job), job.status(), job.error(), fields, base64));
        } catch (Judge0View.NotUtf8 e) {
            ctx.json(Json.MAPPER.createObjectNode().put("error", NOT_UTF8_ONE).put("token", token));
        }
    }

    /** A checked submission and the engine request it maps to. */
    private record Accepted(Judge0Submission submission, ExecRequest request) {
    }

    /** Parses and checks one submission as it would run now, naming every refused field ({@link Judge0Invalid}). */
    private Accepted accept(JsonNode body, boolean base64, Caller caller) {
        Judge0Submission s = door.parser().parse(body, base64, caller.plan());
        try {
            ExecRequest request = door.mapper().toRequest(s, door.languages().find(s.languageId()).orElseThrow());
            runService.validate(caller, request);
            jobs.checkCallback(s.callbackUrl());
            return new Accepted(s, request);
        } catch (AdditionalFiles.Refused e) {
            throw Judge0Invalid.of("additional_files", e.getMessage());
        } catch (RequestRejectedException e) {
            throw Judge0Invalid.of(switch (e.reason()) {
                case UNKNOWN_LANGUAGE, VERSION_NOT_INSTALLED -> "language_id";
                case BAD_FILE_NAME -> "additional_files";
                case TOO_LARGE -> e.getMessage().startsWith("stdin") ? "stdin" : "source_code";
                case INVALID -> "source_code";
            }, e.getMessage());
        } catch (ApiException e) {
            throw Judge0Invalid.of(e.field() == null ? "submission" : e.field(), e.getMessage());
        }
    }

    private String submit(Accepted a, Caller caller) {
        return jobs.submit(Judge0JobRunner.KIND, stored(a.submission()), caller.keyId(), a.submission().callbackUrl(),
                null, jobs.languageHere(a.request().language()));
    }

    private static ObjectNode stored(Judge0Submission s) {
        return Json.MAPPER.valueToTree(s);
    }

    private void requireQueueRoom(int submissions) {
        if (jobs.queued() + submissions > maxQueueSize) {
            throw new ApiException(503, "queue_full", "queue is full", null, 5);
        }
    }

    private void show(Context ctx) {
        boolean base64 = base64(ctx);
        List<String> fields = Judge0Fields.parse(ctx.queryParam("fields"));
        Job job = find(ctx.pathParam("token"), Caller.of(ctx)).orElseThrow(() -> notFound(ctx.pathParam("token")));
        try {
            ctx.json(door.view().render(Judge0View.Stored.of(job), job.status(), job.error(), fields, base64));
        } catch (Judge0View.NotUtf8 e) {
            throw ApiException.badRequest("not_utf8", NOT_UTF8_ONE, null);
        }
    }

    /** Judge0 deletes a finished submission and answers with it, base64-encoded whatever was asked. */
    private void delete(Context ctx) {
        List<String> fields = Judge0Fields.parse(ctx.queryParam("fields"));
        Caller caller = Caller.of(ctx);
        Job job = find(ctx.pathParam("token"), caller).orElseThrow(() -> notFound(ctx.pathParam("token")));
        if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING) {
            Judge0Status s = job.status() == JobStatus.QUEUED ? Judge0Status.IN_QUEUE : Judge0Status.PROCESSING;
            throw ApiException.badRequest("not_finished", "submission cannot be deleted because its status is "
                    + s.id() + " (" + s.description() + ")", null);
        }
        ObjectNode shown;
        try {
            shown = door.view().render(Judge0View.Stored.of(job), job.status(), job.error(), fields, true);
        } catch (Judge0View.NotUtf8 e) {
            throw new IllegalStateException("base64 is always UTF-8", e);
        }
        if (!jobs.delete(job.id(), caller.keyId())) {
            throw notFound(job.id());
        }
        ctx.json(shown);
    }

    private void batchCreate(Context ctx) {
        boolean base64 = base64(ctx);
        JsonNode submissions = Json.object(ctx.bodyAsBytes()).get("submissions");
        int n = submissions != null && submissions.isArray() ? submissions.size() : 0;
        requireBatchSize(n);
        requireQueueRoom(n);
        Caller caller = Caller.of(ctx);
        ArrayNode out = Json.MAPPER.createArrayNode();
        boolean anyAccepted = false;
        for (JsonNode body : submissions) {
            try {
                String token = submit(accept(body, base64, caller), caller);
                out.addObject().put("token", token);
                anyAccepted = true;
            } catch (Judge0Invalid e) {
                out.add(Json.MAPPER.valueToTree(e.errors()));
            }
        }
        ctx.status(anyAccepted ? 201 : 422).json(out);
    }

    private void batchShow(Context ctx) {
        boolean base64 = base64(ctx);
        List<String> fields = Judge0Fields.parse(ctx.queryParam("fields"));
        String param = ctx.queryParam("tokens") != null ? ctx.queryParam("tokens") : ctx.header("tokens");
        List<String> tokens = param == null || param.isBlank() ? List.of() : List.of(param.strip().split(","));
        requireBatchSize(tokens.size());
        Caller caller = Caller.of(ctx);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode shown = out.putArray("submissions");
        try {
            for (String token : tokens) {
                Optional<Job> job = find(token.strip(), caller);
                if (job.isEmpty()) {
                    shown.addNull();
                } else {
                    shown.add(door.view().render(Judge0View.Stored.of(job.get()), job.get().status(),
                            job.get().error(), fields, base64));
                }
            }
        } catch (Judge0View.NotUtf8 e) {
            throw ApiException.badRequest("not_utf8", NOT_UTF8_MANY, null);
        }
        ctx.json(out);
    }

    private static void requireBatchSize(int n) {
        if (n == 0) {
            throw ApiException.badRequest("empty_batch", "there should be at least one submission in a batch", null);
        }
        if (n > Judge0Defaults.MAX_BATCH_SIZE) {
            throw ApiException.badRequest("batch_too_large", "number of submissions in a batch should be less than or"
                    + " equal to " + Judge0Defaults.MAX_BATCH_SIZE, null);
        }
    }

    /** The caller's submission with this token; another key's job, or a job of another door, is not found. */
    private Optional<Job> find(String token, Caller caller) {
        return jobs.find(token, caller.keyId()).filter(j -> j.kind().equals(Judge0JobRunner.KIND));
    }

    private static ApiException notFound(String token) {
        return ApiException.notFound("submission with token " + token + " not found");
    }

    private static boolean base64(Context ctx) {
        return "true".equals(ctx.queryParam("base64_encoded"));
    }
}
