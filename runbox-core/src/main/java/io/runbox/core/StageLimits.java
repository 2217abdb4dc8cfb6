package io.runbox.core;

/** Limits of the two stages of an execution; either may be partly or wholly {@link Limits#UNSET}. */
public record StageLimits(Limits compile, Limits run) {
    public static final StageLimits UNSET = new StageLimits(Limits.UNSET, Limits.UNSET);

    /** Stage by stage, {@link Limits#orElse}. */
    public StageLimits orElse(StageLimits fallback) {
        return new StageLimits(compile.orElse(fallback.compile), run.orElse(fallback.run));
    }
}
