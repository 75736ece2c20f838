package org.xdsi.conformance.imaging;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Uids;
import org.xdsi.imaging.dicom.Vr;

/**
 * Makes a realistic DICOM study as files, the way modalities would send it: dcmtk writes one template per series
 * ({@code dump2dcm} from a text dump for CT and MR, {@code img2dcm} from a BMP for an RGB ultrasound screen capture),
 * and the further instances of each series are that template with a new SOP Instance UID, instance number and
 * slightly changed pixels, written by our {@link DicomWriter} in explicit or implicit VR little endian (alternating),
 * so a study mixes tools and transfer syntaxes. One process per series keeps generating quick.
 *
 * <p>Needs dcmtk on PATH. The patient's Issuer of Patient ID is given (the affinity domain OID for identity mapping).
 */
public final class StudyGenerator {
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String SECONDARY_CAPTURE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String ACCESSION_ISSUER = "1.3.6.1.4.1.21367.13.80.1";
    private static final int IMAGE_POSITION_PATIENT = 0x00200032;

    /** One series to make: modality CT (16-bit signed, rescale), MR (16-bit unsigned) or US (8-bit RGB). */
    public record SeriesSpec(String modality, int instances, int rows, int columns) {
    }

    /** What the study holds: the patient and study attributes, and every file with its identifying UIDs. */
    public record Study(String patientId, String issuerOfPatientId, String studyInstanceUid, String accessionNumber,
                        String accessionIssuer, String bodyPart, List<Instance> instances) {
        public List<String> modalities() {
            return instances.stream().map(Instance::modality).distinct().toList();
        }

        public List<Instance> series(String seriesUid) {
            return instances.stream().filter(i -> i.seriesInstanceUid().equals(seriesUid)).toList();
        }

        public long totalBytes() throws IOException {
            long n = 0;
            for (Instance i : instances) {
                n += Files.size(i.file());
            }
            return n;
        }
    }

    /** One generated Part 10 file. {@code madeBy}: dcmtk or xdsi (our writer). */
    public record Instance(Path file, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                           String sopClassUid, String transferSyntaxUid, String modality, int rows, int columns,
                           String madeBy) {
    }

    private final Path directory;
    private final String patientId;
    private final String issuer;
    private final String studyUid = Uids.newUid();
    private final String accession = "ACC" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private final String bodyPart = "CHEST";

    /**
     * @param directory an empty folder; files go to {@code <series number>/<instance number>.dcm}
     */
    public StudyGenerator(Path directory, String patientId, String issuerOfPatientId) {
        this.directory = directory;
        this.patientId = patientId;
        this.issuer = issuerOfPatientId;
    }

    public String studyInstanceUid() {
        return studyUid;
    }

    /** CT 20, MR 20 and US 12 instances of small matrices: 52 instances, a few MB. */
    public static List<SeriesSpec> mixedStudy() {
        return List.of(new SeriesSpec("CT", 20, 128, 128), new SeriesSpec("MR", 20, 96, 96),
                new SeriesSpec("US", 12, 48, 64));
    }

    public Study generate(List<SeriesSpec> series) throws IOException {
        Files.createDirectories(directory);
        List<Instance> all = new ArrayList<>();
        int seriesNumber = 1;
        for (SeriesSpec spec : series) {
            all.addAll(generateSeries(spec, seriesNumber++, Uids.newUid()));
        }
        return new Study(patientId, issuer, studyUid, accession, ACCESSION_ISSUER, bodyPart, List.copyOf(all));
    }

