package org.xdsi.bench;

import java.util.Arrays;

/** Per-call latencies of one measured phase, and the phase's wall time. */
final class Latencies {
    private final long[] nanos;
    private final int count;
    final long wallNanos;
    /** CPU time of the phase, set by the driver. */
    CpuMeter.Result cpu;

    Latencies(long[][] perThread, int[] counts, long wallNanos) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        long[] all = new long[n];
        int at = 0;
        for (int t = 0; t < perThread.length; t++) {
            System.arraycopy(perThread[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        this.nanos = all;
        this.count = n;
        this.wallNanos = wallNanos;
    }

    int count() {
        return count;
    }

    double perSecond() {
        return count / (wallNanos / 1e9);
    }

    /** Nearest-rank percentile in milliseconds. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return nanos[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    double maxMs() {
        return count == 0 ? Double.NaN : nanos[count - 1] / 1e6;
    }
}
