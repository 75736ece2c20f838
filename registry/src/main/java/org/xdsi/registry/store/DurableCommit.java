package org.xdsi.registry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Group commit for H2 file databases. H2 keeps committed changes in memory for up to its write delay, so a killed
 * process could lose a submission that was already acknowledged; flushing on every commit instead (WRITE_DELAY=0)
 * stops H2's background compaction and the file grows without bound. So: commit as usual, then wait for a
 * CHECKPOINT that one caller runs for everyone waiting at that moment. Derby and PostgreSQL make a commit durable
 * themselves and do not use this.
 *
 * <p>Each CHECKPOINT rewrites the inner B-tree pages of every index it touches and may compact, whatever the number
 * of commits it covers (measured at 10^6 entries: about 470 KB per CHECKPOINT besides 115 KB per submission). So
 * the caller about to run one first waits up to {@link #LINGER_NANOS} for transactions still running to commit and
 * join it; with nothing else running it flushes at once.
 */
final class DurableCommit {
    static final long LINGER_NANOS = 4_000_000;

    private final DataSource dataSource;
    /** Transactions begun and not yet committed or abandoned. */
    private int running;
    private long requested;
    private long flushed;
    private boolean flushing;
    private long checkpoints;

    DurableCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** CHECKPOINTs run so far: with the submissions committed, how many commits one flush covered. */
    synchronized long checkpoints() {
        return checkpoints;
    }

    synchronized int running() {
        return running;
    }

    /** A transaction that will wait for durability has begun. */
    synchronized void begin() {
        running++;
    }

    /** A transaction that {@linkplain #begin() began} rolled back. */
    synchronized void abandon() {
        running--;
        notifyAll();
    }

    /** A transaction that {@linkplain #begin() began} committed: returns once it is on disk. */
    void awaitCommitted() throws SQLException {
        synchronized (this) {
            running--;
            notifyAll();
        }
        await();
    }

    /** Returns once every transaction committed before the call is on disk. */
    void await() throws SQLException {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long target;
            synchronized (this) {
                while (flushing && flushed < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted while waiting for the commit to reach the disk", e);
                    }
                }
                if (flushed >= ticket) {
                    return;
                }
                flushing = true;
                linger();
                target = requested;
                checkpoints++;
            }
            boolean done = false;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
                done = true;
            } finally {
                synchronized (this) {
                    flushing = false;
                    if (done) {
                        flushed = Math.max(flushed, target);
                    }
                    notifyAll();
                }
            }
        }
    }

    /** Waits (holding no lock while waiting) for running transactions to commit, at most {@link #LINGER_NANOS}. */
    private void linger() {
        long deadline = System.nanoTime() + LINGER_NANOS;
        for (long left; running > 0 && (left = deadline - System.nanoTime()) > 0; ) {
            try {
                wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
