package org.xdsi.imaging.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.kos.ImagingInstance;
import org.xdsi.imaging.kos.ImagingSeries;
import org.xdsi.imaging.kos.ImagingStudy;

/** The study as the publisher reads it from the V1 tables. */
class StudyCatalogTest {
    @TempDir
    Path dir;

    @Test
    void readsTheStudyWithItsSeriesAndInstancesInOrder() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (ImagingDatabase db = ImagingDatabase.open("jdbc:h2:file:" + dir.resolve("index"))) {
            try (Connection c = db.dataSource().getConnection()) {
                exec(c, "INSERT INTO study VALUES ('2.25.1', 'P1', 'HOSP', 'Doe^Jane', '19700101', 'F', 'ACC1',"
                        + " '1.2.3.4', '20240301', '101500', 'S1', 'CT chest', 'Smith^Anne', 'General Hospital', 4, ?)",
                        Timestamp.from(at));
                exec(c, "INSERT INTO series VALUES ('2.25.1.2', '2.25.1', 'MR', NULL, 2, NULL)");
                exec(c, "INSERT INTO series VALUES ('2.25.1.1', '2.25.1', 'CT', 'CHEST', 1, 'axial')");
                exec(c, "INSERT INTO series VALUES ('2.25.1.3', '2.25.1', 'SR', NULL, 3, NULL)"); // no instance yet
                instance(c, "2.25.1.1.2", "2.25.1.1", 2);
                instance(c, "2.25.1.2.1", "2.25.1.2", 1);
                instance(c, "2.25.1.1.1", "2.25.1.1", 1);
                instance(c, "2.25.1.1.10", "2.25.1.1", 10);
            }
            StudyCatalog catalog = new StudyCatalog(db.dataSource());

            CatalogStudy found = catalog.study("2.25.1").orElseThrow();

            assertEquals(4, found.revision());
            assertEquals(at, found.updatedAt());
            assertEquals("General Hospital", found.institutionName());
            ImagingStudy s = found.study();
            assertEquals("P1", s.patient().id());
            assertEquals("HOSP", s.patient().issuer());
            assertEquals("Doe^Jane", s.patient().name());
            assertEquals("19700101", s.patient().birthDate());
            assertEquals("F", s.patient().sex());
            assertEquals("20240301", s.studyDate());
            assertEquals("101500", s.studyTime());
            assertEquals("S1", s.studyId());
            assertEquals("ACC1", s.accessionNumber());
            assertEquals("1.2.3.4", s.accessionNumberIssuer());
            assertEquals("Smith^Anne", s.referringPhysicianName());
            assertEquals("CT chest", s.studyDescription());
            assertEquals(List.of("2.25.1.1", "2.25.1.2"), s.series().stream().map(ImagingSeries::seriesInstanceUid)
                    .toList());
            ImagingSeries ct = s.series().get(0);
            assertEquals("CT", ct.modality());
            assertEquals("CHEST", ct.bodyPartExamined());
            assertEquals(List.of("2.25.1.1.1", "2.25.1.1.2", "2.25.1.1.10"), ct.instances().stream()
                    .map(ImagingInstance::sopInstanceUid).toList());
            assertNull(s.series().get(1).bodyPartExamined());
            assertTrue(catalog.study("2.25.999").isEmpty());
        }
    }

    private static void instance(Connection c, String sop, String series, int number) throws Exception {
        exec(c, "INSERT INTO instance VALUES (?, ?, '2.25.1', '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', ?,"
                + " 'f.dcm', 1, CURRENT_TIMESTAMP)", sop, series, number);
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
