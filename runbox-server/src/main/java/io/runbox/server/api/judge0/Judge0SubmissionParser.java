package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.access.Plan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one submission's JSON into a {@link Judge0Submission}, checking it as Judge0 does and answering as Judge0
 * does: every refused field with Rails' messages ({@link Judge0Invalid}). Beyond Judge0's rules it refuses what Runbox
 * cannot do ({@code enable_network}), limits above the caller's plan, code and input over the server's sizes, and
 * {@code additional_files} that are no safe zip ({@link AdditionalFiles}).
 */
final class Judge0SubmissionParser {
    /** What the server accepts, whatever a plan allows. */
    record Bounds(long maxCodeBytes, long maxStdinBytes, int maxFiles) {
    }

    private final Judge0Languages languages;
    private final Bounds bounds;

    Judge0SubmissionParser(Judge0Languages languages, Bounds bounds) {
        this.languages = languages;
        this.bounds = bounds;
    }

    /**
     * @param base64 whether {@code source_code}, {@code stdin} and {@code expected_output} come base64-encoded
     * @throws Judge0Invalid naming every refused field
     */
    Judge0Submission parse(JsonNode body, boolean base64, Plan plan) {
        Errors errors = new Errors();
        if (body == null || !body.isObject()) {
            throw Judge0Invalid.of("submission", "must be a JSON object");
        }
        // Judge0 (Rails' strong parameters) drops what it does not know; so does this door.
        Reader r = new Reader(body, errors);
        byte[] source = r.bytes("source_code", base64);
        if (source == null || source.length == 0) {
            errors.add("source_code", "can't be blank");
        } else if (source.length > bounds.maxCodeBytes()) {
            errors.add("source_code", "is too long (maximum is " + bounds.maxCodeBytes() + " bytes)");
        }
        Long languageId = r.integer("language_id", null, null, null);
        if (languageId == null && !errors.has("language_id")) {
            errors.add("language_id", "can't be blank");
        } else if (languageId != null && (languageId > Integer.MAX_VALUE || languageId < Integer.MIN_VALUE
                || languages.find(languageId.intValue()).isEmpty())) {
            errors.add("language_id", "language with id " + languageId + " doesn't exist");
        }
        byte[] stdin = r.bytes("stdin", base64);
        if (stdin != null && stdin.length > bounds.maxStdinBytes()) {
            errors.add("stdin", "is too long (maximum is " + bounds.maxStdinBytes() + " bytes)");
        }
        byte[] expected = r.bytes("expected_output", base64);
        String compilerOptions = r.text("compiler_options", Judge0Defaults.MAX_OPTIONS_LENGTH);
        if (compilerOptions != null && !compilerOptions.isBlank() && languageId != null && !errors.has("language_id")
                && !languages.find(languageId.intValue()).orElseThrow().compiler().language().isCompiled()) {
            errors.add("compiler_options", "setting compiler options is only allowed for compiled languages");
        }
        String args = r.text("command_line_arguments", Judge0Defaults.MAX_OPTIONS_LENGTH);
        BigDecimal cpu = r.decimal("cpu_time_limit", BigDecimal.ZERO, Judge0Defaults.MAX_CPU_TIME_LIMIT,
                Judge0Defaults.CPU_TIME_LIMIT);
        BigDecimal extra = r.decimal("cpu_extra_time", BigDecimal.ZERO, Judge0Defaults.MAX_CPU_EXTRA_TIME,
                Judge0Defaults.CPU_EXTRA_TIME);
        BigDecimal wall = r.decimal("wall_time_limit", BigDecimal.ONE, Judge0Defaults.MAX_WALL_TIME_LIMIT,
                Judge0Defaults.WALL_TIME_LIMIT);
        Long memory = r.integer("memory_limit", Judge0Defaults.MIN_MEMORY_LIMIT, Judge0Defaults.MAX_MEMORY_LIMIT, null);
        Long stack = r.integer("stack_limit", 0L, Judge0Defaults.MAX_STACK_LIMIT, Judge0Defaults.STACK_LIMIT);
        Long processes = r.integer("max_processes_and_or_threads", 1L,
                Judge0Defaults.MAX_MAX_PROCESSES_AND_OR_THREADS, null);
        Long fileSize = r.integer("max_file_size", 0L, Judge0Defaults.MAX_MAX_FILE_SIZE, null);
        Long runs = r.integer("number_of_runs", 1L, (long) Judge0Defaults.MAX_NUMBER_OF_RUNS,
                (long) Judge0Defaults.NUMBER_OF_RUNS);
        boolean perProcessTime = r.bool("enable_per_process_and_thread_time_limit");
        boolean perProcessMemory = r.bool("enable_per_process_and_thread_memory_limit");
        boolean redirect = r.bool("redirect_stderr_to_stdout");
        if (r.bool("enable_network")) {
            errors.add("enable_network", "enabling network is not allowed (Runbox never gives a program a network)");
        }
        String callback = r.text("callback_url", 2048);
        if (callback != null && callback.isBlank()) {
            callback = null;
        }
        byte[] zip = r.bytes("additional_files", true);
        if (zip != null && zip.length == 0) {
            zip = null;
        }
        capByPlan(plan, wall, memory, errors);
        if (zip != null && !errors.has("language_id") && languageId != null) {
            String entry = languages.find(languageId.intValue()).orElseThrow().compiler().language().unnamedFile(0);
            try {
                AdditionalFiles.extract(zip, entry, bounds.maxFiles() - 1,
                        bounds.maxCodeBytes() - (source == null ? 0 : source.length));
            } catch (AdditionalFiles.Refused e) {
                errors.add("additional_files", e.getMessage());
            }
        }
        errors.throwIfAny();
        return new Judge0Submission(languageId.intValue(), source, stdin, expected, compilerOptions, args, cpu, extra,
                wall, memory, stack, processes, perProcessTime, perProcessMemory, fileSize, redirect,
                runs.intValue(), zip, callback);
    }

