package io.runbox.server.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/judge} and {@code POST /v1/judge/jobs}: a submission as {@code /v1/execute} takes it
 * (without {@code stdin}), its test cases, how outputs are compared or who decides, and limits for every case. Times
 * are milliseconds, memory and sizes bytes.
 */
public record NativeJudgeRequest(
        String language,
        String version,
        String code,
        List<NativeExecuteRequest.NativeFile> files,
        JsonNode args,
        @JsonProperty("compiler_options") JsonNode compilerOptions,
        List<NativeTest> tests,
        String comparison,
        Tolerance tolerance,
        NativeProgram checker,
        NativeProgram interactor,
        @JsonProperty("cpu_time_limit") Long cpuTimeLimit,
        @JsonProperty("cpu_extra_time") Long cpuExtraTime,
        @JsonProperty("wall_time_limit") Long wallTimeLimit,
        @JsonProperty("memory_limit") Long memoryLimit,
        @JsonProperty("max_processes") Integer maxProcesses,
        @JsonProperty("max_file_size") Long maxFileSize,
        @JsonProperty("compile_timeout") Long compileTimeout,
        @JsonProperty("compile_memory_limit") Long compileMemoryLimit,
        @JsonProperty("stop_on_first_failure") Boolean stopOnFirstFailure,
        @JsonProperty("number_of_runs") Integer numberOfRuns,
        @JsonProperty("redirect_stderr_to_stdout") Boolean redirectStderrToStdout,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("extra_params") JsonNode extraParams,
        @JsonProperty("output_files") JsonNode outputFiles,
        @JsonProperty("output_images") Boolean outputImages,
        @JsonProperty("output_file_max_bytes") Long outputFileMaxBytes,
        @JsonProperty("output_files_max_bytes") Long outputFilesMaxBytes) {

    /** One test case; its limits, when given, replace the submission's for it. */
    public record NativeTest(String stdin, @JsonProperty("expected_output") String expectedOutput,
                             List<NativeExecuteRequest.NativeFile> files,
                             @JsonProperty("wall_time_limit") Long wallTimeLimit,
                             @JsonProperty("memory_limit") Long memoryLimit) {
    }

    /** A checker or interactor: a program in any installed language. */
    public record NativeProgram(String language, String version, String code,
                                List<NativeExecuteRequest.NativeFile> files,
                                @JsonProperty("compiler_options") JsonNode compilerOptions) {
    }

    /** The tolerances of the {@code float} comparison; each defaults to 1e-6. */
    public record Tolerance(Double absolute, Double relative) {
    }
}
