package io.runbox.server.api.judge0;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A validated submission, as it is stored with its job: Judge0's fields, typed, with Judge0's defaults applied where
 * Judge0 has one Runbox honours ({@code null} where Runbox's own limit for the language applies instead). Byte fields
 * hold what the client meant (decoded from base64 when it sent base64); {@code additionalFiles} is the zip as sent.
 * Times are seconds and sizes KB, as on Judge0's wire.
 */
public record Judge0Submission(
        @JsonProperty("language_id") int languageId,
        @JsonProperty("source_code") byte[] sourceCode,
        byte[] stdin,
        @JsonProperty("expected_output") byte[] expectedOutput,
        @JsonProperty("compiler_options") String compilerOptions,
        @JsonProperty("command_line_arguments") String commandLineArguments,
        @JsonProperty("cpu_time_limit") BigDecimal cpuTimeLimit,
        @JsonProperty("cpu_extra_time") BigDecimal cpuExtraTime,
        @JsonProperty("wall_time_limit") BigDecimal wallTimeLimit,
        @JsonProperty("memory_limit") Long memoryLimit,
        @JsonProperty("stack_limit") Long stackLimit,
        @JsonProperty("max_processes_and_or_threads") Long maxProcessesAndOrThreads,
        @JsonProperty("enable_per_process_and_thread_time_limit") boolean perProcessTimeLimit,
        @JsonProperty("enable_per_process_and_thread_memory_limit") boolean perProcessMemoryLimit,
        @JsonProperty("max_file_size") Long maxFileSize,
        @JsonProperty("redirect_stderr_to_stdout") boolean redirectStderrToStdout,
        @JsonProperty("number_of_runs") int numberOfRuns,
        @JsonProperty("additional_files") byte[] additionalFiles,
        @JsonProperty("callback_url") String callbackUrl) {
}
