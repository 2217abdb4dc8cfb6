package io.runbox.execution.judge;

import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import java.util.List;

/**
 * One test case: its input, the output expected ({@code null} when a checker or interactor decides alone), the
 * limits it sets over the submission's ({@link Limits#UNSET} for none) and files put beside the program.
 */
public record TestCase(byte[] stdin, String expectedOutput, Limits limits, List<SourceFile> files) {
    public TestCase {
        stdin = stdin == null ? new byte[0] : stdin;
        limits = limits == null ? Limits.UNSET : limits;
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static TestCase of(String stdin, String expectedOutput) {
        return new TestCase(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8), expectedOutput, null, null);
    }
}
