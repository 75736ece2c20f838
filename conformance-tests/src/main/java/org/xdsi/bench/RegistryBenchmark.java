package org.xdsi.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.RegistryActor;
import org.xdsi.registry.RegistryConfig;
import org.xdsi.registry.RegistryService;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.rs.RegistryResponseType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registry benchmark (not a test): loads synthetic metadata through ITI-42, then measures ITI-42 throughput of
 * one-document submissions and FindDocuments / GetDocuments latency, over the real SOAP endpoint and in-process.
 * Run with {@code -Pbench}; see docs/benchmarks.md.
 */
@Command(name = "registry-benchmark", mixinStandardHelpOptions = true,
        description = "Loads synthetic XDS metadata and measures ITI-42 throughput and ITI-18 latency.")
public final class RegistryBenchmark implements Callable<Integer> {
    private static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    private static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    private static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    private static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    private static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    private static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";

    @Option(names = "--db", description = "h2, derby or a jdbc: URL (default: ${DEFAULT-VALUE})")
    String db = "h2";
    @Option(names = "--data", description = "folder of the file database (default: ${DEFAULT-VALUE})")
    Path data = Path.of("target/bench-data");
    @Option(names = "--patients", description = "patients (default: ${DEFAULT-VALUE})")
    int patients = 100_000;
    @Option(names = "--entries", description = "target document entries in total, 1..100 per patient (default: ${DEFAULT-VALUE})")
    long entries = 1_000_000;
    @Option(names = "--load-threads", description = "threads of the bulk load (default: ${DEFAULT-VALUE})")
    int loadThreads = 2;
    @Option(names = "--load-batch", description = "max documents per load submission (default: ${DEFAULT-VALUE})")
    int loadBatch = 20;
    @Option(names = "--max-load-minutes", description = "stop the load after this long and measure what was reached (default: ${DEFAULT-VALUE})")
    double maxLoadMinutes = 15;
    @Option(names = "--measure-submissions", description = "measured one-document ITI-42 submissions per transport (default: ${DEFAULT-VALUE})")
    int measureSubmissions = 20_000;
    // a server measured while the JIT still recompiles the SOAP stack is not the server that runs for months:
    // on 2 CPUs the compiler threads took up to 2 CPU ms per submission after 2,000 warm-up calls, 0.5 after 10,000
    @Option(names = "--warmup-submissions", description = "(default: ${DEFAULT-VALUE})")
    int warmupSubmissions = 10_000;
    @Option(names = "--submit-clients", split = ",", description = "concurrent ITI-42 clients; several measure each in turn (default: 8,32)")
    int[] submitClientCounts = {8, 32};
    @Option(names = "--source-uuids", description = "measured submissions carry entryUUIDs of the source's own"
            + " (random, version 4) instead of symbolic ids that the registry replaces with time-ordered UUIDs")
    boolean sourceUuids;
    @Option(names = "--queries", description = "measured queries per query kind, transport and client count (default: ${DEFAULT-VALUE})")
    int queries = 20_000;
    @Option(names = "--warmup-queries", description = "(default: ${DEFAULT-VALUE})")
    int warmupQueries = 2_000;
    @Option(names = "--query-clients", description = "concurrent query clients of the multi-client run (default: ${DEFAULT-VALUE})")
    int queryClients = 4;
    @Option(names = "--transport", description = "both, http or in-process (default: ${DEFAULT-VALUE})")
    String transport = "both";
    @Option(names = "--over-http", description = "shorthand for --transport http")
    boolean overHttp;
    @Option(names = "--results", description = "append the markdown results to this file")
    Path results;
    @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
    long seed = 42;

    private int submitClients;
    private final List<String> rows = new ArrayList<>();
    private RegistryService service;
    private String endpoint;
    private List<String> loadedPatients;
    private List<String> uniqueIdSample;

