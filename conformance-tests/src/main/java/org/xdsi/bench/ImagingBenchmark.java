package org.xdsi.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.xdsi.conformance.imaging.Rad69Client;
import org.xdsi.conformance.imaging.StudyGenerator;
import org.xdsi.repository.mime.MultipartStream;
import org.xdsi.server.ServerSettings;
import org.xdsi.server.XdsiServer;

/**
 * Imaging benchmark (not a test): the whole system in this JVM on loopback, a study of {@code --instances} CT-like
 * instances ({@code --rows} x {@code --columns}, 16 bit; made by {@link StudyGenerator}, explicit and implicit VR
 * alternating) is
 *
 * <ol>
 *   <li>stored by STOW-RS ({@code --clients} concurrent clients, {@code --batch} instances per request): instances/s
 *       and MB/s;</li>
 *   <li>retrieved whole by WADO-RS ({@code GET /studies/{uid}}, multipart, {@code transfer-syntax=*}) and by RAD-69
 *       (one request for every instance, the stored syntaxes accepted): MB/s of DICOM payload;</li>
 * </ol>
 * each beside plain reading of the same files from disk (the page cache is warm for both: the files were just
 * written), reported as a ratio because the machine is shared and noisy. Each retrieve is run {@code --repeat}
 * times; the report gives the median. Clients use {@link HttpURLConnection} (java.net.http costs several times the
 * CPU per byte, CPU the server would lose on a small machine).
 */
public final class ImagingBenchmark {
    private static final double MB = 1_000_000.0;
    private static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";

