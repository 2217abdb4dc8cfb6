package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.runbox.execution.judge.Mismatch;
import java.util.List;

/**
 * A judged submission: the overall verdict, how many cases passed of how many, the compile stage, and each case
 * (a skipped case has only its index). Each case's output is cut to {@link JudgeMapper#CASE_OUTPUT_CHARS} characters
 * per stream, with {@code output_cut} set when it was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeJudgeResponse(String verdict, String language, String version, String compiler, long passed,
                                  int total, NativeStage compile, List<Case> cases) {

    /** One case. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Case(int index, String verdict, Long time_ms, Long cpu_ms, Long memory_kb, Integer exit_code,
                       Integer signal, String stdout, String stderr, Boolean truncated, Boolean output_cut,
                       Mismatch mismatch, String message,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NativeOutputFile> files) {
    }
}