    public static void main(String[] args) {
        // HttpURLConnection keeps 5 idle connections per host by default: more clients would reconnect every call
        System.setProperty("http.maxConnections", "256");
        quietLogging();
        System.exit(new CommandLine(new RegistryBenchmark()).execute(args));
    }

    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.xdsi").setLevel(ch.qos.logback.classic.Level.WARN);
            ctx.getLogger("org.apache.cxf").setLevel(ch.qos.logback.classic.Level.WARN);
            ctx.getLogger("org.eclipse.jetty").setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (overHttp) {
            transport = "http";
        }
        boolean doHttp = !transport.equals("in-process");
        boolean doLocal = !transport.equals("http");
        Files.createDirectories(data);
        System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());
        String url = jdbcUrl();
        log("database " + url);
        RegistryConfig config = RegistryConfig.embedded(url, SyntheticData.DOMAIN);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RegistryActor actor = RegistryActor.start(config, "http://127.0.0.1:" + port + "/xdsi", "127.0.0.1", 0)) {
            service = actor.local();
            endpoint = actor.endpointUrl();

            long existing = count("SELECT COUNT(*) FROM document_entry");
            String loadNote;
            if (existing > 0) {
                log("database holds " + existing + " entries already: no load, measuring on them");
                loadedPatients = column("SELECT DISTINCT patient_id FROM document_entry", Integer.MAX_VALUE);
                uniqueIdSample = column("SELECT unique_id FROM document_entry", 200_000);
                loadNote = "reused existing database";
            } else {
                loadNote = load();
            }
            long reached = count("SELECT COUNT(*) FROM document_entry");
            log("entries in the registry: " + reached + ", patients with documents: " + loadedPatients.size());

            // Phase 2: ITI-42, one document per submission
            for (int clients : submitClientCounts) {
                submitClients = clients;
                if (doHttp) {
                    submissionsOverHttp();
                }
                if (doLocal) {
                    submissionsInProcess();
                }
            }
            // Phase 3: FindDocuments by patient and GetDocuments by uniqueId
            for (int clients : clientCounts()) {
                if (doHttp) {
                    queryOverHttp("FindDocuments", clients, this::findDocuments);
                    queryOverHttp("GetDocuments", clients, this::getDocuments);
                }
                if (doLocal) {
                    queryInProcess("FindDocuments", clients, this::findDocuments);
                    queryInProcess("GetDocuments", clients, this::getDocuments);
                }
            }
            long finalCount = count("SELECT COUNT(*) FROM document_entry");
            report(url, reached, finalCount, loadNote);
        }
        return 0;
    }

    private int[] clientCounts() {
        return queryClients == 1 ? new int[] {1} : new int[] {1, queryClients};
    }

    private String jdbcUrl() {
        Path dir = data.toAbsolutePath();
        return switch (db) {
            case "h2" -> "jdbc:h2:file:" + dir.resolve("h2/registry"); // as xdsi-server's DataFolder
            case "derby" -> "jdbc:derby:" + dir.resolve("derby/registry") + ";create=true";
            default -> db;
        };
    }

    // ------------------------------------------------------------------ phase 1: bulk load through ITI-42

    private String load() throws InterruptedException {
        int[] counts = SyntheticData.documentsPerPatient(patients, entries, seed);
        int max = 0, ones = 0;
        for (int c : counts) {
            max = Math.max(max, c);
            ones += c == 1 ? 1 : 0;
        }
        log(String.format(Locale.ROOT, "loading %d entries for %d patients (mean %.1f, max %d, %d%% with one document), %d threads, <= %d docs per submission",
                entries, patients, (double) entries / patients, max, 100 * ones / patients, loadThreads, loadBatch));
        AtomicInteger next = new AtomicInteger();
        AtomicLong docs = new AtomicLong();
        AtomicLong submissions = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + (long) (maxLoadMinutes * 60e9);
        double keep = Math.min(1.0, 200_000.0 / entries);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        List<String> sample = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        AtomicLong lastDocs = new AtomicLong();
        progress.scheduleAtFixedRate(() -> {
            long d = docs.get();
            log(String.format(Locale.ROOT, "  load: %d entries (%d submissions) after %.0f s, %d entries/s over the last 15 s, gc %d ms",
                    d, submissions.get(), (System.nanoTime() - start) / 1e9, (d - lastDocs.getAndSet(d)) / 15, gcMillis()));
        }, 15, 15, TimeUnit.SECONDS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < loadThreads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    int p;
                    while (failure.get() == null && System.nanoTime() < deadline && (p = next.getAndIncrement()) < patients) {
                        String pid = SyntheticData.patientId(p);
                        service.patients().register(pid);
                        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
                        for (int left = counts[p]; left > 0; ) {
                            int n = Math.min(loadBatch, left);
                            SubmitObjectsRequest request = SyntheticData.submission(pid, n, r, id -> {
                                if (keep >= 1 || r.nextDouble() < keep) {
                                    sample.add(id);
                                }
                            });
                            check(service.registerDocumentSet(request));
                            left -= n;
                            docs.addAndGet(n);
                            submissions.incrementAndGet();
                        }
                        done.add(pid);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        progress.shutdownNow();
        if (failure.get() != null) {
            throw new IllegalStateException("load failed", failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        loadedPatients = new ArrayList<>(done);
        uniqueIdSample = new ArrayList<>(sample);
        String note = String.format(Locale.ROOT, "load: %d entries in %d submissions (<= %d docs each) for %d patients in %.0f s with %d threads = %.0f entries/s, %.0f submissions/s%s",
                docs.get(), submissions.get(), loadBatch, done.size(), seconds, loadThreads, docs.get() / seconds,
                submissions.get() / seconds, done.size() < patients ? " (stopped at the --max-load-minutes limit)" : "");
        log(note);
        return note;
    }

    private static void check(RegistryResponseType response) {
        if (!SUCCESS.equals(response.getStatus())) {
            StringBuilder sb = new StringBuilder("ITI-42 failed: " + response.getStatus());
            if (response.getRegistryErrorList() != null) {
                response.getRegistryErrorList().getRegistryError().forEach(e ->
                        sb.append("\n  ").append(e.getErrorCode()).append(": ").append(e.getCodeContext()));
            }
            throw new IllegalStateException(sb.toString());
        }
    }

    // ------------------------------------------------------------------ phase 2: ITI-42 throughput

    private List<SubmitObjectsRequest> singleDocumentSubmissions(int n, long salt) {
        SplittableRandom r = new SplittableRandom(seed ^ salt);
        List<SubmitObjectsRequest> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String pid = loadedPatients.get(r.nextInt(loadedPatients.size()));
            SubmitObjectsRequest request = SyntheticData.submission(pid, 1, r, id -> { });
            list.add(sourceUuids ? SyntheticData.withSourceUuids(request) : request);
        }
        return list;
    }

    private void submissionsOverHttp() throws Exception {
        int total = warmupSubmissions + measureSubmissions;
        log("ITI-42 over HTTP: preparing " + total + " one-document submissions");
        List<byte[]> bodies = new ArrayList<>(total);
        for (SubmitObjectsRequest request : singleDocumentSubmissions(total, 0x4242 + 1000L * submitClients)) {
            bodies.add(envelope(Vocabulary.ACTION_REGISTER, Schemas.marshal(request)));
        }
        Call call = i -> {
            Answer response = post(bodies.get(i));
            if (response.statusCode() != 200 || !response.body().contains(SUCCESS)) {
                throw new IllegalStateException("ITI-42 over HTTP failed: " + response.statusCode() + " " + response.body());
            }
            bodies.set(i, null);
        };
        run(warmupSubmissions, 0, submitClients, call, false);
        long checkpoints = service.database().groupCheckpoints();
        long written = h2BytesWritten();
        Latencies l = run(measureSubmissions, warmupSubmissions, submitClients, call, false);
        row(submissionKind(), "HTTP (SOAP 1.2)", submitClients, l, perCheckpoint(checkpoints, written));
    }

    private void submissionsInProcess() throws Exception {
        int total = warmupSubmissions + measureSubmissions;
        log("ITI-42 in-process: preparing " + total + " one-document submissions");
        List<SubmitObjectsRequest> requests = singleDocumentSubmissions(total, 0x4343 + 1000L * submitClients);
        Call call = i -> {
            check(service.registerDocumentSet(requests.get(i)));
            requests.set(i, null);
        };
        run(warmupSubmissions, 0, submitClients, call);
        long checkpoints = service.database().groupCheckpoints();
        long written = h2BytesWritten();
        Latencies l = run(measureSubmissions, warmupSubmissions, submitClients, call);
        row(submissionKind(), "in-process", submitClients, l, perCheckpoint(checkpoints, written));
    }

    private String submissionKind() {
        return "ITI-42, 1 document/submission" + (sourceUuids ? ", source's own UUIDs" : "");
    }

    /** H2's group commit: how many submissions one CHECKPOINT SYNC made durable, and the bytes H2 wrote. */
    private String perCheckpoint(long checkpointsBefore, long writtenBefore) throws SQLException {
        long checkpoints = service.database().groupCheckpoints() - checkpointsBefore;
        long written = h2BytesWritten() - writtenBefore;
        return checkpoints == 0 ? "" : String.format(Locale.ROOT,
                "%.1f submissions per group commit, H2 wrote %.0f KB/submission",
                (double) measureSubmissions / checkpoints, written / 1024.0 / measureSubmissions);
    }

    /** Bytes H2 wrote to its file since it was opened (0 for other databases). */
    private long h2BytesWritten() throws SQLException {
        if (!service.database().dialect().name().equals("H2")) {
            return 0;
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    // ------------------------------------------------------------------ phase 3: stored queries

    private String findDocuments(SplittableRandom r) {
        String pid = loadedPatients.get(r.nextInt(loadedPatients.size()));
        return adhoc(FIND_DOCUMENTS, "<rim:Slot name=\"$XDSDocumentEntryPatientId\"><rim:ValueList><rim:Value>'"
                + escape(pid) + "'</rim:Value></rim:ValueList></rim:Slot>"
                + "<rim:Slot name=\"$XDSDocumentEntryStatus\"><rim:ValueList><rim:Value>('" + APPROVED
                + "')</rim:Value></rim:ValueList></rim:Slot>");
    }

    private String getDocuments(SplittableRandom r) {
        String uid = uniqueIdSample.get(r.nextInt(uniqueIdSample.size()));
        return adhoc(GET_DOCUMENTS, "<rim:Slot name=\"$XDSDocumentEntryUniqueId\"><rim:ValueList><rim:Value>('"
                + escape(uid) + "')</rim:Value></rim:ValueList></rim:Slot>");
    }

    private static String adhoc(String queryId, String slots) {
        return "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
                + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/>"
                + "<rim:AdhocQuery id=\"" + queryId + "\">" + slots + "</rim:AdhocQuery></query:AdhocQueryRequest>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private interface QueryGen {
        String next(SplittableRandom r);
    }

    private void queryOverHttp(String name, int clients, QueryGen gen) throws Exception {
        int total = warmupQueries + queries;
        SplittableRandom r = new SplittableRandom(seed ^ name.hashCode() ^ clients);
        byte[][] bodies = new byte[total][];
        for (int i = 0; i < total; i++) {
            bodies[i] = envelope(Vocabulary.ACTION_STORED_QUERY, gen.next(r));
        }
        AtomicLong returned = new AtomicLong();
        Call call = i -> {
            Answer response = post(bodies[i]);
            if (response.statusCode() != 200 || !response.body().contains(SUCCESS)) {
                throw new IllegalStateException(name + " over HTTP failed: " + response.statusCode() + " " + response.body());
            }
            returned.addAndGet(countEntries(response.body()));
        };
        run(warmupQueries, 0, clients, call, false);
        returned.set(0);
        Latencies l = run(queries, warmupQueries, clients, call, false);
        row(name + " (LeafClass)", "HTTP (SOAP 1.2)", clients, l,
                String.format(Locale.ROOT, "%.1f entries/answer", (double) returned.get() / queries));
    }

    private void queryInProcess(String name, int clients, QueryGen gen) throws Exception {
        int total = warmupQueries + queries;
        SplittableRandom r = new SplittableRandom(seed ^ name.hashCode() ^ (clients * 7919L));
        AdhocQueryRequest[] requests = new AdhocQueryRequest[total];
        for (int i = 0; i < total; i++) {
            requests[i] = Schemas.unmarshal(gen.next(r), AdhocQueryRequest.class);
        }
        AtomicLong returned = new AtomicLong();
        Call call = i -> {
            String xml = service.storedQueryXml(requests[i]);
            if (!xml.contains(SUCCESS)) {
                throw new IllegalStateException(name + " failed: " + xml);
            }
            returned.addAndGet(countEntries(xml));
        };
        run(warmupQueries, 0, clients, call);
        returned.set(0);
        Latencies l = run(queries, warmupQueries, clients, call);
        row(name + " (LeafClass)", "in-process", clients, l,
                String.format(Locale.ROOT, "%.1f entries/answer", (double) returned.get() / queries));
    }

    private static int countEntries(String xml) {
        int n = 0;
        for (int at = xml.indexOf("ExtrinsicObject "); at >= 0; at = xml.indexOf("ExtrinsicObject ", at + 1)) {
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ driving

    @FunctionalInterface
    private interface Call {
        void run(int index) throws Exception;
    }

    /** Runs calls {@code offset .. offset+n-1} from {@code clients} threads; each thread takes the next index. */
    private Latencies run(int n, int offset, int clients, Call call) throws InterruptedException {
        return run(n, offset, clients, call, true);
    }

    private Latencies run(int n, int offset, int clients, Call call, boolean inProcess) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CpuMeter cpu = new CpuMeter();
        cpu.start();
        long[][] lat = new long[clients][n];
        int[] counts = new int[clients];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    long t0 = System.nanoTime();
                    try {
                        call.run(offset + i);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    lat[id][counts[id]++] = System.nanoTime() - t0;
                }
                cpu.addCurrentThread();
            }, "client-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark call failed", failure.get());
        }
        Latencies latencies = new Latencies(lat, counts, wall);
        latencies.cpu = cpu.stop(latencies.count(), inProcess);
        return latencies;
    }

    /**
     * One POST over a kept-alive HttpURLConnection ({@link HttpPost}): the load driver shares the server's two CPUs,
     * and java.net.http's asynchronous pipeline cost it about 0.4 CPU ms per call against about a third of that.
     */
    private Answer post(byte[] body) throws IOException {
        try (HttpPost post = HttpPost.send(endpoint, "application/soap+xml; charset=UTF-8", Duration.ofSeconds(120),
                body, null, new byte[0])) {
            return new Answer(post.status(), new String(post.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Answer(int statusCode, String body) {
    }

    /** A SOAP 1.2 envelope with the WS-Addressing headers XDS requires, as other vendors' clients send it. */
    private byte[] envelope(String action, String bodyXml) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + NS_SOAP
                + "\" xmlns:wsa=\"" + NS_WSA + "\"><soap:Header>"
                + "<wsa:Action soap:mustUnderstand=\"1\">" + action + "</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "<wsa:To soap:mustUnderstand=\"1\">" + endpoint + "</wsa:To>"
                + "</soap:Header><soap:Body>" + bodyXml + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ database helpers

    private DataSource dataSource() {
        return service.database().dataSource();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> column(String sql, int maxRows) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setMaxRows(maxRows == Integer.MAX_VALUE ? 0 : maxRows);
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ output

    private void row(String what, String via, int clients, Latencies l, String note) {
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.2f | %s | %s | %s |",
                dbName(), what, via, clients, l.count(), l.perSecond(), l.percentileMs(50), l.percentileMs(99),
                l.percentileMs(99.9), l.maxMs(), l.cpu.serverMsPerOp(),
                l.cpu.clientNanos() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", l.cpu.clientMsPerOp()),
                l.cpu.loadBefore() + " → " + l.cpu.loadAfter(),
                l.cpu.jitMsPerOp() >= 0.05 ? join(note, String.format(Locale.ROOT, "JIT %.2f ms/op", l.cpu.jitMsPerOp())) : note);
        rows.add(row);
        log(row);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private String dbName() {
        return db.equals("h2") ? "H2" : db.equals("derby") ? "Derby" : db;
    }

    private void report(String url, long reached, long finalCount, String loadNote) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("\n### ").append(dbName()).append(", ").append(reached).append(" entries, ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (")
                .append(Machine.cpuModel()).append("), ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        long disk = diskBytes();
        sb.append("- database: `").append(url).append("`, ").append(disk >> 20).append(" MiB on disk at the end = ")
                .append(finalCount == 0 ? 0 : disk / finalCount).append(" bytes per document entry\n");
        sb.append("- ").append(loadNote).append('\n');
        sb.append("- entries: ").append(reached).append(" when measuring began, ").append(finalCount)
                .append(" at the end (the ITI-42 phase adds entries); ").append(loadedPatients.size())
                .append(" patients queried\n");
        sb.append("- GC time in the whole run: ").append(gcMillis()).append(" ms\n\n");
        sb.append("| DB | operation | via | clients | n | ops/s | p50 ms | p99 ms | p99.9 ms | max ms"
                + " | server CPU ms/op | client CPU ms/op | load avg | note |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        System.out.println(sb);
        if (results != null) {
            Files.writeString(results, sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }


    private long diskBytes() {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static void log(String message) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + message);
    }
}
