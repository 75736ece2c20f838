package org.xdsi.server.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomReader;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.stow.StoreResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xdsi import DIR}: sends the DICOM files of a folder to a STOW-RS service. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends every DICOM Part 10 file under DIR (recursively) to a STOW-RS service"
                + " (POST <BASE>/dicomweb/studies, multipart/related; type=\"application/dicom\"), several files per"
                + " request, streamed from disk. Files without the DICM prefix, and DICOMDIR files, are skipped.",
                "Prints one line per file, 'stored FILE', 'already-stored FILE', 'failed FILE: REASON' or"
                        + " 'skipped FILE: REASON', then 'summary ...'."},
        footer = {"", "Exit status: 0 every DICOM file stored (or stored before), 1 some failed, 2 the server cannot"
                + " be reached (or bad usage).",
                "Example: xdsi import ./study-dir --url http://127.0.0.1:8080/xdsi"})
public final class ImportCommand extends ClientCommand {
    public static final String DEFAULT_BASE = "http://127.0.0.1:8080/xdsi";
    /** Media Storage Directory Storage: the DICOMDIR of a CD or folder, an index rather than an instance. */
    private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    /** A request carries at most this many bytes of files (and at least one file). */
    private static final long MAX_BATCH_BYTES = 64L << 20;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of DICOM files (searched recursively).")
    Path dir;

    @Option(names = "--url", paramLabel = "BASE", defaultValue = DEFAULT_BASE,
            description = "Base URL of the xdsi server (default: ${DEFAULT-VALUE});"
                    + " STOW-RS is <BASE>/dicomweb/studies.")
    String url;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "25",
            description = "Files per STOW-RS request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "STOW-RS requests in flight at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    /** A DICOM file to send and what became of it. */
    private static final class Item {
        final Path file;
        final String sopInstanceUid;
        final long size;
        String outcome;
        String reason;

        Item(Path file, String sopInstanceUid, long size) {
            this.file = file;
            this.sopInstanceUid = sopInstanceUid;
            this.size = size;
        }
    }

    private int stored;
    private int alreadyStored;
    private int failed;
    private int skipped;

