package org.xdsi.imaging.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.dicom.DicomTools;

/** The archive on a real H2 database and real files: storing, indexing, idempotence, conflicts, bad input. */
class InstanceArchiveTest {
    static final String STUDY = "1.2.826.0.1.3680043.2.1143.1";
    static final String SERIES = "1.2.826.0.1.3680043.2.1143.1.1";

    @TempDir
    Path tmp;
    Path files;
    Path instances;
    ImagingDatabase database;
    InstanceArchive archive;

    @BeforeEach
    void open() throws IOException {
        files = Files.createDirectories(tmp.resolve("files"));
        instances = tmp.resolve("instances");
        database = ImagingDatabase.open("jdbc:h2:file:" + tmp.resolve("db").resolve("imaging"));
        archive = new InstanceArchive(database.dataSource(), instances);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private StoreResult store(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return archive.store(in);
        }
    }

    private InstanceRejectedException refused(byte[] bytes) {
        return assertThrows(InstanceRejectedException.class, () -> archive.store(new ByteArrayInputStream(bytes)));
    }

    @Test
    void storesTheReceivedBytesAndIndexesStudySeriesAndInstance() throws Exception {
        Path file = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".7").numbered(3, 7));

        StoreResult r = store(file);

        assertEquals(new StoreResult(STUDY, SERIES, SERIES + ".7", TestInstances.SC_IMAGE, false), r);
        Path stored = instances.resolve(STUDY).resolve(SERIES).resolve(SERIES + ".7.dcm");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(stored));
        Map<String, Object> study = row("SELECT * FROM study");
        assertEquals("PID-4711", study.get("PATIENT_ID"));
        assertEquals("HOSP", study.get("PATIENT_ISSUER"));
        assertEquals("Müller^Jürgen", study.get("PATIENT_NAME"));
        assertEquals("19560527", study.get("PATIENT_BIRTH_DATE"));
        assertEquals("M", study.get("PATIENT_SEX"));
        assertEquals("ACC-1", study.get("ACCESSION_NUMBER"));
        assertEquals("1.3.6.1.4.1.21367.13.20.2000", study.get("ACCESSION_ISSUER"));
        assertEquals("20240229", study.get("STUDY_DATE"));
        assertEquals("101530", study.get("STUDY_TIME"));
        assertEquals("S-17", study.get("STUDY_ID"));
        assertEquals("CT chest", study.get("STUDY_DESCRIPTION"));
        assertEquals("Smith^Anne", study.get("REFERRING_PHYSICIAN"));
        assertEquals("General Hospital", study.get("INSTITUTION_NAME"));
        assertEquals(1L, study.get("REVISION"));
        Map<String, Object> series = row("SELECT * FROM series");
        assertEquals(STUDY, series.get("STUDY_UID"));
        assertEquals("CT", series.get("MODALITY"));
        assertEquals("CHEST", series.get("BODY_PART"));
        assertEquals(3, series.get("SERIES_NUMBER"));
        assertEquals("Series 3", series.get("SERIES_DESCRIPTION"));
        Map<String, Object> instance = row("SELECT * FROM instance");
        assertEquals(SERIES, instance.get("SERIES_UID"));
        assertEquals(STUDY, instance.get("STUDY_UID"));
        assertEquals(TestInstances.SC_IMAGE, instance.get("SOP_CLASS_UID"));
        assertEquals("1.2.840.10008.1.2.1", instance.get("TRANSFER_SYNTAX_UID"));
        assertEquals(7, instance.get("INSTANCE_NUMBER"));
        assertEquals(STUDY + "/" + SERIES + "/" + SERIES + ".7.dcm", instance.get("FILE_PATH"));
        assertEquals(Files.size(file), instance.get("FILE_SIZE"));
        assertEquals(List.of(), incoming(), "no temporary file is left");
    }

    @Test
    void keepsTheTransferSyntaxAsReceived() throws Exception {
        Path implicit = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".1")
                .withTransferSyntax("+ti"));
        Path bigEndian = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".2")
                .withTransferSyntax("+tb"));
        store(implicit);
        store(bigEndian);

        List<StoredInstance> all = archive.locator().series(STUDY, SERIES);
        assertEquals(List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.2"),
                all.stream().map(StoredInstance::transferSyntaxUid).toList());
        assertArrayEquals(Files.readAllBytes(bigEndian), Files.readAllBytes(all.get(1).file()));
    }

    @Test
    void aResentInstanceIsAlreadyStoredAndChangesNothing() throws Exception {
        Path file = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".1"));
        store(file);
        Object updated = row("SELECT updated_at FROM study").get("UPDATED_AT");

        StoreResult again = store(file);

        assertTrue(again.alreadyStored());
        assertEquals(1L, row("SELECT revision FROM study").get("REVISION"));
        assertEquals(updated, row("SELECT updated_at FROM study").get("UPDATED_AT"));
        assertEquals(1L, row("SELECT COUNT(*) n FROM instance").get("N"));
        assertEquals(List.of(), incoming());
    }

    @Test
    void eachNewInstanceCountsInTheStudyRevision() throws Exception {
        for (Path f : TestInstances.series(files, STUDY, SERIES, 1, 3)) {
            store(f);
        }
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, "2.25.77", "2.25.77.1").withModality("MR")));

        assertEquals(4L, row("SELECT revision FROM study").get("REVISION"));
        assertEquals(2L, row("SELECT COUNT(*) n FROM series").get("N"));
        assertTrue(((Timestamp) row("SELECT updated_at FROM study").get("UPDATED_AT")).toInstant()
                .isAfter(((Timestamp) row("SELECT MIN(received_at) t FROM instance").get("T")).toInstant())
                || row("SELECT COUNT(DISTINCT received_at) n FROM instance").get("N").equals(1L),
                "updated_at is the time of the last instance");
        assertEquals(row("SELECT MAX(received_at) t FROM instance").get("T"),
                row("SELECT updated_at FROM study").get("UPDATED_AT"));
    }

    @Test
    void laterInstancesOnlyFillWhatTheStudyLacks() throws Exception {
        Path dump = files.resolve("sparse.dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI [" + TestInstances.SC_IMAGE + "]",
                "(0008,0018) UI [" + SERIES + ".1]", "(0008,0060) CS [CT]", "(0010,0010) PN [First^Name]",
                "(0010,0020) LO [PID-4711]", "(0020,000d) UI [" + STUDY + "]", "(0020,000e) UI [" + SERIES + "]",
                ""));
        DicomTools.runOk(files, "dump2dcm", "-q", "+te", "sparse.dump", "sparse.dcm");
        store(files.resolve("sparse.dcm"));
        assertEquals(null, row("SELECT accession_number FROM study").get("ACCESSION_NUMBER"));

        store(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".2").numbered(4, 2)));

        Map<String, Object> study = row("SELECT * FROM study");
        assertEquals("First^Name", study.get("PATIENT_NAME"), "the first value stands");
        assertEquals("ACC-1", study.get("ACCESSION_NUMBER"), "a missing value is filled");
        assertEquals("1.3.6.1.4.1.21367.13.20.2000", study.get("ACCESSION_ISSUER"));
        assertEquals("20240229", study.get("STUDY_DATE"));
        assertEquals(2L, study.get("REVISION"));
        Map<String, Object> series = row("SELECT * FROM series");
        assertEquals("CHEST", series.get("BODY_PART"));
        assertEquals(4, series.get("SERIES_NUMBER"));
    }

    @Test
    void theSameSopInstanceUidInAnotherSeriesIsAConflict() throws Exception {
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.5")));
        Path other = Files.createDirectories(files.resolve("other"));
        Path moved = TestInstances.make(other, new TestInstances.Spec(STUDY, "2.25.6", "2.25.5"));

        InstanceRejectedException e = assertThrows(InstanceRejectedException.class, () -> store(moved));

        assertEquals(InstanceRejectedException.Reason.DATA_SET_INVALID, e.reason());
        assertTrue(e.getMessage().contains("stored already"), e.getMessage());
        assertEquals(1L, row("SELECT COUNT(*) n FROM series").get("N"), "the other series was not added");
        assertEquals(1L, row("SELECT revision FROM study").get("REVISION"));
        assertFalse(Files.exists(instances.resolve(STUDY).resolve("2.25.6")));
    }

    @Test
    void aSeriesOfAnotherStudyIsAConflict() throws Exception {
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.5")));
        InstanceRejectedException e = assertThrows(InstanceRejectedException.class,
                () -> store(TestInstances.make(files, new TestInstances.Spec("2.25.9", SERIES, "2.25.8"))));

        assertTrue(e.getMessage().contains("belongs to study"), e.getMessage());
        assertEquals(1L, row("SELECT COUNT(*) n FROM study").get("N"), "the other study was not added");
        assertNothingOfStudy("2.25.9");
    }

    @Test
    void theStudyOfTheRequestPathMustMatch() throws Exception {
        Path file = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".1"));
        InstanceRejectedException e = assertThrows(InstanceRejectedException.class, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                archive.store(in, "2.25.1234");
            }
        });
        assertEquals(InstanceRejectedException.Reason.DATA_SET_INVALID, e.reason());
        assertEquals(SERIES + ".1", e.sopInstanceUid());
        assertNothingStored();
    }

    @Test
    void concurrentStoresOfOneNewStudyAllSucceed() throws Exception {
        List<Path> all = new ArrayList<>();
        all.addAll(TestInstances.series(files, STUDY, "2.25.301", 1, 12));
        all.addAll(TestInstances.series(files, STUDY, "2.25.302", 2, 12));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StoreResult>> results = new ArrayList<>();
            for (Path f : all) {
                results.add(pool.submit(() -> store(f)));
            }
            // the same instance from several clients at once: stored once
            List<Future<StoreResult>> duplicates = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                duplicates.add(pool.submit(() -> store(all.get(0))));
            }
            for (Future<StoreResult> f : results) {
                f.get();
            }
            for (Future<StoreResult> f : duplicates) {
                assertEquals(SERIES_OF(all.get(0)), f.get().sopInstanceUid());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(24L, row("SELECT revision FROM study").get("REVISION"));
        assertEquals(24L, row("SELECT COUNT(*) n FROM instance").get("N"));
        assertEquals(2L, row("SELECT COUNT(*) n FROM series").get("N"));
        assertEquals(24, archive.locator().study(STUDY).size());
        assertEquals(List.of(), incoming());
    }

    private static String SERIES_OF(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".dcm".length());
    }

    @Test
    void theLocatorOrdersBySeriesNumberInstanceNumberAndUid() throws Exception {
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, "2.25.20", "2.25.20.1").numbered(2, 1)));
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, "2.25.10", "2.25.10.2").numbered(1, 10)));
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, "2.25.10", "2.25.10.1").numbered(1, 9)));
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, "2.25.10", "2.25.10.3").numbered(1, 9)));

        assertEquals(List.of("2.25.10.1", "2.25.10.3", "2.25.10.2", "2.25.20.1"),
                archive.locator().study(STUDY).stream().map(StoredInstance::sopInstanceUid).toList());
        assertEquals(List.of("2.25.10.1", "2.25.10.3", "2.25.10.2"),
                archive.locator().series(STUDY, "2.25.10").stream().map(StoredInstance::sopInstanceUid).toList());
        StoredInstance one = archive.locator().instance(STUDY, "2.25.10", "2.25.10.2").orElseThrow();
        assertEquals(instances.resolve(STUDY + "/2.25.10/2.25.10.2.dcm").toAbsolutePath(), one.file());
        assertEquals(Files.size(one.file()), one.size());
        assertTrue(archive.locator().instance(STUDY, "2.25.20", "2.25.10.2").isEmpty(), "wrong series");
        assertTrue(archive.locator().instance("2.25.3", "2.25.10", "2.25.10.2").isEmpty(), "wrong study");
        assertEquals(List.of(), archive.locator().study("2.25.3"));
        assertEquals(List.of(), archive.locator().series(STUDY, "2.25.3"));
    }

    // ---- bad input: refused with a reason, nothing kept

    @Test
    void aTruncatedInstanceIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1")));
        for (int cut : new int[] {whole.length - 1, whole.length - 5000, 701, 140}) {
            InstanceRejectedException e = refused(Arrays.copyOf(whole, cut));
            assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("too short"), e.getMessage());
        }
        // cut between two elements: the data set parses, but lacks what the archive needs
        int pixelData = indexOf(whole, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        InstanceRejectedException e = refused(Arrays.copyOf(whole, pixelData));
        assertEquals(InstanceRejectedException.Reason.DATA_SET_INVALID, e.reason());
        assertTrue(e.getMessage().contains("without Pixel Data"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aFileWithoutDicmPrefixIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1")));
        whole[129] = 'X';
        InstanceRejectedException e = refused(whole);
        assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, e.reason());
        assertTrue(e.getMessage().contains("DICM"), e.getMessage());
        assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, refused("hello".getBytes()).reason());
        assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, refused(new byte[0]).reason());
        assertNothingStored();
    }

    @Test
    void anAbsurdLengthFieldIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1")));
        // the Patient Name (0010,0010) PN header: 2-byte length in explicit VR LE; then the OW pixel data header
        int pn = indexOf(whole, new byte[] {0x10, 0x00, 0x10, 0x00, 'P', 'N'});
        byte[] badPn = whole.clone();
        badPn[pn + 6] = (byte) 0xFE;
        badPn[pn + 7] = (byte) 0xFF;
        assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, refused(badPn).reason());
        int px = indexOf(whole, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        byte[] badPixels = whole.clone();
        badPixels[px + 8] = (byte) 0xF0;
        badPixels[px + 9] = (byte) 0xFF;
        badPixels[px + 10] = (byte) 0xFF;
        badPixels[px + 11] = (byte) 0x7F;
        InstanceRejectedException e = refused(badPixels);
        assertEquals(InstanceRejectedException.Reason.CANNOT_UNDERSTAND, e.reason());
        assertNothingStored();
    }

    @Test
    void missingOrInvalidAttributesAreRefused() throws Exception {
        InstanceRejectedException noModality = assertThrows(InstanceRejectedException.class, () -> store(
                TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1").withModality(null))));
        assertEquals(InstanceRejectedException.Reason.DATA_SET_INVALID, noModality.reason());
        assertTrue(noModality.getMessage().contains("Modality"));
        InstanceRejectedException noStudy = assertThrows(InstanceRejectedException.class, () -> store(
                TestInstances.make(files, new TestInstances.Spec(null, SERIES, "2.25.2"))));
        assertTrue(noStudy.getMessage().contains("Study Instance UID"), noStudy.getMessage());
        InstanceRejectedException badUid = assertThrows(InstanceRejectedException.class, () -> store(
                TestInstances.make(files, new TestInstances.Spec(STUDY, "1.02.3", "2.25.3"))));
        assertTrue(badUid.getMessage().contains("not a valid UID"), badUid.getMessage());
        assertNothingStored();
    }

    @Test
    void aNonStorageSopClassIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1")));
        // the SC Image Storage UID, in the file meta group and the data set, becomes one as long under the DICOM
        // root but outside 1.2.840.10008.5.1.4, where the storage SOP classes are
        byte[] other = replaceAll(whole, TestInstances.SC_IMAGE.getBytes(), "1.2.840.10008.3.1.2.99.99".getBytes());
        InstanceRejectedException e = refused(other);
        assertEquals(InstanceRejectedException.Reason.SOP_CLASS_NOT_SUPPORTED, e.reason(), e.getMessage());
        assertEquals(0x0122, e.reason().failureReason());
        assertNothingStored();
    }

    private static byte[] replaceAll(byte[] data, byte[] from, byte[] to) {
        assertEquals(from.length, to.length);
        byte[] out = data.clone();
        int n = 0;
        for (int i = 0; i <= out.length - from.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
                n++;
            }
        }
        assertEquals(2, n, "in the file meta group and in the data set");
        return out;
    }

    @Test
    void anUnsupportedTransferSyntaxIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, "2.25.1")));
        // Explicit VR Little Endian "1.2.840.10008.1.2.1\0" becomes the deflated syntax's prefix: same length
        int ts = indexOf(whole, "1.2.840.10008.1.2.1\0".getBytes());
        byte[] other = whole.clone();
        System.arraycopy("1.2.840.10008.1.2.9".getBytes(), 0, other, ts, 19);
        InstanceRejectedException e = refused(other);
        assertEquals(InstanceRejectedException.Reason.TRANSFER_SYNTAX_NOT_SUPPORTED, e.reason());
        assertNothingStored();
    }

    @Test
    void aFileThatCannotBePlacedLeavesNoRows() throws Exception {
        Path file = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".1"));
        Files.writeString(instances.resolve(STUDY), "a file where the study's folder should be");

        InstanceRejectedException e = assertThrows(InstanceRejectedException.class, () -> store(file));

        assertEquals(InstanceRejectedException.Reason.OUT_OF_RESOURCES, e.reason(), e.getMessage());
        assertEquals(0L, row("SELECT COUNT(*) n FROM instance").get("N"));
        assertEquals(0L, row("SELECT COUNT(*) n FROM study").get("N"), "the new study's row went too");
        assertEquals(List.of(), incoming());
        Files.delete(instances.resolve(STUDY));
        assertEquals(false, store(file).alreadyStored(), "stored once the obstacle is gone");
    }

    @Test
    void anIndexThatRefusesLeavesNoFile() throws Exception {
        store(TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".1")));
        sql("ALTER TABLE study ADD CONSTRAINT one_instance CHECK (revision < 2)");
        Path second = TestInstances.make(files, new TestInstances.Spec(STUDY, SERIES, SERIES + ".2"));

        InstanceRejectedException e = assertThrows(InstanceRejectedException.class, () -> store(second));

        assertEquals(InstanceRejectedException.Reason.OUT_OF_RESOURCES, e.reason(), e.getMessage());
        assertEquals(1L, row("SELECT COUNT(*) n FROM instance").get("N"));
        assertEquals(1L, row("SELECT revision FROM study").get("REVISION"));
        assertFalse(Files.exists(instances.resolve(STUDY).resolve(SERIES).resolve(SERIES + ".2.dcm")));
        assertTrue(Files.exists(instances.resolve(STUDY).resolve(SERIES).resolve(SERIES + ".1.dcm")));
        assertEquals(List.of(), incoming());
    }

    private void sql(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @Test
    void startUpRemovesTemporaryFilesOfInterruptedStores() throws Exception {
        Path left = instances.resolve(InstanceArchive.INCOMING).resolve("0123.part");
        Files.write(left, new byte[100]);
        new InstanceArchive(database.dataSource(), instances);
        assertFalse(Files.exists(left));
    }

    // ---- helpers

    private void assertNothingStored() throws Exception {
        assertEquals(0L, row("SELECT COUNT(*) n FROM instance").get("N"));
        assertEquals(0L, row("SELECT COUNT(*) n FROM series").get("N"));
        assertEquals(0L, row("SELECT COUNT(*) n FROM study").get("N"));
        try (Stream<Path> s = Files.walk(instances)) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "no file is left");
        }
    }

    private void assertNothingOfStudy(String study) throws Exception {
        assertEquals(0L, row("SELECT COUNT(*) n FROM instance WHERE study_uid = '" + study + "'").get("N"));
        assertFalse(Files.exists(instances.resolve(study)));
    }

    private List<Path> incoming() throws IOException {
        try (Stream<Path> s = Files.list(instances.resolve(InstanceArchive.INCOMING))) {
            return s.toList();
        }
    }

    private Map<String, Object> row(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row for " + sql);
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(), rs.getObject(i));
            }
            assertFalse(rs.next(), "more than one row for " + sql);
            return row;
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
