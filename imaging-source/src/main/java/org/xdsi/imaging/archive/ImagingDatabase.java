package org.xdsi.imaging.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The imaging source's index: a connection pool with the schema of {@code db/imaging} applied by Flyway on open. */
public final class ImagingDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;

    private ImagingDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static ImagingDatabase open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("xdsi-imaging");
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            // its own location and history table: the registry's migrations may share the classpath and the database
            Flyway.configure().dataSource(ds).locations("classpath:db/imaging").table("imaging_schema_history")
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new ImagingDatabase(ds);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