    @Override
    int execute() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw usage(dir + ": no such directory");
        }
        if (batchSize < 1) {
            throw usage("--batch must be at least 1, not " + batchSize);
        }
        if (parallel < 1 || parallel > 64) {
            throw usage("--parallel must be between 1 and 64, not " + parallel);
        }
        URI stow = URI.create(endpoint("--url", url).toString().replaceAll("/+$", "") + "/dicomweb/studies");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout()).build();
        PrintWriter out = out();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ExecutorService senders = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "xdsi-import");
            t.setDaemon(true);
            return t;
        });
        try {
            // up to --parallel requests in flight; results are reported in the order the batches were made
            Deque<Future<List<Item>>> inFlight = new ArrayDeque<>();
            List<Item> batch = new ArrayList<>();
            long batchBytes = 0;
            for (Path f : files) {
                Item item = examine(f, out);
                if (item == null) {
                    continue;
                }
                if (!batch.isEmpty() && (batch.size() >= batchSize || batchBytes + item.size > MAX_BATCH_BYTES)) {
                    inFlight.add(submit(senders, http, stow, batch));
                    if (inFlight.size() >= parallel) {
                        report(inFlight.poll(), out);
                    }
                    batch = new ArrayList<>();
                    batchBytes = 0;
                }
                batch.add(item);
                batchBytes += item.size;
            }
            if (!batch.isEmpty()) {
                inFlight.add(submit(senders, http, stow, batch));
            }
            while (!inFlight.isEmpty()) {
                report(inFlight.poll(), out);
            }
        } finally {
            senders.shutdownNow();
        }
        out.println("summary " + stored + " stored, " + alreadyStored + " already stored, " + failed + " failed, "
                + skipped + " skipped");
        return failed == 0 ? OK : FAILURE;
    }

    private Future<List<Item>> submit(ExecutorService senders, HttpClient http, URI stow, List<Item> batch) {
        return senders.submit(() -> {
            exchange(http, stow, batch);
            return batch;
        });
    }

    /** Prints what became of a batch's files (a transport failure ends the import). */
    private void report(Future<List<Item>> sent, PrintWriter out) throws Exception {
        List<Item> batch;
        try {
            batch = sent.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        for (Item item : batch) {
            if (item.outcome.equals("failed")) {
                fail(item, item.reason, out);
            } else {
                if (item.outcome.equals("stored")) {
                    stored++;
                } else {
                    alreadyStored++;
                }
                out.println(item.outcome + " " + item.file);
            }
        }
        out.flush();
    }

    /** The file as something to send; null when skipped or unreadable (reported). */
    private Item examine(Path f, PrintWriter out) {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(132);
            if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
                skipped++;
                out.println("skipped " + f + ": not a DICOM file (no DICM prefix)");
                return null;
            }
        } catch (IOException e) {
            fail(new Item(f, null, 0), "cannot read: " + describe(e), out);
            return null;
        }
        // the SOP Instance UID matches the file with its entry in the response
        try (DicomReader reader = DicomReader.open(f)) {
            reader.options(ReadOptions.DEFAULT.withStopTag(Tag.PIXEL_DATA).withBulkDataThreshold(16 * 1024));
            Dataset meta = reader.readFileMetaInformation();
            if (MEDIA_STORAGE_DIRECTORY.equals(meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID))) {
                skipped++;
                out.println("skipped " + f + ": a DICOMDIR (media directory), not an instance");
                return null;
            }
            Dataset ds = reader.readDataset();
            String sop = ds.getString(Tag.SOP_INSTANCE_UID, meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
            return new Item(f, sop, Files.size(f));
        } catch (IOException | RuntimeException e) {
            fail(new Item(f, null, 0), "not a readable DICOM file: " + describe(e), out);
            return null;
        }
    }

    /** Sends one batch and gives each of its files an outcome; on a worker thread. */
    private void exchange(HttpClient http, URI stow, List<Item> batch) throws Exception {
        String boundary = "xdsi-" + UUID.randomUUID();
        long length = 0;
        for (Item item : batch) {
            length += partHeader(boundary).length + item.size + 2;
        }
        length += closeDelimiter(boundary).length;
        // Expect: 100-continue: a server that refuses the request (wrong URL, no STOW-RS) says so before the body is
        // sent; otherwise it may close the connection mid-upload and the client sees a broken pipe, not the answer
        HttpRequest request = HttpRequest.newBuilder(stow).timeout(timeout()).expectContinue(true)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body(batch, boundary)), length))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw transport("cannot reach " + stow + ": "
                    + (e.getMessage() == null ? "connection refused" : describe(e)));
        } catch (HttpTimeoutException e) {
            throw transport(stow + " did not answer within " + timeoutSeconds + " s");
        } catch (IOException e) {
            if (e.getCause() instanceof UncheckedIOException u) { // a file could not be read while sending
                throw u.getCause();
            }
            throw transport("cannot send to " + stow + ": " + describe(e));
        }
        int status = response.statusCode();
        StoreResponse answer = null;
        if (status == 200 || status == 202 || status == 409) {
            try {
                answer = StoreResponse.parse(response.body());
            } catch (IllegalArgumentException e) {
                answer = null;
            }
        }
        if (answer == null) {
            String why = "HTTP " + status + " from " + stow + firstLine(response.body());
            for (Item item : batch) {
                item.outcome = "failed";
                item.reason = why;
            }
            return;
        }
        match(batch, answer);
        for (Item item : batch) {
            if (item.outcome == null) {
                item.outcome = "failed";
                item.reason = "the server's response does not mention this instance";
            }
        }
    }

    /** Gives each file its entry of the response: by SOP Instance UID, else (failures without UID) in order. */
    private static void match(List<Item> batch, StoreResponse answer) {
        for (StoreResponse.Referenced r : answer.referenced()) {
            Item item = unmatched(batch, r.sopInstanceUid());
            if (item != null) {
                item.outcome = r.alreadyStored() ? "already-stored" : "stored";
            }
        }
        List<StoreResponse.Failed> anonymous = new ArrayList<>();
        for (StoreResponse.Failed f : answer.failed()) {
            Item item = f.sopInstanceUid() == null ? null : unmatched(batch, f.sopInstanceUid());
            if (item == null) {
                anonymous.add(f);
                continue;
            }
            item.outcome = "failed";
            item.reason = reason(f);
        }
        Iterator<StoreResponse.Failed> rest = anonymous.iterator();
        for (Item item : batch) {
            if (item.outcome == null && rest.hasNext()) {
                item.outcome = "failed";
                item.reason = reason(rest.next());
            }
        }
    }

    private static Item unmatched(List<Item> batch, String sopInstanceUid) {
        for (Item item : batch) {
            if (item.outcome == null && sopInstanceUid != null && sopInstanceUid.equals(item.sopInstanceUid)) {
                return item;
            }
        }
        return null;
    }

    private static String reason(StoreResponse.Failed f) {
        String code = StoreResponse.describeFailure(f.failureReason())
                + String.format(Locale.ROOT, " (%04XH)", f.failureReason());
        return f.comment() == null ? code : code + ": " + f.comment();
    }

    private void fail(Item item, String reason, PrintWriter out) {
        failed++;
        out.println("failed " + item.file + ": " + reason);
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("").strip();
        if (line.length() > 200) {
            line = line.substring(0, 200) + "...";
        }
        return line.isEmpty() ? "" : ": " + line;
    }

    // ---- the request body: each file streamed from disk between its part header and the next delimiter

    private static byte[] partHeader(String boundary) {
        return ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] closeDelimiter(String boundary) {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static InputStream body(List<Item> batch, String boundary) {
        List<Object> pieces = new ArrayList<>();
        for (Item item : batch) {
            pieces.add(partHeader(boundary));
            pieces.add(item.file);
            pieces.add("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        pieces.add(closeDelimiter(boundary));
        Iterator<Object> it = pieces.iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                Object piece = it.next();
                if (piece instanceof byte[] bytes) {
                    return new ByteArrayInputStream(bytes);
                }
                try { // opened only when its turn comes: one file open at a time
                    return Files.newInputStream((Path) piece);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
