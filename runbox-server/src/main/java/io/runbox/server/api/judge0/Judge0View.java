package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import io.runbox.server.api.judge0.Judge0Languages.Judge0Language;
import io.runbox.server.http.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A submission as Judge0 shows it: the requested attributes of its job, its request and, once judged, its outcome.
 * Text attributes are base64 when asked for; otherwise text that is not UTF-8 cannot be shown
 * ({@link NotUtf8}, which Judge0 answers with its conversion error). A queued job is {@code In Queue}, a running one
 * {@code Processing}, and one that could not run an {@code Internal Error} whose message says why.
 */
final class Judge0View {

    /** Some text attribute is not UTF-8 and base64 was not asked for. */
    static final class NotUtf8 extends Exception {
        NotUtf8() {
            super(null, null, false, false);
        }
    }

    /** A stored submission: its job, and its request and outcome read from it. */
    record Stored(Job job, Judge0Submission submission, Judge0Outcome outcome) {
        static Stored of(Job job) {
            return of(job, job.status(), job.result());
        }

        /** The job as it is with {@code status} and {@code result}, which may be newer than the stored job's. */
        static Stored of(Job job, JobStatus status, String result) {
            Judge0Submission s = Json.parse(job.requestJson().getBytes(StandardCharsets.UTF_8), Judge0Submission.class);
            Judge0Outcome o = status == JobStatus.DONE && result != null
                    ? Json.parse(result.getBytes(StandardCharsets.UTF_8), Judge0Outcome.class) : null;
            return new Stored(job, s, o);
        }
    }

    private final Judge0Languages languages;

    Judge0View(Judge0Languages languages) {
        this.languages = languages;
    }

    /**
     * @param status the job's status as shown (a callback is written while the stored job still runs)
     * @param error  why the job failed, when it did
     */
    ObjectNode render(Stored st, JobStatus status, String error, List<String> fields, boolean base64) throws NotUtf8 {
        Job job = st.job();
        Judge0Submission s = st.submission();
        Judge0Outcome o = st.outcome();
        Judge0Status shown = switch (status) {
            case QUEUED -> Judge0Status.IN_QUEUE;
            case RUNNING -> Judge0Status.PROCESSING;
            case FAILED -> Judge0Status.INTERNAL_ERROR;
            case DONE -> o == null ? Judge0Status.INTERNAL_ERROR : Judge0Status.byId(o.statusId()).orElseThrow();
        };
        String message = status == JobStatus.FAILED ? error : o == null ? null : o.message();
        ObjectNode n = Json.MAPPER.createObjectNode();
        for (String f : fields) {
            switch (f) {
                case "source_code" -> text(n, f, s.sourceCode(), base64);
                case "language_id" -> n.put(f, s.languageId());
                case "stdin" -> text(n, f, s.stdin(), base64);
                case "expected_output" -> text(n, f, s.expectedOutput(), base64);
                case "stdout" -> text(n, f, o == null ? null : o.stdout(), base64);
                case "stderr" -> text(n, f, o == null ? null : o.stderr(), base64);
                case "compile_output" -> text(n, f, o == null ? null : o.compileOutput(), base64);
                case "status_id" -> n.put(f, shown.id());
                case "created_at", "queued_at" -> n.put(f, time(job.createdAt()));
                case "started_at" -> n.put(f, time(job.startedAt()));
                case "finished_at" -> n.put(f, time(finishedAt(job, status)));
                case "updated_at" -> n.put(f, time(finishedAt(job, status) != null ? finishedAt(job, status)
                        : job.startedAt() != null ? job.startedAt() : job.createdAt()));
                case "time" -> n.put(f, o == null ? null : o.time());
                case "wall_time" -> n.put(f, o == null ? null : o.wallTime());
                case "memory" -> n.put(f, o == null ? null : o.memory());
                case "token" -> n.put(f, job.id());
                case "number_of_runs" -> n.put(f, s.numberOfRuns());
                case "cpu_time_limit" -> n.put(f, decimal(s.cpuTimeLimit()));
                case "cpu_extra_time" -> n.put(f, decimal(s.cpuExtraTime()));
                case "wall_time_limit" -> n.put(f, decimal(s.wallTimeLimit()));
                case "memory_limit" -> n.put(f, o != null && o.memoryLimit() != null ? o.memoryLimit() : s.memoryLimit());
                case "stack_limit" -> n.put(f, s.stackLimit());
                case "max_processes_and_or_threads" -> n.put(f, o != null && o.maxProcesses() != null
                        ? Long.valueOf(o.maxProcesses()) : s.maxProcessesAndOrThreads());
                case "enable_per_process_and_thread_time_limit" -> n.put(f, s.perProcessTimeLimit());
                case "enable_per_process_and_thread_memory_limit" -> n.put(f, s.perProcessMemoryLimit());
                case "max_file_size" -> n.put(f, o != null && o.maxFileSize() != null ? o.maxFileSize() : s.maxFileSize());
                case "exit_code" -> n.put(f, o == null ? null : o.exitCode());
                case "exit_signal" -> n.put(f, o == null ? null : o.exitSignal());
                case "message" -> n.put(f, message == null ? null : base64 ? encode(message.getBytes(
                        StandardCharsets.UTF_8)) : message);
                case "compiler_options" -> n.put(f, s.compilerOptions());
                case "command_line_arguments" -> n.put(f, s.commandLineArguments());
                case "redirect_stderr_to_stdout" -> n.put(f, s.redirectStderrToStdout());
                case "callback_url" -> n.put(f, s.callbackUrl());
                case "additional_files" -> n.put(f, s.additionalFiles() == null ? null : encode(s.additionalFiles()));
                case "enable_network" -> n.put(f, false);
                case "queue_host", "execution_host" -> n.putNull(f);
                case "status" -> n.putObject(f).put("id", shown.id()).put("description", shown.description());
                case "language" -> {
                    Optional<Judge0Language> l = languages.find(s.languageId());
                    n.putObject(f).put("id", s.languageId()).put("name", l.map(Judge0Language::name).orElse(null));
                }
                default -> throw new IllegalArgumentException("unknown field " + f);
            }
        }
        return n;
    }

    private static void text(ObjectNode n, String field, byte[] value, boolean base64) throws NotUtf8 {
        if (value == null) {
            n.putNull(field);
        } else if (base64) {
            n.put(field, encode(value));
        } else {
            try {
                n.put(field, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
            } catch (CharacterCodingException e) {
                throw new NotUtf8();
            }
        }
    }

    /** Base64 as Judge0 sends it (Ruby's {@code Base64.encode64}: lines of 60 characters, each ending in a newline). */
    static String encode(byte[] value) {
        return Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(value) + (value.length == 0 ? "" : "\n");
    }

    /** Decimals as Rails writes them: {@code "5.0"}, {@code "0.5"}. */
    private static String decimal(BigDecimal d) {
        BigDecimal plain = d.stripTrailingZeros();
        return (plain.scale() < 1 ? plain.setScale(1) : plain).toPlainString();
    }

    /** When it ended: the store's time, or now for a job whose end is being written (its callback). */
    private static Instant finishedAt(Job job, JobStatus status) {
        boolean ended = status == JobStatus.DONE || status == JobStatus.FAILED;
        return !ended ? null : job.finishedAt() != null ? job.finishedAt() : Instant.now();
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
