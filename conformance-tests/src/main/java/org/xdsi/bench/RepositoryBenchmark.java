package org.xdsi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.mime.ContentType;
import org.xdsi.repository.mime.MultipartStream;
import org.xdsi.schema.Schemas;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Repository benchmark (not a test): starts {@code xdsi run} (registry + repository) as a child JVM with a small
 * heap, and for each document size measures ITI-41 (Provide and Register, SOAP 1.2 + MTOM, the document streamed
 * from a file) and ITI-43 (Retrieve, the document part streamed into a file) over loopback: the median of several
 * repetitions in MiB/s, the child's peak heap, and beside it the physical reference on the same file,
 * {@code sha1sum FILE} + {@code cp FILE DEST}. See docs/benchmarks.md.
 *
 * <p>Peak heap: the child runs with {@code -Xlog:gc:file=...}; the peak of a phase is the largest heap occupancy
 * before a collection in that phase (G1 collects when the young generation is full, so that is the high-water mark)
 * or the occupancy at the end of the phase ({@code jcmd <pid> GC.heap_info}), whichever is larger.
 */
@Command(name = "repository-benchmark", mixinStandardHelpOptions = true,
        description = "Measures ITI-41 and ITI-43 throughput of xdsi's repository against sha1sum + cp.")
public final class RepositoryBenchmark implements Callable<Integer> {
    private static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    private static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    private static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    private static final String ACTION_PROVIDE = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    private static final String ACTION_RETRIEVE = "urn:ihe:iti:2007:RetrieveDocumentSet";
    private static final String MIME = "application/octet-stream";
    private static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.216";
    /** Marks a work folder as this benchmark's own, so that it may be deleted. */
    private static final String MARKER = ".xdsi-repository-bench";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    @Option(names = "--sizes", split = ",", description = "document sizes, e.g. 1M,100M,2G (binary units; default: ${DEFAULT-VALUE})")
    List<String> sizes = List.of("1M", "100M");
    @Option(names = "--reps", description = "measured repetitions per size and operation; 0 = by size: 20 up to 10 MiB, 5 up to 200 MiB, else 3 (default: ${DEFAULT-VALUE})")
    int reps;
    @Option(names = "--warmup", description = "unmeasured 1 MiB ITI-41 + ITI-43 round trips before measuring (default: ${DEFAULT-VALUE})")
    int warmup = 30;
    @Option(names = "--work", description = "work folder: input files, the child's data folder, copies (default: ${DEFAULT-VALUE})")
    Path work = Path.of("/tmp/xdsi-repository-bench");
    @Option(names = "--keep", description = "keep the work folder at the end")
    boolean keep;
    @Option(names = "--child-jvm", description = "JVM options of the xdsi child, space-separated (default: ${DEFAULT-VALUE})")
    String childJvm = "-Xmx256m";
    @Option(names = "--results", description = "append the markdown results to this file")
    Path results;

