package io.runbox.server.api.judge0;

import io.runbox.core.ExecRequest;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.server.api.judge0.Judge0Languages.Judge0Language;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * From a {@link Judge0Submission} to the engine's request: the source under the language's entry name with the
 * {@code additional_files} beside it, arguments and compiler options split at white space (Judge0 runs them through a
 * shell line), the exact compiler its language id names, and the run's limits: {@code wall_time_limit} as the wall
 * time, memory and file size from KB, the process count. The CPU-time limit is applied per run ({@link Judge0Judge}).
 */
final class Judge0Mapper {
    private final int maxFiles;
    private final long maxCodeBytes;

    Judge0Mapper(int maxFiles, long maxCodeBytes) {
        this.maxFiles = maxFiles;
        this.maxCodeBytes = maxCodeBytes;
    }

    ExecRequest toRequest(Judge0Submission s, Judge0Language language) throws AdditionalFiles.Refused {
        String entry = language.compiler().language().unnamedFile(0);
        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(entry, s.sourceCode()));
        if (s.additionalFiles() != null) {
            files.addAll(AdditionalFiles.extract(s.additionalFiles(), entry, maxFiles - 1,
                    maxCodeBytes - s.sourceCode().length));
        }
        Limits run = new Limits(millis(s.wallTimeLimit()), kb(s.memoryLimit()),
                s.maxProcessesAndOrThreads() == null ? null : s.maxProcessesAndOrThreads().intValue(), null, null,
                kb(s.maxFileSize()), null);
        return new ExecRequest(language.compiler().language().id(), language.compiler().id(), files, s.stdin(),
                words(s.commandLineArguments()), words(s.compilerOptions()), new StageLimits(Limits.UNSET, run));
    }

    /** Seconds as Judge0 sends them, to a duration. */
    static Duration millis(BigDecimal seconds) {
        return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue());
    }

    private static Long kb(Long kb) {
        return kb == null ? null : kb * 1024;
    }

    private static List<String> words(String line) {
        return line == null || line.isBlank() ? List.of() : Arrays.asList(line.strip().split("\\s+"));
    }
}
