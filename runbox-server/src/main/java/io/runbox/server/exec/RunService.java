package io.runbox.server.exec;

import io.runbox.core.ExecListener;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.execution.PreparedProgram;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.judge.Judge;
import io.runbox.execution.judge.JudgeRequest;
import io.runbox.execution.judge.JudgeResult;
import io.runbox.execution.judge.TestCase;
import io.runbox.core.StageLimits;
import java.util.ArrayList;
import java.util.List;
import io.runbox.server.access.Caller;
import io.runbox.server.access.PlanCaps;
import io.runbox.server.connections.ClientHangUp;
import io.runbox.server.http.ApiException;
import io.runbox.server.ops.RunboxMetrics;

/**
 * What the front doors call: the request runner behind the execution gate, with metrics. Ready only after the catalogue
 * was probed and the sandbox passed its self-check.
 */
public final class RunService {
    private final RequestRunner runner;
    private final ExecutionGate gate;
    private final RunboxMetrics metrics;
    private final Judge judge;

    public RunService(RequestRunner runner, ExecutionGate gate, RunboxMetrics metrics) {
        this.runner = runner;
        this.gate = gate;
        this.metrics = metrics;
        this.judge = new Judge(runner);
    }

    public Catalogue catalogue() {
        return runner.catalogue();
    }

    public ExecutionGate gate() {
        return gate;
    }

    /**
     * Checks a request without running it: the caller's plan caps (422 above them), then
     * {@link RequestRunner#validate}.
     */
    public void validate(Caller caller, ExecRequest request) throws RequestRejectedException {
        PlanCaps.check(caller.plan(), request);
        runner.validate(request);
    }

    /**
     * A synchronous execution: checks the plan's caps, waits for a slot (or 429), runs, records metrics. When
     * the calling thread serves an HTTP request whose client hangs up meanwhile, the wait or the running box
     * is stopped at once, its slot is free again, and the caller gets a 499 {@code cancelled} refusal.
     */
    public ExecResult executeNow(Caller caller, ExecRequest request) throws RequestRejectedException {
        return executeLive(caller, request, null);
    }

    /**
     * A synchronous execution with live I/O ({@link ExecListener}, or {@code null} for none): as
     * {@link #executeNow}, and interrupting the calling thread kills the running box. Returned files are capped by
     * the plan ({@link PlanCaps#outputs}).
     */
    public ExecResult executeLive(Caller caller, ExecRequest request, ExecListener listener)
            throws RequestRejectedException {
        ExecRequest settled = PlanCaps.outputs(caller.plan(), request);
        return executeNow(caller, settled, () -> run(settled, listener));
    }

    /** Work that runs while its caller holds an execution slot. */
    @FunctionalInterface
    public interface SlotWork<T> {
        T run() throws RequestRejectedException;
    }

    /**
     * Synchronous work on {@code request} (several runs of it, say), under the same rules as {@link #executeNow}: the
     * plan's caps, one slot (or 429) held while {@code work} runs, and a 499 when the client hangs up meanwhile.
     */
    public <T> T executeNow(Caller caller, ExecRequest request, SlotWork<T> work) throws RequestRejectedException {
        PlanCaps.check(caller.plan(), request);
        return holdingSlot(work, "execution");
    }

    /**
     * Runs {@code work} holding one slot (or 429); a client that hangs up meanwhile stops the wait or the box at once
     * and gets a 499 {@code cancelled} naming {@code what} was stopped.
     */
    private <T> T holdingSlot(SlotWork<T> work, String what) throws RequestRejectedException {
        ClientHangUp.Guard client = ClientHangUp.interruptOnHangUp();
        T result;
        try (ExecutionGate.Slot slot = gate.enterOrRefuse()) {
            result = work.run();
        } finally {
            client.close();
            if (client.hungUp()) {
                // The interrupt was this guard's: it stopped the wait or the box, and ends here.
                Thread.interrupted();
            }
        }
        if (client.hungUp()) {
            throw new ApiException(499, "cancelled", "the client closed its connection; the " + what + " was stopped",
                    null, null);
        }
        return result;
    }

    /**
     * Compiles {@code request} once for many runs ({@link RequestRunner#prepare}); the caller holds a slot (a job
     * worker's, or {@link #executeNow(Caller, ExecRequest, SlotWork)}'s) and {@link #recordRun records} each run.
     */
    public PreparedProgram prepare(ExecRequest request) throws RequestRejectedException {
        return runner.prepare(request);
    }

    /** Counts one run of a {@link #prepare prepared} program in the metrics. */
    public void recordRun(ExecResult result) {
        metrics.recordExecution(result);
    }

    /** An execution for a job worker, which already holds a slot. */
    public ExecResult run(ExecRequest request) throws RequestRejectedException {
        return run(request, null);
    }

    private ExecResult run(ExecRequest request, ExecListener listener) throws RequestRejectedException {
        ExecResult result = runner.execute(request, listener);
        metrics.recordExecution(result);
        return result;
    }

    /**
     * Checks a judging request without running it: the plan's caps on the submission, each case's limits and the
     * checker's or interactor's, then {@link Judge#validate}.
     */
    public void validate(Caller caller, JudgeRequest request) throws RequestRejectedException {
        PlanCaps.check(caller.plan(), request.submission());
        for (TestCase t : request.tests()) {
            PlanCaps.check(caller.plan(), request.submission().withLimits(new StageLimits(
                    io.runbox.core.Limits.UNSET, t.limits())));
        }
        for (ExecRequest helper : new ExecRequest[] {request.checker(), request.interactor()}) {
            if (helper != null) {
                PlanCaps.check(caller.plan(), helper);
            }
        }
        judge.validate(request);
    }

    /**
     * A synchronous judging: checks the plan's caps, waits for a slot (or 429) as {@link #executeNow} does, then
     * takes more free slots without waiting, up to the plan's concurrent runs, and runs that many cases at once. A
     * client that hangs up stops every case's box (499 {@code cancelled}).
     */
    public JudgeResult judgeNow(Caller caller, JudgeRequest request) throws RequestRejectedException {
        validate(caller, request);
        Integer planCap = caller.plan().maxConcurrent();
        JudgeRequest settled = request.withSubmission(PlanCaps.outputs(caller.plan(), request.submission()));
        return holdingSlot(() -> judgeHolding(settled, planCap == null ? gate.size() : Math.min(planCap, gate.size())),
                "judging");
    }

    /** A judging for a job worker, which already holds a slot; it widens to free slots as {@link #judgeNow} does. */
    public JudgeResult judge(JudgeRequest request) throws RequestRejectedException {
        return judgeHolding(request, gate.size());
    }

    private JudgeResult judgeHolding(JudgeRequest request, int most) throws RequestRejectedException {
        List<ExecutionGate.Slot> extra = new ArrayList<>();
        try {
            for (int i = 1; i < Math.min(most, request.tests().size()); i++) {
                ExecutionGate.Slot s = gate.tryEnter();
                if (s == null) {
                    break;
                }
                extra.add(s);
            }
            return judge.judge(request, 1 + extra.size());
        } finally {
            extra.forEach(ExecutionGate.Slot::close);
        }
    }
}
