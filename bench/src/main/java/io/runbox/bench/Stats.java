package io.runbox.bench;

import java.util.Arrays;
import java.util.List;

/** Summary statistics of a sample of durations in nanoseconds, reported in milliseconds. */
record Stats(int n, double p50, double p90, double p99, double mean, double min, double max) {

    static Stats of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] s = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new Stats(s.length, ms(percentile(s, 50)), ms(percentile(s, 90)), ms(percentile(s, 99)),
                sum / s.length / 1e6, ms(s[0]), ms(s[s.length - 1]));
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
