package io.runbox.execution.judge;

import io.runbox.core.BoxIo;
import io.runbox.core.Limits;
import io.runbox.core.QueuedInput;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.execution.PreparedProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One case of an interactive problem: the solution and the interactor in two boxes at once, each one's standard
 * output the other's standard input, relayed by the host through bounded queues.
 */
final class Interaction {
    /** How far one side may write ahead of the other's reading before both are stopped. */
    static final long RELAY_CAPACITY = 16L << 20;

    private Interaction() {
    }

    /**
     * The solution and the interactor run at once, each one's standard output the other's standard input (through a
     * relay each way). The solution's own failures (limits, crashes) come first, then the interactor's word.
     */
    static CaseResult judge(JudgeRequest request, int index, TestCase test, Limits limits,
                                   PreparedProgram solution, PreparedProgram interactor) {
        List<Thread> sides = new ArrayList<>();
        // A side that floods the other is stopped at once, with both boxes: the verdict follows from the overflow.
        Runnable stopBoth = () -> sides.forEach(Thread::interrupt);
        Relay toInteractor = new Relay(stopBoth);
        Relay toSolution = new Relay(stopBoth);
        StageResult[] runs = new StageResult[2];
        sides.add(Thread.ofVirtual().name("runbox-judge-interactor-" + index).unstarted(() -> {
            try {
                runs[1] = interactor.run(new byte[0], List.of(Judge.INPUT), List.of(new SourceFile(Judge.INPUT, test.stdin())),
                        interactor.runLimits(), null, new Piped(toInteractor, toSolution));
            } finally {
                toSolution.close();
            }
        }));
        sides.add(Thread.ofVirtual().name("runbox-judge-solution-" + index).unstarted(() -> {
            try {
                runs[0] = solution.run(new byte[0], request.submission().args(), test.files(), limits,
                        Judge.killAt(request), new Piped(toSolution, toInteractor));
            } finally {
                toInteractor.close();
            }
        }));
        sides.forEach(Thread::start);
        Judge.joinAll(sides);
        StageResult run = runs[0];
        if (run == null) {
            return new CaseResult(index, Verdict.INTERNAL_ERROR, null, null, "the case was stopped");
        }
        if (toInteractor.overflowed() || toSolution.overflowed()) {
            return new CaseResult(index, toInteractor.overflowed() ? Verdict.OUTPUT_LIMIT_EXCEEDED : Verdict.INTERNAL_ERROR,
                    run, null, (toInteractor.overflowed() ? "the solution" : "the interactor") + " wrote more than "
                            + RELAY_CAPACITY + " bytes ahead of the other side's reading");
        }
        Verdict v = Verdicts.ofRun(run, Judge.cpuLimit(request));
        if (v == Verdict.TIME_LIMIT_EXCEEDED || v == Verdict.MEMORY_LIMIT_EXCEEDED || v == Verdict.OUTPUT_LIMIT_EXCEEDED
                || v == Verdict.INTERNAL_ERROR) {
            return new CaseResult(index, v, run, null, null);
        }
        if (runs[1] == null) {
            return new CaseResult(index, Verdict.INTERNAL_ERROR, run, null, "the interactor was stopped");
        }
        CaseResult said = Judge.decided(index, run, runs[1], "interactor");
        if (said.verdict() == Verdict.ACCEPTED && v != null) {
            return new CaseResult(index, v, run, null, said.message());
        }
        return said;
    }

    /**
     * One direction of an interactive pair: what one box writes becomes the other's standard input, through a
     * bounded {@link QueuedInput} (offering never blocks the writer's output reader). A writer that runs
     * {@value #RELAY_CAPACITY} bytes ahead of its reader overflows it: the reader's input ends and {@code onOverflow}
     * runs, so neither box can make the host hold more.
     */
    private static final class Relay {
        private final QueuedInput queue = new QueuedInput(RELAY_CAPACITY);
        private final AtomicBoolean overflowed = new AtomicBoolean();
        private final Runnable onOverflow;

        Relay(Runnable onOverflow) {
            this.onOverflow = onOverflow;
        }

        void offer(byte[] chunk) {
            if (queue.offer(chunk) == QueuedInput.Offer.FULL && overflowed.compareAndSet(false, true)) {
                queue.close();
                onOverflow.run();
            }
        }

        boolean overflowed() {
            return overflowed.get();
        }

        void close() {
            queue.close();
        }
    }

    /** A box's live streams for an interactive pair: its input from one relay, its output into the other. */
    private record Piped(Relay in, Relay out) implements BoxIo {
        @Override
        public void stdout(byte[] chunk) {
            out.offer(chunk);
        }

        @Override
        public void stderr(byte[] chunk) {
        }

        @Override
        public java.io.InputStream stdin() {
            return in.queue;
        }
    }
}
