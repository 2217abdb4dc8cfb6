package io.runbox.server.api.judge0;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What judging a submission came to, as stored in its job's result: outputs as the program wrote them (bytes, which
 * need not be UTF-8; {@code null} when empty, as Judge0 keeps them), Judge0's status, the median CPU time ({@code time})
 * and wall time in seconds as Judge0 spells decimals, the median peak memory in KB, and the limits that really applied
 * (memory and file size in KB).
 */
public record Judge0Outcome(
        byte[] stdout,
        byte[] stderr,
        @JsonProperty("compile_output") byte[] compileOutput,
        String message,
        @JsonProperty("status_id") int statusId,
        String time,
        @JsonProperty("wall_time") String wallTime,
        Long memory,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("exit_signal") Integer exitSignal,
        @JsonProperty("memory_limit") Long memoryLimit,
        @JsonProperty("max_processes_and_or_threads") Integer maxProcesses,
        @JsonProperty("max_file_size") Long maxFileSize) {
}
