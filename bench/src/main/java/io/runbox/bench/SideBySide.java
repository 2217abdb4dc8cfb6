package io.runbox.bench;

import java.util.Locale;

/**
 * The table of bare cold starts against Runbox through HTTP: for each language and concurrency level, latency
 * p50 and p90, throughput and host CPU per run of each, and the ratio Runbox/bare of each figure.
 */
final class SideBySide {
    private final Table table = new Table("language", "clients", "runs bare/rbx", "p50 bare", "p50 rbx", "ratio",
            "p90 bare", "p90 rbx", "ratio", "runs/s bare", "runs/s rbx", "ratio", "cpu/run bare", "cpu/run rbx",
            "ratio", "429");
    private final StringBuilder notes = new StringBuilder();

    void row(String language, int clients, ClosedLoop.Result bare, ClosedLoop.Result runbox) {
        row(language, Integer.toString(clients), bare, runbox);
    }

    /** A row whose level is not a plain count of clients (a spaced level, say). */
    void row(String language, String clients, ClosedLoop.Result bare, ClosedLoop.Result runbox) {
        Stats b = bare.stats();
        Stats r = runbox.stats();
        table.row(language, clients, bare.ok() + "/" + runbox.ok(), b.p50(), r.p50(), ratio(r.p50(), b.p50()),
                b.p90(), r.p90(), ratio(r.p90(), b.p90()), bare.perSecond(), runbox.perSecond(),
                ratio(runbox.perSecond(), bare.perSecond()), bare.cpuMsPerRun(), runbox.cpuMsPerRun(),
                ratio(runbox.cpuMsPerRun(), bare.cpuMsPerRun()), runbox.refused());
    }

    /** A language measured without figures (not installed, or failed), listed under the table with why. */
    void missing(String language, String why) {
        notes.append(language).append(": ").append(why).append('\n');
    }

    /** {@code runbox / bare} as {@code 2.61x}; {@code -} when either is missing or bare is 0. */
    static String ratio(double runbox, double bare) {
        if (Double.isNaN(runbox) || Double.isNaN(bare) || bare == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", runbox / bare);
    }

    String render() {
        return table.render() + notes;
    }
}
