package io.runbox.server.access;

import io.runbox.core.ExecRequest;
import io.runbox.core.OutputSpec;
import io.runbox.core.Limits;
import io.runbox.server.http.ApiException;

/** Requested limits above the caller's plan are refused with 422 naming the cap, never silently lowered. */
public final class PlanCaps {
    private PlanCaps() {
    }

    public static void check(Plan plan, ExecRequest request) {
        check(plan, request.limits().compile(), "compile");
        check(plan, request.limits().run(), "run");
        outputs(plan, request);
    }

    /**
     * The request with its returned-file caps settled: a cap the request asked for above the plan's is refused (422);
     * one it left at {@link OutputSpec}'s default is lowered to the plan's when that is lower.
     */
    public static ExecRequest outputs(Plan plan, ExecRequest request) {
        OutputSpec settled = outputs(plan, request.outputs());
        return settled.equals(request.outputs()) ? request : request.withOutputs(settled);
    }

    /** The same rule for the files of a call that is not an {@link ExecRequest} (a session's). */
    public static OutputSpec outputs(Plan plan, OutputSpec o) {
        long file = settle(o.maxFileBytes(), OutputSpec.DEFAULT_FILE_BYTES, plan.maxOutputFile(), plan,
                "output_file_max_bytes");
        long total = settle(o.maxTotalBytes(), OutputSpec.DEFAULT_TOTAL_BYTES, plan.maxOutputFiles(), plan,
                "output_files_max_bytes");
        return o.withCaps(file, total);
    }

    private static long settle(long asked, long byDefault, Long cap, Plan plan, String field) {
        if (cap == null || asked <= cap) {
            return asked;
        }
        if (asked == byDefault) {
            return cap;
        }
        throw new ApiException(422, "limit_exceeds_plan", field + " " + asked + " bytes is above the " + plan.name()
                + " plan's cap of " + cap + " bytes", field, null);
    }

    private static void check(Plan plan, Limits asked, String stage) {
        if (plan.maxRunTimeout() != null && asked.wallTime() != null && asked.wallTime().compareTo(plan.maxRunTimeout()) > 0) {
            throw new ApiException(422, "limit_exceeds_plan", stage + "_timeout " + asked.wallTime().toMillis()
                    + " ms is above the " + plan.name() + " plan's cap of " + plan.maxRunTimeout().toMillis() + " ms",
                    stage + "_timeout", null);
        }
        if (plan.maxMemory() != null && asked.memoryBytes() != null && asked.memoryBytes() > plan.maxMemory()) {
            throw new ApiException(422, "limit_exceeds_plan", stage + "_memory_limit " + asked.memoryBytes()
                    + " bytes is above the " + plan.name() + " plan's cap of " + plan.maxMemory() + " bytes",
                    stage + "_memory_limit", null);
        }
        if (plan.maxOutput() != null && asked.outputBytes() != null && asked.outputBytes() > plan.maxOutput()) {
            throw new ApiException(422, "limit_exceeds_plan", stage + " output cap " + asked.outputBytes()
                    + " bytes is above the " + plan.name() + " plan's cap of " + plan.maxOutput() + " bytes",
                    null, null);
        }
    }
}