    private final List<String> rows = new ArrayList<>();
    private Child child;
    private String loadStart;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RepositoryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path marker = work.resolve(MARKER);
        if (Files.isDirectory(work) && !Files.exists(marker)) {
            try (Stream<Path> entries = Files.list(work)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(work + " exists and was not made by this benchmark; choose an"
                            + " empty or new --work folder");
                }
            }
        }
        if (Files.exists(marker)) {
            Machine.deleteTree(work); // an earlier run's leftovers
        }
        Files.createDirectories(work);
        Files.createFile(marker);
        loadStart = Machine.loadAverage();
        try (Child c = Child.start(work, childJvm)) {
            child = c;
            log("xdsi child pid " + c.pid + ", repository " + c.repositoryUrl + ", java options " + childJvm);
            Path small = input(1L << 20);
            for (int i = 0; i < warmup; i++) {
                String uid = provide(small);
                retrieve(uid, work.resolve("out.bin"));
            }
            log("warm-up done: " + warmup + " round trips of 1 MiB");
            for (String s : sizes) {
                measure(parseSize(s));
            }
        } finally {
            if (!keep) {
                Machine.deleteTree(work);
            }
        }
        report();
        return 0;
    }

    // ------------------------------------------------------------------ one size

    private void measure(long size) throws Exception {
        int n = reps > 0 ? reps : size <= 10L << 20 ? 20 : size <= 200L << 20 ? 5 : 3;
        Path in = input(size);
        String sha1 = sha1(in);
        Path out = work.resolve("out.bin");
        log("size " + human(size) + ": " + n + " repetitions");

        // reference on the same (page-cached) file: sha1sum, cp, and the fsync cp does not do
        double[] sha1sum = new double[n];
        double[] cp = new double[n];
        double[] fsync = new double[n];
        Path copy = work.resolve("copy.bin");
        for (int i = 0; i < n; i++) {
            Files.deleteIfExists(copy);
            sha1sum[i] = timed("sha1sum", in.toString());
            cp[i] = timed("cp", in.toString(), copy.toString());
            fsync[i] = timed("sync", copy.toString());
        }
        Files.deleteIfExists(copy);

        // ITI-41
        child.phaseStart();
        double[] provide = new double[n];
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            uids.add(provide(in));
            provide[i] = (System.nanoTime() - t0) / 1e9;
        }
        Child.Heap provideHeap = child.phaseEnd(n);

        // ITI-43: the document part streamed into a file, as a consumer would store it
        child.phaseStart();
        double[] retrieve = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            retrieve(uids.get(i), out);
            retrieve[i] = (System.nanoTime() - t0) / 1e9;
        }
        Child.Heap retrieveHeap = child.phaseEnd(n);
        String back = sha1(out);
        if (!back.equals(sha1)) {
            throw new IllegalStateException("retrieved SHA-1 " + back + " differs from " + sha1);
        }
        Files.deleteIfExists(out);
        if (size > 200L << 20) {
            Files.deleteIfExists(in); // keep the disk for the next size
        }

        double ref = median(sha1sum) + median(cp);
        double refSync = ref + median(fsync);
        row(size, "ITI-41 Provide and Register", n, median(provide), min(provide), ref, refSync, median(sha1sum),
                median(cp), median(fsync), provideHeap);
        row(size, "ITI-43 Retrieve", n, median(retrieve), min(retrieve), ref, refSync, median(sha1sum), median(cp),
                median(fsync), retrieveHeap);
    }

    private void row(long size, String op, int n, double median, double best, double ref, double refSync,
                     double sha1sum, double cp, double fsync, Child.Heap heap) {
        double mib = size / (double) (1 << 20);
        String r = String.format(Locale.ROOT,
                "| %s | %s | %d | %.3f | %.0f | %.0f | %.3f + %.3f = %.3f | %.0f | **%.0f %%** | %.0f %% | %.3f | %.3f"
                        + " | %d | %d |",
                human(size), op, n, median, mib / median, mib / best, sha1sum, cp, ref, mib / ref,
                100 * ref / median, 100 * refSync / median, heap.serverCpuPerOp(), heap.clientCpuPerOp(),
                heap.peakMib(), heap.gcs());
        rows.add(r);
        log(r + "  (sync of the copy: " + String.format(Locale.ROOT, "%.3f s", fsync) + ")");
    }

    private void report() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("\n### Repository, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("\n\n");
        sb.append("- machine: `nproc` ").append(Runtime.getRuntime().availableProcessors()).append(", CPU ")
                .append(Machine.cpuModel()).append(", ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("\n");
        sb.append("- xdsi child JVM options: `").append(childJvm).append("`; work folder `").append(work)
                .append("` (input files, the child's data folder)\n");
        sb.append("- load average (1 min) at the start / end: ").append(loadStart).append(" / ").append(Machine.loadAverage())
                .append("\n\n");
        sb.append("| size | operation | reps | median s | median MiB/s | best MiB/s | reference s: sha1sum + cp |"
                + " reference MiB/s | ours / reference | ours / (reference + fsync) | server CPU s/op |"
                + " client CPU s/op | peak heap MiB | GCs |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        System.out.println(sb);
        if (results != null) {
            Files.writeString(results, sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    // ------------------------------------------------------------------ ITI-41 and ITI-43 on the wire

    private String provide(Path document) throws IOException, InterruptedException {
        SubmissionBuilder s = new SubmissionBuilder(child.patient, SOURCE_ID)
                .author("^Welby^Marcus^^^Dr", "Springfield Radiology^^^^^^^^^1.3.6.1.4.1.21367.13.70.1")
                .title("benchmark");
        DocumentEntryBuilder d = s.addDocument().title("benchmark document").mimeType(MIME)
                .serviceTime("20240301080000", "20240301083000");
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String docId = "1.doc." + UUID.randomUUID() + "@bench";
        String body = "<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"" + Schemas.NS_XDSB + "\">"
                + marshal(s) + "<xdsb:Document id=\"" + d.id() + "\"><xop:Include"
                + " xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:" + docId.replace("@", "%40")
                + "\"/></xdsb:Document></xdsb:ProvideAndRegisterDocumentSetRequest>";
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8;"
                + " type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <0.root@bench>"
                + "\r\n\r\n" + envelope(ACTION_PROVIDE, body) + "\r\n--" + boundary + "\r\nContent-Type: " + MIME
                + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + docId + ">\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (HttpPost r = HttpPost.send(child.repositoryUrl, contentType(boundary, ACTION_PROVIDE), TIMEOUT, head,
                document, tail)) {
            String answer = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            if (r.status() != 200 || !answer.contains("status=\"" + SUCCESS + "\"")) {
                throw new IllegalStateException("ITI-41 failed: HTTP " + r.status() + "\n" + answer);
            }
        }
        return d.uniqueIdValue();
    }

    private void retrieve(String uniqueId, Path target) throws IOException, InterruptedException {
        String body = "<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"" + Schemas.NS_XDSB + "\"><xdsb:DocumentRequest>"
                + "<xdsb:RepositoryUniqueId>" + child.repositoryUniqueId + "</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>" + uniqueId + "</xdsb:DocumentUniqueId></xdsb:DocumentRequest>"
                + "</xdsb:RetrieveDocumentSetRequest>";
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        byte[] request = ("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8;"
                + " type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <0.root@bench>"
                + "\r\n\r\n" + envelope(ACTION_RETRIEVE, body) + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (HttpPost r = HttpPost.send(child.repositoryUrl, contentType(boundary, ACTION_RETRIEVE), TIMEOUT, request,
                null, new byte[0])) {
            String type = r.contentType();
            InputStream in = r.body();
            String partsBoundary = ContentType.parse(type).parameter("boundary");
            if (r.status() != 200 || partsBoundary == null) {
                throw new IllegalStateException("ITI-43 failed: HTTP " + r.status() + " " + type + "\n"
                        + new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8));
            }
            MultipartStream parts = new MultipartStream(in, partsBoundary);
            if (!parts.next()) {
                throw new IllegalStateException("ITI-43: empty answer");
            }
            String envelope = new String(parts.body().readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (!envelope.contains("status=\"" + SUCCESS + "\"") || !parts.next()) {
                throw new IllegalStateException("ITI-43 failed:\n" + envelope);
            }
            try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                // large writes: the answer arrives in socket-sized pieces, each would be a system call
                InputStream document = parts.body();
                byte[] buf = new byte[256 * 1024];
                for (int n; (n = document.readNBytes(buf, 0, buf.length)) > 0; ) {
                    file.write(buf, 0, n);
                }
            }
            while (parts.next()) {
                // further parts would be an error of the answer, but are not this benchmark's concern
            }
        }
    }

    private String envelope(String action, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + NS_SOAP + "\" xmlns:a=\"" + NS_WSA
                + "\"><s:Header><a:Action s:mustUnderstand=\"1\">" + action + "</a:Action><a:MessageID>urn:uuid:"
                + UUID.randomUUID() + "</a:MessageID><a:ReplyTo><a:Address>"
                + "http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo><a:To s:mustUnderstand=\"1\">"
                + child.repositoryUrl + "</a:To></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String contentType(String boundary, String action) {
        return "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\";"
                + " start=\"<0.root@bench>\"; start-info=\"application/soap+xml\"; action=\"" + action + "\"";
    }

    private static String marshal(SubmissionBuilder s) {
        try {
            return Schemas.marshal(s.build());
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the xdsi child process

    /** {@code java <options> -cp <this classpath> org.xdsi.server.Xdsi run} on ephemeral ports. */
    static final class Child implements AutoCloseable {
        private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
        private static final Pattern USED = Pattern.compile("used (\\d+)K");
        /** USER_HZ of /proc/PID/stat: 100 on Linux. */
        private static final int CLOCK_TICKS = 100;

        final Process process;
        final long pid;
        final Path gcLog;
        String repositoryUrl;
        String repositoryUniqueId;
        String patient;
        private long gcLogOffset;

        private long cpuTicksAtStart;
        private long clientCpuNanosAtStart;

        /** Peak heap and GC count of a phase, and CPU seconds per operation of the child and of this JVM. */
        record Heap(long peakMib, int gcs, double serverCpuPerOp, double clientCpuPerOp) {
        }

        private Child(Process process, Path gcLog) {
            this.process = process;
            this.pid = process.pid();
            this.gcLog = gcLog;
        }

        static Child start(Path work, String jvmOptions) throws IOException, InterruptedException {
            Path gcLog = work.resolve("child-gc.log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
            command.add("-Xlog:gc:file=" + gcLog);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("org.xdsi.server.Xdsi");
            command.addAll(List.of("run", "--data", work.resolve("data").toString(), "--http-port", "0",
                    "--mllp-port", "0", "--accept-unfed-patients"));
            Process p = new ProcessBuilder(command).redirectError(work.resolve("child-stderr.log").toFile()).start();
            Child c = new Child(p, gcLog);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread out = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child is gone
                }
                lines.add("\u0000EOF");
            }, "xdsi-child-stdout");
            out.setDaemon(true);
            out.start();
            String domain = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("\u0000EOF")) {
                    p.destroyForcibly();
                    throw new IllegalStateException("xdsi did not start; see " + work.resolve("child-stderr.log"));
                }
                if (line.startsWith("domain ")) {
                    domain = line.substring(7);
                } else if (line.startsWith("repository-unique-id ")) {
                    c.repositoryUniqueId = line.substring("repository-unique-id ".length());
                } else if (line.startsWith("endpoint repository ")) {
                    c.repositoryUrl = line.substring("endpoint repository ".length());
                } else if (line.equals("xdsi ready")) {
                    break;
                }
            }
            c.patient = "BENCH1^^^&" + domain + "&ISO"; // --accept-unfed-patients: no ITI-8 feed needed
            return c;
        }

        void phaseStart() throws IOException {
            gcLogOffset = Files.exists(gcLog) ? Files.size(gcLog) : 0;
            cpuTicksAtStart = cpuTicks();
            clientCpuNanosAtStart = clientCpuNanos();
        }

        Heap phaseEnd(int operations) throws IOException, InterruptedException {
            double serverCpu = (cpuTicks() - cpuTicksAtStart) / (double) CLOCK_TICKS / operations;
            double clientCpu = (clientCpuNanos() - clientCpuNanosAtStart) / 1e9 / operations;
            long peakKib = usedNowKib();
            int gcs = 0;
            try (RandomAccessFile f = new RandomAccessFile(gcLog.toFile(), "r")) {
                f.seek(gcLogOffset);
                byte[] rest = new byte[(int) (f.length() - gcLogOffset)];
                f.readFully(rest);
                for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                    Matcher m = GC.matcher(line);
                    if (m.find()) {
                        gcs++;
                        peakKib = Math.max(peakKib, kib(m.group(1), m.group(2)));
                    }
                }
            }
            return new Heap(peakKib >> 10, gcs, serverCpu, clientCpu);
        }

        /** utime + stime of the child, in clock ticks (/proc/PID/stat fields 14 and 15). */
        private long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        private static long clientCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private long usedNowKib() throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher m = USED.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }

        private static long kib(String n, String unit) {
            long v = Long.parseLong(n);
            return switch (unit) {
                case "K" -> v;
                case "M" -> v << 10;
                default -> v << 20;
            };
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().destroy(); // SIGTERM: xdsi closes its database
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ------------------------------------------------------------------ files and helpers

    /** A file of random bytes (not compressible, not sparse) of that size, made once per size. */
    private Path input(long size) throws IOException {
        Path file = work.resolve("in-" + human(size).replace(" ", "") + ".bin");
        if (Files.exists(file) && Files.size(file) == size) {
            return file;
        }
        SplittableRandom random = new SplittableRandom(size);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    private static String sha1(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command to its end and returns its wall time in seconds. */
    private static double timed(String... command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        int exit = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        return s;
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1L << 10;
        } else if (t.endsWith("M")) {
            unit = 1L << 20;
        } else if (t.endsWith("G")) {
            unit = 1L << 30;
        }
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    static String human(long size) {
        if (size % (1L << 30) == 0) {
            return (size >> 30) + " GiB";
        }
        if (size % (1L << 20) == 0) {
            return (size >> 20) + " MiB";
        }
        return size + " B";
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }




    private static void log(String message) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + message);
    }
}
