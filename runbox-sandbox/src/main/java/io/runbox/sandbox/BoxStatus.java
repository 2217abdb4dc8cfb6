package io.runbox.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What a box's status channel said: the file the launcher and {@code runbox-boxexec} append to (descriptor
 * {@link BwrapArgs#STATUS_FD}), or, for a run in a reused box, what the box's {@code runbox-boxinit} told
 * {@link InitRun} on its own connection; the program never holds either. {@code exec} means the program was about to
 * start; a line from the launcher or the exec shim names their failure. A program's own output and exit status are never
 * read for this, so nothing a program prints passes for a failure of the box.
 *
 * @param programStarted whether {@code runbox-boxexec} got as far as exec'ing the command
 * @param launcherFailure the launcher's own failure, or {@code null}
 * @param execFailure why the command could not be exec'd (or read, in a warm box), or {@code null}
 */
record BoxStatus(boolean programStarted, String launcherFailure, String execFailure) {
    /** More than the launcher and the shim ever write. */
    private static final int MAX_BYTES = 4096;

    static BoxStatus read(Path file) throws IOException {
        boolean started = false;
        String launcher = null;
        String exec = null;
        for (String line : text(file).split("\n")) {
            if (line.equals("exec")) {
                started = true;
            } else if (line.startsWith("runbox-boxlaunch:") && launcher == null) {
                launcher = line;
            } else if (line.startsWith("runbox-boxexec:") && exec == null) {
                exec = line;
            }
        }
        return new BoxStatus(started, launcher, exec);
    }

    /** What the status channel holds now, as far as {@link #MAX_BYTES}; the file is never followed as a link. */
    static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        }
    }

    /**
     * Throws when the box rather than its program failed: the command could not be exec'd, the launcher failed,
     * or the box ended before its program started for no reason of the run's own.
     *
     * @param endedByLimit the run's wall time or output cap ended the box, or it ran out of memory: that is the
     *                     run's outcome even when it came before the program started
     * @param commandUntouched nothing of the command (its live input, its output callbacks) was used yet, so a box
     *                         that never started it may be replaced by another
     * @throws BoxNotStartedException when the program never started for a failure of the box
     * @throws IOException when the command could not be exec'd, or the launcher failed after the program started
     */
    void check(int launcherExit, byte[] stderr, boolean endedByLimit, boolean commandUntouched) throws IOException {
        if (execFailure != null) {
            throw new IOException("box exec failed: " + execFailure);
        }
        if (launcherFailure != null) {
            if (programStarted) {
                throw new IOException("box launcher failed: " + launcherFailure);
            }
            throw new BoxNotStartedException("box launcher failed: " + launcherFailure, null, commandUntouched);
        }
        if (!programStarted && !endedByLimit) {
            String head = new String(stderr, 0, Math.min(stderr.length, 512), StandardCharsets.UTF_8).strip();
            throw new BoxNotStartedException("the box ended (launcher exit " + launcherExit
                    + ") before its program started" + (head.isEmpty() ? "" : ": " + head), null, commandUntouched);
        }
    }
}
