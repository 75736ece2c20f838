package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.dicom.TransferSyntax;

/** A stored file damaged after ingest: a clear 500 without internals, and the services go on serving the rest. */
class DamagedStoredFileTest {
    @TempDir
    Path dir;

    @Test
    void damagedFileIsAServerErrorAndTheOthersStillServe() throws Exception {
        Path root = Files.createDirectories(dir.resolve("archive"));
        Path good = TestImages.store(root, TestImages.mono8("2.25.7001.1.50", "MONOCHROME2"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path damaged = TestImages.store(root, TestImages.mono8("2.25.7001.1.51", "MONOCHROME2"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] bytes = Files.readAllBytes(damaged);
        // indexed whole, then cut in the middle of its Pixel Data
        InstanceListLocator frozen = new InstanceListLocator(new FolderInstanceLocator(root).study(TestImages.STUDY));
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length - 1000));
        try (RetrieveHarness h = new RetrieveHarness(frozen, dir.resolve("tmp"))) {
            String wado = h.base + "/wado?requestType=WADO&studyUID=" + TestImages.STUDY + "&seriesUID="
                    + TestImages.SERIES_MONO + "&objectUID=";
            Http.Answer jpeg = Http.get(wado + "2.25.7001.1.51&contentType=image/jpeg");
            assertEquals(500, jpeg.status(), jpeg::describe);
            assertTrue(jpeg.contentType().startsWith("text/plain"), jpeg::describe);
            assertFalse(jpeg.text().contains("Exception") || jpeg.text().contains(dir.toString()), jpeg::describe);

            Http.Answer frames = Http.get(h.base + "/dicomweb/studies/" + TestImages.STUDY + "/series/"
                    + TestImages.SERIES_MONO + "/instances/2.25.7001.1.51/frames/1");
            assertTrue(frames.status() == 500, frames::describe);
            assertFalse(frames.text().contains("Exception"), frames::describe);

            Http.Answer fine = Http.get(wado + "2.25.7001.1.50&contentType=application/dicom");
            assertEquals(200, fine.status(), fine::describe);
            assertArrayEquals(Files.readAllBytes(good), fine.body());
        }
    }

    /** A locator over a fixed list of instances. */
    private record InstanceListLocator(java.util.List<org.xdsi.imaging.archive.StoredInstance> all)
            implements org.xdsi.imaging.archive.InstanceLocator {
        @Override
        public java.util.Optional<org.xdsi.imaging.archive.StoredInstance> instance(String study, String series,
                                                                                    String sop) {
            return all.stream().filter(i -> i.studyInstanceUid().equals(study) && i.seriesInstanceUid().equals(series)
                    && i.sopInstanceUid().equals(sop)).findFirst();
        }

        @Override
        public java.util.List<org.xdsi.imaging.archive.StoredInstance> series(String study, String series) {
            return all.stream().filter(i -> i.seriesInstanceUid().equals(series)).toList();
        }

        @Override
        public java.util.List<org.xdsi.imaging.archive.StoredInstance> study(String study) {
            return all;
        }
    }
}
