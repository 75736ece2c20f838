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
 */
final class DurableCommit {
    private final DataSource dataSource;
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
}