    /** A limit above the caller's plan is refused naming the field, never silently lowered. */
    private static void capByPlan(Plan plan, BigDecimal wall, Long memoryKb, Errors errors) {
        if (plan.maxRunTimeout() != null && wall != null
                && wall.multiply(BigDecimal.valueOf(1000)).longValue() > plan.maxRunTimeout().toMillis()) {
            errors.add("wall_time_limit", "must be less than or equal to "
                    + BigDecimal.valueOf(plan.maxRunTimeout().toMillis(), 3).stripTrailingZeros().toPlainString()
                    + " (the " + plan.name() + " plan's cap)");
        }
        if (plan.maxMemory() != null && memoryKb != null && memoryKb * 1024 > plan.maxMemory()) {
            errors.add("memory_limit", "must be less than or equal to " + plan.maxMemory() / 1024
                    + " (the " + plan.name() + " plan's cap)");
        }
    }

    /** Refused fields, in the order found. */
    static final class Errors {
        private final Map<String, List<String>> byField = new LinkedHashMap<>();

        void add(String field, String message) {
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        }

        boolean has(String field) {
            return byField.containsKey(field);
        }

        void throwIfAny() {
            if (!byField.isEmpty()) {
                throw new Judge0Invalid(byField);
            }
        }
    }

    /** Reads fields the way Rails casts parameters: numbers or numeric strings, booleans or their usual spellings. */
    private record Reader(JsonNode body, Errors errors) {
        private JsonNode value(String field) {
            JsonNode v = body.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String text(String field, int maxLength) {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            String s = v.isValueNode() ? v.asText() : v.toString();
            if (s.length() > maxLength) {
                errors.add(field, "is too long (maximum is " + maxLength + " characters)");
            }
            return s;
        }

        byte[] bytes(String field, boolean base64) {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                errors.add(field, "must be a string");
                return null;
            }
            if (!base64) {
                return v.asText().getBytes(StandardCharsets.UTF_8);
            }
            try {
                return Base64.getMimeDecoder().decode(v.asText());
            } catch (IllegalArgumentException e) {
                errors.add(field, "is not valid base64");
                return null;
            }
        }

        /**
         * A number within [{@code min}, {@code max}], or {@code fallback} when absent; {@code positive} says "greater
         * than 0" as Rails does for the fields Judge0 checks that way.
         */
        BigDecimal decimal(String field, BigDecimal min, BigDecimal max, BigDecimal fallback) {
            return number(field, min, false, max, fallback);
        }

        Long integer(String field, Long min, Long max, Long fallback) {
            BigDecimal d = number(field, min == null ? null : BigDecimal.valueOf(min == 1 ? 0 : min), min != null && min == 1,
                    max == null ? null : BigDecimal.valueOf(max), null);
            return d == null ? fallback : Long.valueOf(d.longValue());
        }

        private BigDecimal number(String field, BigDecimal min, boolean aboveMin, BigDecimal max, BigDecimal fallback) {
            JsonNode v = value(field);
            if (v == null || (v.isTextual() && v.asText().isBlank())) {
                return fallback;
            }
            BigDecimal d;
            try {
                d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                errors.add(field, "is not a number");
                return fallback;
            }
            if (min != null && (aboveMin ? d.compareTo(min) <= 0 : d.compareTo(min) < 0)) {
                errors.add(field, "must be greater than " + (aboveMin ? "" : "or equal to ") + min.toPlainString());
            } else if (max != null && d.compareTo(max) > 0) {
                errors.add(field, "must be less than or equal to " + max.toPlainString());
            }
            return d;
        }

        boolean bool(String field) {
            JsonNode v = value(field);
            if (v == null) {
                return false;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
            return s.equals("true") || s.equals("1") || s.equals("t") || s.equals("on");
        }
    }
}
