package io.runbox.bench;

import io.runbox.core.Sandbox;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.SandboxUnavailableException;
import io.runbox.server.Runbox;
import java.io.IOException;

/**
 * The ways {@code ./runbox bench} runs a program, side by side: bare (no box), a box started for each run, a warm
 * box (set up ahead of the run) and a reused box (a long-lived box that makes each run fresh inside it). Each box
 * mode is a sandbox of its own on the service's configuration and state directory, differing only in that; the
 * one the service would use is {@link #serviceDefault()}. Close it to kill the boxes it keeps.
 */
final class BoxModes implements AutoCloseable {

    /** A mode, in print order. */
    enum Mode {
        BARE("bare"), NEW("new box"), WARM("warm box"), REUSED("reused box");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** One run in a mode: {@code sandbox} is the mode's, or {@code null} for {@link Mode#BARE}. */
    @FunctionalInterface
    interface Run {
        void in(Sandbox sandbox) throws IOException;
    }

    private static final long WARM_REFILL_WAIT_NANOS = 1_000_000_000L;

    private final Sandbox newBox;
    private final BubblewrapSandbox warm;
    private final BubblewrapSandbox reused;
    private final boolean warmBoxesOn;
    private final Mode serviceDefault;

    private BoxModes(Sandbox newBox, BubblewrapSandbox warm, BubblewrapSandbox reused, boolean warmBoxesOn,
                     Mode serviceDefault) {
        this.newBox = newBox;
        this.warm = warm;
        this.reused = reused;
        this.warmBoxesOn = warmBoxesOn;
        this.serviceDefault = serviceDefault;
    }

    /** The three sandboxes of {@code runbox}'s configuration: one run per box, warm boxes, reused boxes. */
    static BoxModes open(Runbox runbox) throws SandboxUnavailableException {
        SandboxConfig config = runbox.sandboxConfig();
        Sandbox newBox = runbox.sandboxForOneRun();
        BubblewrapSandbox warm = null;
        try {
            warm = BubblewrapSandbox.create(config.withReuseBoxes(false));
            BubblewrapSandbox reused = BubblewrapSandbox.create(config.withReuseBoxes(true));
            return new BoxModes(newBox, warm, reused, config.warmBoxes() > 0,
                    config.reuseBoxes() ? Mode.REUSED : config.warmBoxes() > 0 ? Mode.WARM : Mode.NEW);
        } catch (SandboxUnavailableException | RuntimeException e) {
            newBox.close();
            if (warm != null) {
                warm.close();
            }
            throw e;
        }
    }

    /** The sandbox of a box mode; {@code null} for {@link Mode#BARE}. */
    Sandbox sandbox(Mode mode) {
        return switch (mode) {
            case BARE -> null;
            case NEW -> newBox;
            case WARM -> warm;
            case REUSED -> reused;
        };
    }

    /** The mode the service's configuration picks (reused boxes by default). */
    Mode serviceDefault() {
        return serviceDefault;
    }

    /** The sandbox the service would run with, as {@code Runbox.sandbox()} makes it. */
    Sandbox service() {
        return sandbox(serviceDefault);
    }

    /**
     * The wall time of one {@code run} in {@code mode}, in nanoseconds. In a warm box, the time is the run's alone,
     * and the call returns only once the box it took has been replaced (at most a second later), as it has been
     * between a client's requests; a reused box is back in its pool when the run returns.
     */
    long timed(Mode mode, Run run) throws IOException {
        int idle = mode == Mode.WARM ? Math.max(1, warm.warmBoxesIdle()) : 0;
        long t0 = System.nanoTime();
        run.in(sandbox(mode));
        long ns = System.nanoTime() - t0;
        if (mode == Mode.WARM) {
            awaitWarmIdle(idle);
        }
        return ns;
    }

    /** Waits (up to a second) until {@code count} warm boxes are idle again; at once when none are kept. */
    void awaitWarmIdle(int count) throws IOException {
        if (!warmBoxesOn) {
            return;
        }
        long deadline = System.nanoTime() + WARM_REFILL_WAIT_NANOS;
        while (warm.warmBoxesIdle() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** What the reused boxes did so far, one line. */
    String reusedCounters() {
        return String.format(java.util.Locale.ROOT, "reused boxes so far: %d runs in a box that had served before,"
                + " %d boxes retired, %d runs fell back to a new box", reused.reusedRuns(), reused.reusedBoxesRetired(),
                reused.warmBoxFallbacks());
    }

    @Override
    public void close() {
        newBox.close();
        warm.close();
        reused.close();
    }
}
