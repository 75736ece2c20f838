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

    private RegistryDatabase(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
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
        return new RegistryDatabase(ds, dialect);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T, E extends Exception> T inTransaction(TransactionWork<T, E> work) throws E, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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
