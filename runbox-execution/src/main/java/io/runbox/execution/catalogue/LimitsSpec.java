package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.runbox.core.Limits;
import io.runbox.core.StageLimits;
import io.runbox.execution.Quantities;

/** Per-stage limit overrides as written in YAML ({@code memory: 1g}, {@code wall_time: 10s}). */
public record LimitsSpec(Stage compile, Stage run) {
    public static final LimitsSpec NONE = new LimitsSpec(null, null);

    public StageLimits toStageLimits() {
        return new StageLimits(compile == null ? Limits.UNSET : compile.toLimits(),
                run == null ? Limits.UNSET : run.toLimits());
    }

    /** One stage's overrides; absent fields stay unset. */
    public record Stage(
            @JsonProperty("wall_time") String wallTime,
            String memory,
            Integer pids,
            Double cpus,
            String output,
            @JsonProperty("file_size") String fileSize,
            @JsonProperty("open_files") Integer openFiles) {

        public Limits toLimits() {
            return new Limits(
                    wallTime == null ? null : Quantities.duration(wallTime),
                    memory == null ? null : Quantities.bytes(memory),
                    pids, cpus,
                    output == null ? null : Quantities.bytes(output),
                    fileSize == null ? null : Quantities.bytes(fileSize),
                    openFiles);
        }
    }
}