    /** One more instance of an existing series of this study (e.g. after publication), written by our writer. */
    public Instance addInstance(Study study, String seriesUid, Path target) throws IOException {
        List<Instance> series = study.series(seriesUid);
        Instance template = series.get(0);
        Dataset ds = DicomFile.read(template.file()).dataset();
        int number = series.size() + 1;
        return variant(ds, template, number, target, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private List<Instance> generateSeries(SeriesSpec spec, int seriesNumber, String seriesUid) throws IOException {
        Path dir = Files.createDirectories(directory.resolve(String.format("%03d", seriesNumber)));
        Path first = dir.resolve("0001.dcm");
        String sopUid = Uids.newUid();
        Path explicitCopy = dir.resolve("template.dcm");
        switch (spec.modality()) {
            case "CT" -> dump2dcm(spec, seriesNumber, seriesUid, sopUid, dir, first, first);
            case "MR" -> dump2dcm(spec, seriesNumber, seriesUid, sopUid, dir, first, explicitCopy);
            case "US" -> img2dcm(spec, seriesNumber, seriesUid, sopUid, dir, first);
            default -> throw new IllegalArgumentException("no template for modality " + spec.modality());
        }
        DicomFile headFile = DicomFile.read(first);
        Dataset template = Files.exists(explicitCopy) ? DicomFile.read(explicitCopy).dataset() : headFile.dataset();
        Files.deleteIfExists(explicitCopy);
        Instance head = new Instance(first, studyUid, seriesUid, sopUid, template.getString(Tag.SOP_CLASS_UID),
                headFile.transferSyntax().uid(), spec.modality(), spec.rows(), spec.columns(), "dcmtk");
        List<Instance> out = new ArrayList<>();
        out.add(head);
        for (int n = 2; n <= spec.instances(); n++) {
            TransferSyntax ts = n % 2 == 0 ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
            out.add(variant(template, head, n, dir.resolve(String.format("%04d.dcm", n)), ts));
        }
        return out;
    }

    /** The template with a new SOP Instance UID, instance number, slice position and changed pixels. */
    private Instance variant(Dataset template, Instance head, int number, Path target, TransferSyntax ts)
            throws IOException {
        Dataset ds = template.copy();
        String sop = Uids.newUid();
        ds.setString(Tag.SOP_INSTANCE_UID, sop);
        ds.setString(Tag.INSTANCE_NUMBER, Integer.toString(number));
        if (!"US".equals(head.modality())) {
            ds.setString(IMAGE_POSITION_PATIENT, Vr.DS, "-160", "-160", Integer.toString(-300 + 5 * number));
        }
        byte[] pixels = ds.getBytes(Tag.PIXEL_DATA).clone();
        for (int i = 0; i < pixels.length; i += 97) { // another slice: other pixels, same size
            pixels[i] = (byte) (pixels[i] + number);
        }
        ds.setBytes(Tag.PIXEL_DATA, ds.getVr(Tag.PIXEL_DATA), pixels);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            DicomWriter.writeFile(out, ds, ts);
        }
        return new Instance(target, head.studyInstanceUid(), head.seriesInstanceUid(), sop, head.sopClassUid(),
                ts.uid(), head.modality(), head.rows(), head.columns(), "xdsi");
    }

    // ---- dcmtk templates -----------------------------------------------------------------------------------

    private void dump2dcm(SeriesSpec spec, int seriesNumber, String seriesUid, String sopUid, Path dir, Path target,
                          Path template) throws IOException {
        boolean ct = spec.modality().equals("CT");
        Path raw = dir.resolve("pixels.raw");
        ByteBuffer px = ByteBuffer.allocate(spec.rows() * spec.columns() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < spec.rows(); y++) {
            for (int x = 0; x < spec.columns(); x++) {
                double r = Math.hypot(x - spec.columns() / 2.0, y - spec.rows() / 2.0) / (spec.columns() / 2.0);
                // CT: air around a water-like disc with a denser core (stored = HU + 1024); MR: a bright disc
                int v = ct ? (r > 0.9 ? 24 : r < 0.3 ? 1324 : 1064) + ((x * 7 + y * 13) % 17)
                        : (r > 0.9 ? 5 : (int) (900 * (1 - r))) + ((x + y) % 9);
                px.putShort((short) v);
            }
        }
        Files.write(raw, px.array());
        List<String> d = new ArrayList<>(common(seriesNumber, seriesUid, sopUid));
        d.add("(0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]");
        d.add("(0008,0016) UI [" + (ct ? CT_IMAGE_STORAGE : MR_IMAGE_STORAGE) + "]");
        d.add("(0008,0060) CS [" + spec.modality() + "]");
        d.add("(0008,0070) LO [" + (ct ? "Siemens" : "Philips") + "]");
        d.add("(0008,103e) LO [" + (ct ? "Thorax 1.0 B31f" : "T2 TSE AX") + "]");
        d.add("(0018,0050) DS [" + (ct ? "1.0" : "4.0") + "]");
        if (ct) {
            d.add("(0018,0060) DS [120]");
        } else {
            d.add("(0018,0020) CS [SE]");
            d.add("(0018,0021) CS [SK]");
            d.add("(0018,0022) CS [SAT1]");
            d.add("(0018,0023) CS [2D]");
            d.add("(0018,0080) DS [4000]");
            d.add("(0018,0081) DS [100]");
            d.add("(0018,0091) IS [16]");
        }
        d.add("(0020,0032) DS [-160\\-160\\-295]");
        d.add("(0020,0037) DS [1\\0\\0\\0\\1\\0]");
        d.add("(0020,0052) UI [" + studyUid + ".1]");
        d.add("(0020,1040) LO (no value available)");
        d.add("(0028,0002) US 1");
        d.add("(0028,0004) CS [MONOCHROME2]");
        d.add("(0028,0010) US " + spec.rows());
        d.add("(0028,0011) US " + spec.columns());
        d.add("(0028,0030) DS [0.7\\0.7]");
        d.add("(0028,0100) US 16");
        d.add("(0028,0101) US " + (ct ? 12 : 16));
        d.add("(0028,0102) US " + (ct ? 11 : 15));
        d.add("(0028,0103) US 0");
        if (ct) {
            d.add("(0028,1050) DS [40]");
            d.add("(0028,1051) DS [400]");
            d.add("(0028,1052) DS [-1024]");
            d.add("(0028,1053) DS [1]");
            d.add("(0028,1054) LO [HU]");
        }
        d.add("(7fe0,0010) OW =" + raw.getFileName());
        Path dump = dir.resolve("template.dump");
        Files.write(dump, d, StandardCharsets.ISO_8859_1);
        // the MR series starts with dcmtk's implicit VR encoding; its variants are made from an explicit copy,
        // which keeps the VRs of attributes our dictionary does not know
        run(dir, "dump2dcm", ct ? "+te" : "+ti", dump.getFileName().toString(), target.toString());
        if (!ct) {
            run(dir, "dump2dcm", "+te", dump.getFileName().toString(), template.toString());
        }
        Files.delete(raw);
        Files.delete(dump);
    }

    private void img2dcm(SeriesSpec spec, int seriesNumber, String seriesUid, String sopUid, Path dir, Path target)
            throws IOException {
        BufferedImage image = new BufferedImage(spec.columns(), spec.rows(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < spec.rows(); y++) {
            for (int x = 0; x < spec.columns(); x++) {
                int sector = Math.abs(x - spec.columns() / 2) < y ? 180 - y : 0; // a fan-shaped ultrasound sector
                image.setRGB(x, y, (Math.max(sector, 0) << 16) | (sector / 2 << 8) | (x * 255 / spec.columns()));
            }
        }
        Path bmp = dir.resolve("template.bmp");
        if (!ImageIO.write(image, "bmp", bmp.toFile())) {
            throw new IOException("no BMP writer");
        }
        List<String> cmd = new ArrayList<>(List.of("img2dcm", "-i", "BMP", bmp.getFileName().toString(),
                target.toString(), "--no-checks"));
        for (String line : common(seriesNumber, seriesUid, sopUid)) {
            // "(gggg,eeee) VR [value]" -> -k "gggg,eeee=value"; sequences are given as paths
            String tag = line.substring(1, 10);
            String value = line.contains("[") ? line.substring(line.indexOf('[') + 1, line.lastIndexOf(']')) : "";
            if (!line.contains(" SQ ") && !line.startsWith("(fffe") && !line.startsWith("  ")) {
                cmd.add("-k");
                cmd.add(tag + "=" + value);
            }
        }
        cmd.addAll(List.of("-k", "0008,0051[0].0040,0032=" + ACCESSION_ISSUER, "-k", "0008,0051[0].0040,0033=ISO",
                "-k", "0008,0016=" + SECONDARY_CAPTURE_STORAGE, "-k", "0008,0060=US", "-k", "0008,0064=WSD",
                "-k", "0008,103e=Abdomen screen capture", "-k", "0020,0020=A\\P"));
        run(dir, cmd.toArray(String[]::new));
        Files.delete(bmp);
    }

    /** Patient, study and series attributes every instance shares, as dump lines. */
    private List<String> common(int seriesNumber, String seriesUid, String sopUid) {
        return List.of(
                "(0008,0005) CS [ISO_IR 100]",
                "(0008,0018) UI [" + sopUid + "]",
                "(0008,0020) DA [20240301]",
                "(0008,0021) DA [20240301]",
                "(0008,0030) TM [081500]",
                "(0008,0031) TM [0816" + String.format("%02d", seriesNumber) + "]",
                "(0008,0050) SH [" + accession + "]",
                "(0008,0051) SQ (Sequence with explicit length #=1)",
                "  (fffe,e000) na (Item with explicit length #=2)",
                "    (0040,0032) UT [" + ACCESSION_ISSUER + "]",
                "    (0040,0033) CS [ISO]",
                "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)",
                "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.)",
                "(0008,0080) LO [Springfield General Hospital]",
                "(0008,0090) PN [Welby^Marcus]",
                "(0008,1030) LO [CT thorax, MR and US follow-up]",
                "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [" + patientId + "]",
                "(0010,0021) LO [" + issuer + "]",
                "(0010,0030) DA [19700101]",
                "(0010,0040) CS [F]",
                "(0018,0015) CS [" + bodyPart + "]",
                "(0020,000d) UI [" + studyUid + "]",
                "(0020,000e) UI [" + seriesUid + "]",
                "(0020,0010) SH [1]",
                "(0020,0011) IS [" + seriesNumber + "]",
                "(0020,0013) IS [1]");
    }

    private static void run(Path dir, String... command) throws IOException {
        Path log = Files.createTempFile(dir, "dcmtk", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        Files.delete(log);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "; dcmtk installed? "
                    + "apt-get install -y dcmtk): " + output);
        }
    }
}
