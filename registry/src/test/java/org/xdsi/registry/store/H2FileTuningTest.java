package org.xdsi.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.registry.testing.TestDatabases;

/** What the registry sets up for an H2 database on disk, and only there. */
class H2FileTuningTest {
    @TempDir
    Path dir;

    @Test
    void pageCacheIsASixteenthOfTheHeapWithinBounds() {
        assertEquals(16 * 1024, RegistryDatabase.h2CacheKb(64L << 20));
        assertEquals(128 * 1024, RegistryDatabase.h2CacheKb(2L << 30));
        assertEquals(256 * 1024, RegistryDatabase.h2CacheKb(32L << 30));
    }

    @Test
    void fileDatabaseGetsTheCacheAndAGroupCommitPerTransaction() throws SQLException {
        try (RegistryDatabase db = RegistryDatabase.open("jdbc:h2:file:" + dir.resolve("registry"), null, null)) {
            assertEquals(String.valueOf(RegistryDatabase.h2CacheKb(Runtime.getRuntime().maxMemory())),
                    setting(db, "CACHE_SIZE"));
            assertEquals("1000", setting(db, "RETENTION_TIME"));
            long before = db.groupCheckpoints();
            for (int i = 0; i < 3; i++) {
                db.inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO patient (pid, updated) VALUES ('p" + Math.random()
                                + "', CURRENT_TIMESTAMP)");
                    }
                    return null;
                });
            }
            // one caller at a time: each acknowledged transaction waited for its own CHECKPOINT SYNC
            assertEquals(before + 3, db.groupCheckpoints());
        }
    }

    @Test
    void concurrentTransactionsShareCheckpointsAndAllLand() throws Exception {
        try (RegistryDatabase db = RegistryDatabase.open("jdbc:h2:file:" + dir.resolve("registry"), null, null)) {
            long before = db.groupCheckpoints();
            int threads = 8;
            int each = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        insertPatient(db, "t" + thread + "-" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            assertEquals(threads * each, count(db));
            long checkpoints = db.groupCheckpoints() - before;
            assertTrue(checkpoints < threads * each, checkpoints + " CHECKPOINTs for " + threads * each
                    + " transactions: concurrent commits are flushed together");
            assertEquals(0, db.runningDurableTransactions());
        }
    }

    @Test
    void aRolledBackTransactionLeavesNothingForTheFlushToWaitFor() throws SQLException {
        try (RegistryDatabase db = RegistryDatabase.open("jdbc:h2:file:" + dir.resolve("registry"), null, null)) {
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                insertPatient(c, "rolled-back");
                throw new IllegalStateException("the work failed");
            }));
            assertThrows(SQLException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            }));

            assertEquals(0, db.runningDurableTransactions());
            assertEquals(0, count(db));
            insertPatient(db, "after");
            assertEquals(1, count(db));
        }
    }

    private static void insertPatient(RegistryDatabase db, String pid) throws SQLException {
        db.inTransaction(c -> {
            insertPatient(c, pid);
            return null;
        });
    }

    private static void insertPatient(Connection c, String pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient (pid, updated) VALUES (?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, pid);
            ps.executeUpdate();
        }
    }

    private static int count(RegistryDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM patient")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void databasesThatCommitDurablyThemselvesNeedNoCheckpoint() throws SQLException {
        for (String kind : new String[] {"h2", "derby"}) {
            try (RegistryDatabase db = RegistryDatabase.open(TestDatabases.url(kind), null, null)) {
                db.inTransaction(c -> null);
                assertEquals(0, db.groupCheckpoints(), kind);
            }
        }
    }

    private static String setting(RegistryDatabase db, String name) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = '" + name + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
