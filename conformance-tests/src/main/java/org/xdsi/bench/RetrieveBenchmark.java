package org.xdsi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomWriter;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.TransferSyntax;
import org.xdsi.imaging.dicom.Vr;
import org.xdsi.imaging.retrieve.RetrieveServices;

/**
 * Whole-study retrieve throughput of the imaging source (a benchmark, not a test): a synthetic CT study written as
 * Part 10 files, then fetched over loopback HTTP by WADO-RS (as stored and transcoded to implicit VR little
 * endian), RAD-69 (one request for every instance, MTOM answer) and WADO-URI (one GET per instance), each in MB/s
 * beside a plain read of the same files from disk (page cache warm, as the services see them).
 *
 * <p>{@code --instances 1000 --rows 512 --columns 512 --series 3 --repeat 3 --data DIR}
 */
public final class RetrieveBenchmark {
    private static final String SOURCE_UID = "1.3.6.1.4.1.21367.13.80.199";
    private static final String STUDY = "2.25." + Long.toUnsignedString(UUID.randomUUID().getMostSignificantBits());
    private static final int CHUNK = 256 * 1024;

    private RetrieveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int instances = Integer.parseInt(o.getOrDefault("instances", "1000"));
        int rows = Integer.parseInt(o.getOrDefault("rows", "512"));
        int columns = Integer.parseInt(o.getOrDefault("columns", "512"));
        int seriesCount = Integer.parseInt(o.getOrDefault("series", "3"));
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
        Path data = Path.of(o.getOrDefault("data", Files.createTempDirectory("retrieve-bench").toString()));

        List<StoredInstance> stored = write(data.resolve("archive"), instances, rows, columns, seriesCount);
        long bytes = 0;
        for (StoredInstance i : stored) {
            bytes += i.size();
        }
        System.out.printf(Locale.ROOT, "study: %d instances, %d series, %.1f MB%n", instances, seriesCount,
                bytes / 1e6);
        Locator locator = new Locator(stored);
        String base = "http://127.0.0.1:" + freePort() + "/xdsi";
        RetrieveServices services = new RetrieveServices(locator, SOURCE_UID, data.resolve("tmp"));
        List<Server> servers = List.of(services.publishRad69(base + "/imaging-source"),
                rest(base + "/wado", services.wadoUri()), rest(base + "/dicomweb", services.wadoRs()));
        try {
            Map<String, Measure> runs = new LinkedHashMap<>();
            runs.put("disk read (same files)", () -> readFiles(stored));
            runs.put("WADO-RS study, as stored", () -> get(base + "/dicomweb/studies/" + STUDY,
                    "multipart/related; type=\"application/dicom\""));
            runs.put("WADO-RS study, transcoded to implicit VR LE", () -> get(base + "/dicomweb/studies/" + STUDY,
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2"));
            runs.put("RAD-69 all instances, as stored", () -> rad69(base + "/imaging-source", stored,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
            runs.put("RAD-69 all instances, transcoded to implicit VR LE", () -> rad69(base + "/imaging-source",
                    stored, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()));
            runs.put("WADO-URI, one GET per instance", () -> wadoUri(base + "/wado", stored));
            double disk = 0;
            System.out.println();
            System.out.println("| Retrieve | bytes received | best of " + repeat + " (s) | MB/s | vs disk read |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, Measure> run : runs.entrySet()) {
                run.getValue().run(); // warm-up
                long best = Long.MAX_VALUE;
                long received = 0;
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    received = run.getValue().run();
                    best = Math.min(best, System.nanoTime() - t0);
                }
                double mbps = received / 1e6 / (best / 1e9);
                if (disk == 0) {
                    disk = mbps;
                }
                System.out.printf(Locale.ROOT, "| %s | %.1f MB | %.3f | %.0f | %.2f |%n", run.getKey(),
                        received / 1e6, best / 1e9, mbps, mbps / disk);
            }
        } finally {
            servers.forEach(Server::destroy);
        }
    }

    private interface Measure {
        long run() throws IOException;
    }

    private static long readFiles(List<StoredInstance> stored) throws IOException {
        long n = 0;
        byte[] buf = new byte[CHUNK];
        for (StoredInstance i : stored) {
            try (InputStream in = Files.newInputStream(i.file())) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                }
            }
        }
        return n;
    }

