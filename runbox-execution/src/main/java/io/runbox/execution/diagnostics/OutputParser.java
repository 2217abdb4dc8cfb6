package io.runbox.execution.diagnostics;

import java.util.List;

/** Reads the diagnostics out of a stage's output lines. */
interface OutputParser {
    /**
     * Adds to {@code found} what {@code lines} say about places in the request's files ({@code names}), in order,
     * until {@code found} is full; a line's characters are read through the stage's {@link Budget}.
     */
    void parse(List<CharSequence> lines, SourceNames names, Found found);
}
