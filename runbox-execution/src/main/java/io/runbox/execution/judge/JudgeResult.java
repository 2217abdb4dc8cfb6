package io.runbox.execution.judge;

import io.runbox.core.StageResult;
import java.util.List;

/**
 * A judged submission: the overall verdict (the first case's, in the request's order, that was not accepted; or
 * the compile's), the resolved language, version and compiler, the compile stage ({@code null} for an interpreted
 * language) and every case, in the request's order (none when the compile failed).
 */
public record JudgeResult(Verdict verdict, String language, String version, String compilerId, StageResult compile,
                          List<CaseResult> cases) {
    /** Cases accepted. */
    public long passed() {
        return cases.stream().filter(c -> c.verdict() == Verdict.ACCEPTED).count();
    }
}
