package io.runbox.server.api.judge0;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.api.judge0.Judge0Languages.Judge0Language;
import io.runbox.server.http.Json;
import io.runbox.server.jobs.JobRunner;
import java.nio.charset.StandardCharsets;

/**
 * Runs queued submissions. The result is the {@link Judge0Outcome}; the callback is what Judge0 sends: a {@code PUT}
 * of the submission's default attributes, base64-encoded.
 */
public final class Judge0JobRunner implements JobRunner {
    /** The job kind of submissions. */
    public static final String KIND = "judge0";

    private final Judge0Languages languages;
    private final Judge0Mapper mapper;
    private final Judge0Judge judge;
    private final Judge0View view;

    Judge0JobRunner(Judge0Languages languages, Judge0Mapper mapper, Judge0Judge judge) {
        this.languages = languages;
        this.mapper = mapper;
        this.judge = judge;
        this.view = new Judge0View(languages);
    }

    @Override
    public String run(Job job) throws JobFailedException {
        Judge0Submission s = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8), Judge0Submission.class);
        try {
            return Json.MAPPER.writeValueAsString(judge(s));
        } catch (RequestRejectedException | AdditionalFiles.Refused e) {
            throw new JobFailedException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an outcome", e);
        }
    }

    /** Judges a submission now; the caller holds an execution slot. */
    Judge0Outcome judge(Judge0Submission s) throws RequestRejectedException, AdditionalFiles.Refused {
        Judge0Language language = languages.find(s.languageId()).orElseThrow(() -> new RequestRejectedException(
                RequestRejectedException.Reason.UNKNOWN_LANGUAGE, "language with id " + s.languageId()
                + " is no longer installed"));
        return judge.judge(s, mapper.toRequest(s, language));
    }

    @Override
    public String deliveryBody(Job job, String result, String error) {
        JobStatus status = result != null ? JobStatus.DONE : JobStatus.FAILED;
        try {
            return view.render(Judge0View.Stored.of(job, status, result), status, error, Judge0Fields.DEFAULT, true)
                    .toString();
        } catch (Judge0View.NotUtf8 e) {
            throw new IllegalStateException("base64 is always UTF-8", e);
        }
    }

    @Override
    public String callbackMethod() {
        return "PUT";
    }
}
