package io.runbox.server.api.judge0;

import io.runbox.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fields} parameter: which attributes of a submission are shown. Absent or empty means Judge0's eight
 * defaults, {@code *} every attribute; an unknown name is Judge0's 400 ({@code invalid fields: [name]}).
 */
final class Judge0Fields {
    /** Every attribute, in Judge0's order. */
    static final List<String> ALL = List.of("source_code", "language_id", "stdin", "expected_output", "stdout",
            "status_id", "created_at", "finished_at", "time", "memory", "stderr", "token", "number_of_runs",
            "cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit", "stack_limit",
            "max_processes_and_or_threads", "enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "max_file_size", "compile_output", "exit_code",
            "exit_signal", "message", "wall_time", "compiler_options", "command_line_arguments",
            "redirect_stderr_to_stdout", "callback_url", "additional_files", "enable_network", "started_at",
            "queued_at", "updated_at", "queue_host", "execution_host", "status", "language");
    static final List<String> DEFAULT = List.of("token", "time", "memory", "stdout", "stderr", "compile_output",
            "message", "status");

    private Judge0Fields() {
    }

    static List<String> parse(String param) {
        if (param == null || param.isBlank()) {
            return DEFAULT;
        }
        List<String> asked = List.of(param.split(","));
        if (asked.contains("*")) {
            return ALL;
        }
        List<String> invalid = asked.stream().filter(f -> !ALL.contains(f)).toList();
        if (!invalid.isEmpty()) {
            throw ApiException.badRequest("invalid_fields", "invalid fields: [" + String.join(", ", invalid) + "]",
                    null);
        }
        List<String> out = new ArrayList<>(asked.stream().filter(f -> !f.isEmpty()).distinct().toList());
        return out.isEmpty() ? DEFAULT : out;
    }
}
