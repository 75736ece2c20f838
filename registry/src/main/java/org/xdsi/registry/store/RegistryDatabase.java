package org.xdsi.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The registry's connection pool, with the schema brought up to date by Flyway on open. */
public final class RegistryDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final SqlDialect dialect;

    private final DurableCommit durableCommit;

    private RegistryDatabase(HikariDataSource dataSource, SqlDialect dialect, boolean groupCommit) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.durableCommit = groupCommit ? new DurableCommit(dataSource) : null;
    }

    public static RegistryDatabase open(String jdbcUrl, String user, String password) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("xdsi-registry");
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setAutoCommit(true);
        // READ_COMMITTED: queries never see half a submission, and writers don't block readers on H2/PostgreSQL
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.migrationPlaceholders())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        // an H2 database on disk needs the group commit; in memory there is nothing to flush
        boolean h2File = dialect == SqlDialect.H2 && !jdbcUrl.startsWith("jdbc:h2:mem:");
        if (h2File) {
            tuneH2File(ds);
        }
        return new RegistryDatabase(ds, dialect, h2File);
    }

    /**
     * H2 keeps superseded pages for 45 s in case the disk has not flushed them yet; under a steady stream of
     * submissions that is gigabytes of dead chunks. Every commit here ends in CHECKPOINT SYNC (see
     * {@link DurableCommit}), which is what H2 asks for before a shorter retention is safe.
     *
     * <p>Each CHECKPOINT writes a new copy of every page it changed, so H2 must keep rewriting the live pages of
     * old chunks to reclaim them; with its default 16 MB page cache that compaction reads most pages back from the
     * file, falls behind, and the file grows. A larger cache keeps it in step.
     */
    private static void tuneH2File(DataSource ds) {
        try (Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SET RETENTION_TIME 1000");
            s.execute("SET CACHE_SIZE " + h2CacheKb(Runtime.getRuntime().maxMemory()));
        } catch (SQLException e) {
            throw new RegistryStoreException(e);
        }
    }

    /** H2's page cache in KB: a sixteenth of the heap, at least H2's default 16 MB, at most 256 MB. */
    static long h2CacheKb(long maxHeapBytes) {
        long kb = maxHeapBytes / 16 / 1024;
        return Math.max(16 * 1024, Math.min(256 * 1024, kb));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. When it returns
     * normally, the transaction is durable: on disk, not only committed.
     */
    public <T, E extends Exception> T inTransaction(TransactionWork<T, E> work) throws E, SQLException {
        T result;
        boolean done = false;
        if (durableCommit != null) {
            durableCommit.begin();
        }
        try {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    result = work.run(c);
                    c.commit();
                } catch (Exception | Error e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            done = true;
        } finally {
            if (durableCommit != null && !done) {
                durableCommit.abandon();
            }
        }
        // after the connection went back to the pool: the flush that this waits for needs one
        if (durableCommit != null) {
            durableCommit.awaitCommitted();
        }
        return result;
    }

    /** Group-commit CHECKPOINTs run so far (H2 files), or 0 where a commit is durable by itself. */
    public long groupCheckpoints() {
        return durableCommit == null ? 0 : durableCommit.checkpoints();
    }

    /** Transactions begun and not yet committed or rolled back (H2 files; 0 elsewhere). */
    int runningDurableTransactions() {
        return durableCommit == null ? 0 : durableCommit.running();
    }

    /** Makes what autocommit statements wrote so far durable (a no-op where a commit is durable by itself). */
    public void awaitDurable() throws SQLException {
        if (durableCommit != null) {
            durableCommit.await();
        }
    }

    @FunctionalInterface
    public interface TransactionWork<T, E extends Exception> {
        T run(Connection connection) throws E, SQLException;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
