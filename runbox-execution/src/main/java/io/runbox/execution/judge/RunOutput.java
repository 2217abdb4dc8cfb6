package io.runbox.execution.judge;

import io.runbox.core.BoxIo;
import io.runbox.core.StageResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A run's output as bytes, which a {@link io.runbox.core.StageResult} keeps only as UTF-8 text (Judge0 hands a
 * program's output back byte for byte, in base64, even when it is not UTF-8). With {@code merged}, standard error goes
 * into standard output in the order the chunks came: the one rule of {@code redirect_stderr_to_stdout}. The sandbox
 * caps what reaches it, as it caps its result. Give it to one run ({@code PreparedProgram.run}'s live output).
 */
public final class RunOutput implements BoxIo {
    private final boolean merged;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    public RunOutput(boolean merged) {
        this.merged = merged;
    }

    @Override
    public synchronized void stdout(byte[] chunk) {
        out.writeBytes(chunk);
    }

    @Override
    public synchronized void stderr(byte[] chunk) {
        (merged ? out : err).writeBytes(chunk);
    }

    /**
     * Standard output as the program wrote it; the result's text when what was seen here does not decode to it (a box
     * started over, say), so the bytes never disagree with the run.
     */
    public synchronized byte[] stdout(StageResult run) {
        return merged ? out.toByteArray() : agreeing(out.toByteArray(), run.stdout());
    }

    /** Standard error, likewise; empty when it was merged into standard output. */
    public synchronized byte[] stderr(StageResult run) {
        return merged ? new byte[0] : agreeing(err.toByteArray(), run.stderr());
    }

    private static byte[] agreeing(byte[] raw, String text) {
        return new String(raw, StandardCharsets.UTF_8).equals(text) ? raw : text.getBytes(StandardCharsets.UTF_8);
    }
}