    private static long get(String url, String accept) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Accept", accept);
        return drain(c);
    }

    private static long wadoUri(String base, List<StoredInstance> stored) throws IOException {
        long n = 0;
        for (StoredInstance i : stored) {
            n += get(base + "?requestType=WADO&studyUID=" + i.studyInstanceUid() + "&seriesUID="
                    + i.seriesInstanceUid() + "&objectUID=" + i.sopInstanceUid() + "&contentType=application/dicom",
                    "application/dicom");
        }
        return n;
    }

    private static long rad69(String url, List<StoredInstance> stored, String syntax) throws IOException {
        StringBuilder body = new StringBuilder("<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad=\"urn:ihe:rad:"
                + "xdsi-b:2009\" xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\"><iherad:StudyRequest studyInstanceUID=\""
                + STUDY + "\">");
        Map<String, List<StoredInstance>> bySeries = new LinkedHashMap<>();
        for (StoredInstance i : stored) {
            bySeries.computeIfAbsent(i.seriesInstanceUid(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<StoredInstance>> s : bySeries.entrySet()) {
            body.append("<iherad:SeriesRequest seriesInstanceUID=\"").append(s.getKey()).append("\">");
            for (StoredInstance i : s.getValue()) {
                body.append("<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>").append(SOURCE_UID)
                        .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(i.sopInstanceUid())
                        .append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
            }
            body.append("</iherad:SeriesRequest>");
        }
        body.append("</iherad:StudyRequest><iherad:TransferSyntaxUIDList><iherad:TransferSyntaxUID>").append(syntax)
                .append("</iherad:TransferSyntaxUID></iherad:TransferSyntaxUIDList>"
                        + "</iherad:RetrieveImagingDocumentSetRequest>");
        String envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org"
                + "/2005/08/addressing\"><s:Header><a:Action s:mustUnderstand=\"1\">urn:ihe:rad:2009:"
                + "RetrieveImagingDocumentSet</a:Action><a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:To>" + url + "</a:To></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        String boundary = "b" + UUID.randomUUID();
        byte[] message = ("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\""
                + "application/soap+xml\"\r\nContent-ID: <root@bench>\r\n\r\n" + envelope + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "multipart/related; boundary=\"" + boundary + "\"; type=\"application/"
                + "xop+xml\"; start=\"<root@bench>\"; start-info=\"application/soap+xml\"");
        c.setFixedLengthStreamingMode(message.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(message);
        }
        return drain(c);
    }

    private static long drain(HttpURLConnection c) throws IOException {
        if (c.getResponseCode() != 200) {
            throw new IOException(c.getURL() + ": HTTP " + c.getResponseCode());
        }
        long n = 0;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = c.getInputStream()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
        }
        return n;
    }

    /** CT-like instances: 16-bit monochrome, a gradient, explicit VR little endian. */
    private static List<StoredInstance> write(Path root, int count, int rows, int columns, int seriesCount)
            throws IOException {
        byte[] pixels = new byte[rows * columns * 2];
        for (int p = 0; p < rows * columns; p++) {
            int v = (p % columns) * 4 + (p / columns) % 64;
            pixels[2 * p] = (byte) v;
            pixels[2 * p + 1] = (byte) (v >> 8 & 0x0F);
        }
        List<StoredInstance> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String series = STUDY + "." + (n % seriesCount + 1);
            String sop = series + "." + (n / seriesCount + 1);
            Dataset ds = new Dataset();
            ds.setString(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2");
            ds.setString(Tag.SOP_INSTANCE_UID, sop);
            ds.setString(Tag.MODALITY, "CT");
            ds.setString(Tag.PATIENT_NAME, "Bench^Retrieve");
            ds.setString(Tag.PATIENT_ID, "BENCH-1");
            ds.setString(Tag.STUDY_INSTANCE_UID, STUDY);
            ds.setString(Tag.SERIES_INSTANCE_UID, series);
            ds.setString(Tag.INSTANCE_NUMBER, Integer.toString(n / seriesCount + 1));
            ds.setInt(Tag.SAMPLES_PER_PIXEL, 1);
            ds.setString(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
            ds.setInt(Tag.ROWS, rows);
            ds.setInt(Tag.COLUMNS, columns);
            ds.setInt(Tag.BITS_ALLOCATED, 16);
            ds.setInt(Tag.BITS_STORED, 12);
            ds.setInt(Tag.HIGH_BIT, 11);
            ds.setInt(Tag.PIXEL_REPRESENTATION, 0);
            ds.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
            Path file = root.resolve(STUDY).resolve(series).resolve(sop + ".dcm");
            Files.createDirectories(file.getParent());
            Files.write(file, DicomWriter.toFileBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            out.add(new StoredInstance(STUDY, series, sop, "1.2.840.10008.5.1.4.1.1.2",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), file, Files.size(file)));
        }
        return out;
    }

    /** The study held in memory: what the archive's index answers, without its database. */
    private record Locator(List<StoredInstance> all) implements InstanceLocator {
        @Override
        public Optional<StoredInstance> instance(String study, String series, String sop) {
            return all.stream().filter(i -> i.sopInstanceUid().equals(sop) && i.seriesInstanceUid().equals(series)
                    && i.studyInstanceUid().equals(study)).findFirst();
        }

        @Override
        public List<StoredInstance> series(String study, String series) {
            return all.stream().filter(i -> i.seriesInstanceUid().equals(series)
                    && i.studyInstanceUid().equals(study)).toList();
        }

        @Override
        public List<StoredInstance> study(String study) {
            return all.stream().filter(i -> i.studyInstanceUid().equals(study)).toList();
        }
    }

    private static Server rest(String address, Object resource) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress(address);
        factory.setServiceBeans(List.of(resource));
        return factory.create();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value: " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
