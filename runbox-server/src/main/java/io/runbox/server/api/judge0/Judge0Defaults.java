package io.runbox.server.api.judge0;

import java.math.BigDecimal;

/**
 * Judge0 CE 1.13's defaults and maximums for a submission's limits (its {@code config_info}), which this door keeps:
 * a request above a maximum is refused as Judge0 refuses it. Memory, processes and file size have no default here: the
 * language's own Runbox limits apply when a submission names none.
 */
final class Judge0Defaults {
    static final BigDecimal CPU_TIME_LIMIT = new BigDecimal("5");
    static final BigDecimal MAX_CPU_TIME_LIMIT = new BigDecimal("15");
    static final BigDecimal CPU_EXTRA_TIME = new BigDecimal("1");
    static final BigDecimal MAX_CPU_EXTRA_TIME = new BigDecimal("5");
    static final BigDecimal WALL_TIME_LIMIT = new BigDecimal("10");
    static final BigDecimal MAX_WALL_TIME_LIMIT = new BigDecimal("20");
    static final long MIN_MEMORY_LIMIT = 2048;
    static final long MAX_MEMORY_LIMIT = 512000;
    static final long STACK_LIMIT = 64000;
    static final long MAX_STACK_LIMIT = 128000;
    static final long MAX_MAX_PROCESSES_AND_OR_THREADS = 120;
    static final long MAX_MAX_FILE_SIZE = 4096;
    static final int NUMBER_OF_RUNS = 1;
    static final int MAX_NUMBER_OF_RUNS = 20;
    static final int MAX_BATCH_SIZE = 20;
    /** Judge0's limit on {@code compiler_options} and {@code command_line_arguments}, in characters. */
    static final int MAX_OPTIONS_LENGTH = 512;

    private Judge0Defaults() {
    }
}