    private ImagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run(args);
            exit = 0;
        } finally {
            // the in-process server's HTTP threads would keep the JVM alive after an error
            System.exit(exit);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("help")) {
            System.out.println("ImagingBenchmark [--instances 1000] [--rows 512] [--columns 512] [--clients 2]"
                    + " [--batch 20] [--repeat 3] [--work DIR] [--results FILE]");
            return;
        }
        int count = Integer.parseInt(o.getOrDefault("instances", "1000"));
        int rows = Integer.parseInt(o.getOrDefault("rows", "512"));
        int columns = Integer.parseInt(o.getOrDefault("columns", "512"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "2"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "20"));
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
        Path work = Path.of(o.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/xdsi-imaging-bench"))
                .toAbsolutePath();
        if (Files.exists(work)) {
            Machine.deleteTree(work);
        }
        Files.createDirectories(work);
        String loadStart = Machine.loadAverage();

        long t0 = System.nanoTime();
        StudyGenerator.Study study = new StudyGenerator(work.resolve("study"), "BENCH1", DOMAIN)
                .generate(List.of(new StudyGenerator.SeriesSpec("CT", count, rows, columns)));
        double generateSeconds = seconds(t0);
        long bytes = study.totalBytes();
        List<Path> files = study.instances().stream().map(StudyGenerator.Instance::file).toList();
        log("generated %d instances, %.1f MB in %.1f s", files.size(), bytes / MB, generateSeconds);

        Map<String, String> flags = new HashMap<>();
        flags.put(ServerSettings.DATA, work.resolve("data").toString());
        flags.put(ServerSettings.HTTP_PORT, "0");
        flags.put(ServerSettings.MLLP_PORT, "0");
        flags.put(ServerSettings.BIND, "127.0.0.1");
        flags.put(ServerSettings.DOMAIN, DOMAIN);
        flags.put(ServerSettings.IMAGING_QUIET_SECONDS, "3600"); // no publication while measuring
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        try (XdsiServer server = new XdsiServer(new PrintStream(startup, true, StandardCharsets.UTF_8))) {
            server.start(ServerSettings.resolve(null, flags, work));
            Map<String, String> endpoints = new HashMap<>();
            String sourceUid = null;
            for (String line : startup.toString(StandardCharsets.UTF_8).split("\n")) {
                String[] p = line.trim().split(" ");
                if (p.length == 3 && p[0].equals("endpoint")) {
                    endpoints.put(p[1], p[2]);
                } else if (p.length == 2 && p[0].equals("imaging-source-uid")) {
                    sourceUid = p[1];
                }
            }

            // ---- plain reading of the generated files, as the reference
            double diskSource = median(repeat, () -> readAll(files));
            log("disk read of the generated files: %.1f MB/s", bytes / MB / diskSource);

            // ---- a second reference for ingest: copying each file and forcing it to disk, as a store must
            Path copies = Files.createDirectories(work.resolve("copies"));
            long c0 = System.nanoTime();
            copyAll(files, copies);
            double copySeconds = seconds(c0);
            Machine.deleteTree(copies);
            log("plain copy + fsync per file: %.1f MB/s", bytes / MB / copySeconds);

            // ---- STOW-RS ingest
            long s0 = System.nanoTime();
            stow(endpoints.get("stow-rs"), files, clients, batch);
            double stowSeconds = seconds(s0);
            log("STOW-RS: %.1f instances/s, %.1f MB/s", files.size() / stowSeconds, bytes / MB / stowSeconds);

            // ---- the stored copies, read plainly
            List<Path> stored;
            try (Stream<Path> s = Files.walk(work.resolve("data").resolve("imaging").resolve("instances"))) {
                stored = s.filter(f -> f.toString().endsWith(".dcm")).toList();
            }
            if (stored.size() != files.size()) {
                throw new IllegalStateException(stored.size() + " stored files for " + files.size() + " sent");
            }
            double diskStored = median(repeat, () -> readAll(stored));

            // ---- WADO-RS whole study
            String wadoUrl = endpoints.get("wado-rs") + "/studies/" + study.studyInstanceUid();
            long[] wadoBytes = new long[1];
            double wado = endpoints.containsKey("wado-rs") ? median(repeat, () -> {
                wadoBytes[0] = wadoRs(wadoUrl);
            }) : Double.NaN;
            log("WADO-RS study: %.1f MB/s (%d bytes of parts)", wadoBytes[0] / MB / wado, wadoBytes[0]);

            // ---- RAD-69 whole study in one request
            List<Rad69Client.Ref> refs = study.instances().stream().map(i -> new Rad69Client.Ref(
                    i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid())).toList();
            String body = Rad69Client.body(sourceUid, refs, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
            long[] radBytes = new long[1];
            String rad69Url = endpoints.get("imaging-rad69");
            double rad = rad69Url != null ? median(repeat, () -> {
                radBytes[0] = rad69(rad69Url, body, refs.size());
            }) : Double.NaN;
            log("RAD-69 study: %.1f MB/s (%d bytes of documents)", radBytes[0] / MB / rad, radBytes[0]);

            StringBuilder sb = new StringBuilder();
            sb.append("\n### Imaging run ").append(java.time.LocalDate.now()).append("\n\n");
            sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                    .append(Machine.cpuModel()).append(", ").append(System.getProperty("java.vm.name")).append(' ')
                    .append(System.getProperty("java.version")).append(", max heap ")
                    .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB; server and clients in one JVM\n");
            sb.append(String.format(Locale.ROOT, "- study: %d CT instances %dx%d 16 bit, %.1f MB (%.2f MB each),"
                            + " explicit and implicit VR LE alternating; STOW-RS %d clients x %d instances per request;"
                            + " retrieves median of %d%n", files.size(), rows, columns, bytes / MB,
                    bytes / MB / files.size(), clients, batch, repeat));
            sb.append("- load average (1 min) at the start / end: ").append(loadStart).append(" / ")
                    .append(Machine.loadAverage()).append("\n\n");
            sb.append("| operation | rate | MB/s | plain disk read MB/s | ours / disk read |\n");
            sb.append("|---|---|---|---|---|\n");
            row(sb, "STOW-RS ingest", String.format(Locale.ROOT, "%.0f instances/s", files.size() / stowSeconds),
                    bytes / MB / stowSeconds, bytes / MB / diskSource);
            sb.append(String.format(Locale.ROOT, "| (reference: plain copy of each file + fsync) | %.0f files/s | %.1f"
                    + " | | STOW-RS / copy: %.2f |%n", files.size() / copySeconds, bytes / MB / copySeconds,
                    copySeconds / stowSeconds));
            row(sb, "WADO-RS study (multipart)", String.format(Locale.ROOT, "%.2f s per study", wado),
                    wadoBytes[0] / MB / wado, bytes / MB / diskStored);
            row(sb, "RAD-69 study (one request, MTOM)", String.format(Locale.ROOT, "%.2f s per study", rad),
                    radBytes[0] / MB / rad, bytes / MB / diskStored);
            System.out.println(sb);
            if (o.containsKey("results")) {
                Files.writeString(Path.of(o.get("results")), sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static void row(StringBuilder sb, String what, String rate, double ours, double disk) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f |%n", what, rate, ours, disk,
                ours / disk));
    }

    // ---- STOW-RS ---------------------------------------------------------------------------------------------

    private static void stow(String url, List<Path> files, int clients, int batch) throws Exception {
        List<List<Path>> batches = new ArrayList<>();
        for (int i = 0; i < files.size(); i += batch) {
            batches.add(files.subList(i, Math.min(files.size(), i + batch)));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < batches.size(); ) {
                        stowBatch(url, batches.get(b));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void stowBatch(String url, List<Path> files) throws IOException {
        String boundary = "stow_" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = close.length;
        for (Path f : files) {
            length += head.length + Files.size(f) + 2;
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(length);
        c.setRequestProperty("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
        c.setRequestProperty("Accept", "application/dicom+json");
        byte[] buf = new byte[256 * 1024];
        try (OutputStream out = c.getOutputStream()) {
            for (Path f : files) {
                out.write(head);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                    }
                }
                out.write('\r');
                out.write('\n');
            }
            out.write(close);
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (status != 200) {
            throw new IOException("STOW-RS answered " + status + ": " + answer);
        }
    }

    // ---- retrieves -------------------------------------------------------------------------------------------

    /** GETs the study and returns the bytes of its parts (each read to the end, none kept). */
    private static long wadoRs(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        if (c.getResponseCode() != 200) {
            throw new IOException("WADO-RS answered " + c.getResponseCode());
        }
        return countParts(c, 0);
    }

    private static long rad69(String url, String body, int expected) throws IOException {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\""
                + "http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
                + "<s:Header><a:Action s:mustUnderstand=\"1\">" + Rad69Client.ACTION + "</a:Action><a:MessageID>urn:uuid:"
                + UUID.randomUUID() + "</a:MessageID><a:ReplyTo><a:Address>"
                + "http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo><a:To s:mustUnderstand=\"1\">"
                + url + "</a:To></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        byte[] request = ("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8;"
                + " type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <0.root@bench>\r\n\r\n"
                + envelope + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(request.length);
        c.setRequestProperty("Content-Type", "multipart/related; boundary=\"" + boundary
                + "\"; type=\"application/xop+xml\"; start=\"<0.root@bench>\"; start-info=\"application/soap+xml\";"
                + " action=\"" + Rad69Client.ACTION + "\"");
        try (OutputStream out = c.getOutputStream()) {
            out.write(request);
        }
        if (c.getResponseCode() != 200) {
            throw new IOException("RAD-69 answered " + c.getResponseCode());
        }
        return countParts(c, expected);
    }

    /** Reads a multipart answer; the first part is the SOAP envelope when {@code expected} > 0 (RAD-69). */
    private static long countParts(HttpURLConnection c, int expected) throws IOException {
        String type = c.getContentType();
        String boundary = org.xdsi.conformance.imaging.DicomWebClient.parameter(type, "boundary");
        long total = 0;
        int parts = 0;
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = c.getInputStream(); MultipartStream m = new MultipartStream(in, boundary)) {
            boolean envelope = expected > 0;
            while (m.next()) {
                InputStream part = m.body();
                if (envelope) {
                    String e = new String(part.readAllBytes(), StandardCharsets.UTF_8);
                    if (!e.contains("ResponseStatusType:Success")) {
                        throw new IOException("RAD-69 not a Success: " + e.substring(0, Math.min(2000, e.length())));
                    }
                    envelope = false;
                    continue;
                }
                for (int n; (n = part.read(buf)) > 0; ) {
                    total += n;
                }
                parts++;
            }
        }
        if (expected > 0 && parts != expected) {
            throw new IOException(parts + " documents for " + expected + " requested");
        }
        return total;
    }

    // ---- reference and helpers -------------------------------------------------------------------------------

    private static void readAll(List<Path> files) throws IOException {
        byte[] buf = new byte[256 * 1024];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                while (in.read(buf) > 0) {
                    // reading is the measurement
                }
            }
        }
    }

    private static void copyAll(List<Path> files, Path target) throws IOException {
        byte[] buf = new byte[256 * 1024];
        int n = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f);
                 java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(target.resolve(n++ + ".dcm"),
                         StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, r);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
                out.force(true);
            }
        }
    }

    interface Timed {
        void run() throws Exception;
    }

    private static double median(int repeat, Timed timed) throws Exception {
        double[] s = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            timed.run();
            s[i] = seconds(t);
        }
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            o.put(key, key.equals("help") ? "" : args[++i]);
        }
        return o;
    }



}
