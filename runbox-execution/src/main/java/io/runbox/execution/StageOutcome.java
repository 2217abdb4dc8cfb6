package io.runbox.execution;

import io.runbox.core.BoxResult;
import io.runbox.core.Ids;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a sandbox observed into a {@link StageResult}, applying the seeds' conventions: a timeout is
 * exit 124 with no signal, a memory kill is exit 137 with signal 9, a signal N is exit 128+N (so a segfault is 139/11), and
 * a file over the size limit (SIGXFSZ) counts as an output limit.
 */
final class StageOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(StageOutcome.class);
    static final int EXIT_TIMEOUT = 124;
    static final int SIGKILL = 9;
    static final int SIGXFSZ = 25;

    private StageOutcome() {
    }

    static StageResult of(BoxResult box, boolean compileStage) {
        Status status;
        int exit = box.exitCode();
        Integer signal = box.signal();
        if (box.timedOut()) {
            status = Status.TIME_LIMIT;
            exit = EXIT_TIMEOUT;
            signal = null;
        } else if (box.oomKilled()) {
            status = Status.MEMORY_LIMIT;
            exit = 128 + SIGKILL;
            signal = SIGKILL;
        } else if (box.outputLimitHit() || (signal != null && signal == SIGXFSZ)) {
            status = Status.OUTPUT_LIMIT;
        } else if (exit != 0) {
            status = compileStage ? Status.COMPILE_ERROR : Status.RUNTIME_ERROR;
        } else {
            status = Status.OK;
        }
        return new StageResult(decode(box.stdout()), decode(box.stderr()), exit, signal, status,
                box.wallMs(), box.cpuMs(), box.peakMemoryBytes() / 1024, box.outputLimitHit());
    }

    /** A compile that succeeded but left more than may pass to its run: a compile error saying so. */
    static StageResult carryRefused(StageResult compile, String why) {
        String stderr = compile.stderr() + (compile.stderr().isEmpty() || compile.stderr().endsWith("\n") ? "" : "\n")
                + "runbox: " + why + "\n";
        return new StageResult(compile.stdout(), stderr, 1, null, Status.COMPILE_ERROR, compile.wallMs(),
                compile.cpuMs(), compile.memoryKb(), compile.truncated()).withDiagnostics(compile.diagnostics());
    }

    /** A stage its caller stopped (the calling thread was interrupted): what it wrote went out live, if anywhere. */
    static StageResult killed() {
        return new StageResult("", "", 128 + SIGKILL, SIGKILL, Status.KILLED, 0, 0, 0, false);
    }

    /**
     * A stage the sandbox failed to carry out. The cause stays in the operator's log under an incident id; the
     * caller sees only that id, never the host's paths or messages.
     */
    static StageResult internalError(IOException cause) {
        String incident = Ids.random(6);
        LOG.error("incident {}: the sandbox failed to run a stage", incident, cause);
        return new StageResult("", "internal error (incident " + incident + "): the sandbox could not run this stage;"
                + " the operator's log has the details", 1, null, Status.INTERNAL_ERROR, 0, 0, 0, false);
    }

    /** UTF-8 with every malformed sequence replaced by U+FFFD; never throws. */
    static String decode(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return d.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
