package org.xdsi.imaging.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xdsi.imaging.dicom.DicomTools;

/**
 * DICOM instances made by dcmtk's {@code dump2dcm} for the archive tests: a CT-like secondary capture with
 * patient, study and series attributes and 128x128x16-bit pixel data (32 KiB, so the archive copies it as bulk data
 * rather than parsing it).
 */
public final class TestInstances {
    public static final String SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7";

    /** What varies between the instances of a test. */
    public record Spec(String studyUid, String seriesUid, String sopUid, String modality, int seriesNumber,
                       int instanceNumber, String transferSyntaxOption) {
        public Spec(String studyUid, String seriesUid, String sopUid) {
            this(studyUid, seriesUid, sopUid, "CT", 1, 1, "+te");
        }

        public Spec withModality(String m) {
            return new Spec(studyUid, seriesUid, sopUid, m, seriesNumber, instanceNumber, transferSyntaxOption);
        }

        public Spec numbered(int series, int instance) {
            return new Spec(studyUid, seriesUid, sopUid, modality, series, instance, transferSyntaxOption);
        }

        /** A dump2dcm option: {@code +te} explicit VR LE, {@code +ti} implicit VR LE, {@code +tb} big endian. */
        public Spec withTransferSyntax(String option) {
            return new Spec(studyUid, seriesUid, sopUid, modality, seriesNumber, instanceNumber, option);
        }
    }

    private TestInstances() {
    }

    /** Writes the instance to {@code dir/<sop>.dcm} with dump2dcm. */
    public static Path make(Path dir, Spec s) throws IOException, InterruptedException {
        Path pixels = dir.resolve("pixels.raw");
        if (!Files.exists(pixels)) {
            byte[] p = new byte[128 * 128 * 2];
            for (int i = 0; i < p.length; i += 2) {
                p[i] = (byte) (i / 2);
                p[i + 1] = (byte) ((i / 256) & 0x0F);
            }
            Files.write(pixels, p);
        }
        StringBuilder dump = new StringBuilder();
        dump.append("(0008,0005) CS [ISO_IR 192]\n");
        dump.append("(0008,0016) UI [").append(SC_IMAGE).append("]\n");
        dump.append("(0008,0018) UI [").append(s.sopUid()).append("]\n");
        dump.append("(0008,0020) DA [20240229]\n");
        dump.append("(0008,0030) TM [101530]\n");
        dump.append("(0008,0050) SH [ACC-1]\n");
        dump.append("(0008,0051) SQ (Sequence with undefined length #=1)\n");
        dump.append("(fffe,e000) na (Item with undefined length #=2)\n");
        dump.append("(0040,0032) UT [1.3.6.1.4.1.21367.13.20.2000]\n");
        dump.append("(0040,0033) CS [ISO]\n");
        dump.append("(fffe,e00d) na (ItemDelimitationItem)\n");
        dump.append("(fffe,e0dd) na (SequenceDelimitationItem)\n");
        if (s.modality() != null) {
            dump.append("(0008,0060) CS [").append(s.modality()).append("]\n");
        }
        dump.append("(0008,0064) CS [WSD]\n");
        dump.append("(0008,0080) LO [General Hospital]\n");
        dump.append("(0008,0090) PN [Smith^Anne]\n");
        dump.append("(0008,1030) LO [CT chest]\n");
        dump.append("(0008,103e) LO [Series ").append(s.seriesNumber()).append("]\n");
        dump.append("(0010,0010) PN [Müller^Jürgen]\n");
        dump.append("(0010,0020) LO [PID-4711]\n");
        dump.append("(0010,0021) LO [HOSP]\n");
        dump.append("(0010,0030) DA [19560527]\n");
        dump.append("(0010,0040) CS [M]\n");
        dump.append("(0018,0015) CS [CHEST]\n");
        if (s.studyUid() != null) {
            dump.append("(0020,000d) UI [").append(s.studyUid()).append("]\n");
        }
        dump.append("(0020,000e) UI [").append(s.seriesUid()).append("]\n");
        dump.append("(0020,0010) SH [S-17]\n");
        dump.append("(0020,0011) IS [").append(s.seriesNumber()).append("]\n");
        dump.append("(0020,0013) IS [").append(s.instanceNumber()).append("]\n");
        dump.append("(0028,0002) US 1\n");
        dump.append("(0028,0004) CS [MONOCHROME2]\n");
        dump.append("(0028,0010) US 128\n");
        dump.append("(0028,0011) US 128\n");
        dump.append("(0028,0100) US 16\n");
        dump.append("(0028,0101) US 12\n");
        dump.append("(0028,0102) US 11\n");
        dump.append("(0028,0103) US 0\n");
        dump.append("(7fe0,0010) OW =pixels.raw\n");
        Path dumpFile = dir.resolve(s.sopUid() + ".dump");
        Files.writeString(dumpFile, dump, StandardCharsets.UTF_8);
        Path out = dir.resolve(s.sopUid() + ".dcm");
        DicomTools.runOk(dir, "dump2dcm", "-q", s.transferSyntaxOption(), dumpFile.getFileName().toString(),
                out.getFileName().toString());
        Files.delete(dumpFile);
        return out;
    }

    /** {@code count} instances of one series, numbered 1.., SOP UIDs {@code <series>.<n>}. */
    public static List<Path> series(Path dir, String studyUid, String seriesUid, int seriesNumber, int count)
            throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(make(dir, new Spec(studyUid, seriesUid, seriesUid + "." + i).numbered(seriesNumber, i)));
        }
        return files;
    }
}
