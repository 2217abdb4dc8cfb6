package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.runbox.core.Limits;
import io.runbox.core.StageLimits;
import io.runbox.execution.QuantityJson;
import java.time.Duration;

/**
 * Per-stage limit overrides as written in YAML ({@code memory: 1g}, {@code wall_time: 10s}); sizes and durations
 * are parsed when the YAML is read ({@link QuantityJson}).
 */
public record LimitsSpec(Stage compile, Stage run) {
    public static final LimitsSpec NONE = new LimitsSpec(null, null);

    public StageLimits toStageLimits() {
        return new StageLimits(compile == null ? Limits.UNSET : compile.toLimits(),
                run == null ? Limits.UNSET : run.toLimits());
    }

    /** One stage's overrides; absent fields stay unset. Sizes are bytes. */
    public record Stage(
            @JsonProperty("wall_time") @JsonDeserialize(using = QuantityJson.Time.class) Duration wallTime,
            @JsonDeserialize(using = QuantityJson.Size.class) Long memory,
            Integer pids,
            Double cpus,
            @JsonDeserialize(using = QuantityJson.Size.class) Long output,
            @JsonProperty("file_size") @JsonDeserialize(using = QuantityJson.Size.class) Long fileSize,
            @JsonProperty("open_files") Integer openFiles) {

        public Limits toLimits() {
            return new Limits(wallTime, memory, pids, cpus, output, fileSize, openFiles);
        }
    }
}
