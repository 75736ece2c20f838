package org.xdsi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time of a measured phase, split between the benchmark's clients and everything else (the server, its
 * database, GC and JIT), since both share the JVM and the cores. Client CPU is what the client threads report
 * when they finish plus the HTTP client's own threads; the JIT compiler threads (read from /proc on Linux) are
 * counted apart, since a phase that runs code paths for the first time pays for compiling them once; the rest of
 * the process CPU (request threads, database threads, GC) is counted as the server's.
 */
final class CpuMeter {
    /** Threads of java.net.http.HttpClient (selector manager) and of the executor the benchmark gives it. */
    static final String HTTP_CLIENT_THREADS = "HttpClient";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final AtomicLong clientThreadNanos = new AtomicLong();
    private long processStart;
    private long jitStartNanos;
    private long httpClientStart;
    private String loadStart;

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    void start() {
        loadStart = loadAverage();
        httpClientStart = httpClientNanos();
        jitStartNanos = jitNanos();
        processStart = processNanos();
    }

    /** Called by each client thread as it ends, with its own CPU time. */
    void addCurrentThread() {
        clientThreadNanos.addAndGet(THREADS.getCurrentThreadCpuTime());
    }

    /** The phase's split; {@code clientsAreServer} for in-process calls, where the client threads do the server's work. */
    Result stop(int operations, boolean clientsAreServer) {
        long process = processNanos() - processStart;
        long jit = jitNanos() - jitStartNanos;
        long clients = clientsAreServer ? 0 : clientThreadNanos.get() + httpClientNanos() - httpClientStart;
        return new Result(operations, process, clients, jit, loadStart, loadAverage());
    }

    record Result(int operations, long processNanos, long clientNanos, long jitNanos, String loadBefore,
                  String loadAfter) {
        double serverMsPerOp() {
            return Math.max(0, processNanos - clientNanos - jitNanos) / 1e6 / operations;
        }

        double jitMsPerOp() {
            return jitNanos / 1e6 / operations;
        }

        double clientMsPerOp() {
            return clientNanos / 1e6 / operations;
        }
    }

    private static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** CPU time of the HotSpot compiler threads ("C1/C2 CompilerThread"), which the management API does not list. */
    private static long jitNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    if (stat.substring(open + 1, close).contains("CompilerThre")) {
                        String[] f = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    }
                } catch (Exception e) {
                    // thread ended meanwhile
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static long httpClientNanos() {
        long sum = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(HTTP_CLIENT_THREADS)) {
                sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** The 1-minute load average of the machine, as /proc/loadavg gives it (other processes included). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
