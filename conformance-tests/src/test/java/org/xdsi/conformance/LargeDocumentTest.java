package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * A document larger than the server's heap: {@code xdsi run} with {@code -Xmx128m} takes a 768 MiB document by ITI-41
 * (streamed from a file) and gives it back by ITI-43 (streamed into a file by a bounded-buffer multipart reader);
 * the SHA-1s match and the process is still alive. {@code -XX:+ExitOnOutOfMemoryError} turns any heap exhaustion
 * into a dead process instead of a failed request the server might survive.
 * {@code -Dxdsi.test.largeDocumentMiB=N} changes the size.
 */
class LargeDocumentTest {
    private static final long SIZE = Long.getLong("xdsi.test.largeDocumentMiB", 768) << 20;
    private static final String MIME = "application/dicom";

    @TempDir
    Path tmp;

    @Test
    void documentLargerThanTheHeapStreamsInAndOut() throws Exception {
        Path document = tmp.resolve("large.bin");
        Path back = tmp.resolve("retrieved.bin");
        long t0 = System.nanoTime();
        String sha1 = writeRandom(document, SIZE);
        long generated = System.nanoTime();

        try (XdsiProcess xdsi = XdsiProcess.runAll(tmp.resolve("data"),
                List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"))) {
            StartupLines startup = xdsi.awaitReady(Duration.ofSeconds(60));
            String patient = Registry.patient("LD" + System.nanoTime());
            startup.mllp().feedAccepted(Mllp.a01v231(patient, "Large", "Lars"));
            Mtom repository = startup.repository();

            SubmissionBuilder s = Registry.submission(patient);
            DocumentEntryBuilder d = Registry.sourceDocument(s, "larger than the heap", MIME);
            long p0 = System.nanoTime();
            Soap.Reply provided = repository.provide(s, d, MIME, Mtom.file(document), Duration.ofMinutes(5));
            long p1 = System.nanoTime();
            provided.assertSuccess();

            Soap.Reply found = startup.soap().query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
            found.assertSuccess();
            List<Element> entries = found.documentEntries();
            assertEquals(1, entries.size(), found.body);
            assertEquals(sha1, Registry.slot(entries.get(0), Vocabulary.SLOT_HASH));
            assertEquals(Long.toString(SIZE), Registry.slot(entries.get(0), Vocabulary.SLOT_SIZE));

            long r0 = System.nanoTime();
            Mtom.Retrieved got = repository.retrieve(d.uniqueIdValue(), back, Duration.ofMinutes(5));
            long r1 = System.nanoTime();
            got.assertSuccess();
            assertEquals(SIZE, got.size());
            assertEquals(sha1, got.sha1(), "SHA-1 of the retrieved document");
            assertEquals(MIME, got.mimeType());
            assertTrue(xdsi.process.isAlive(), () -> "xdsi died:\n" + xdsi.stderr());
            assertTrue(!xdsi.stderr().contains("OutOfMemoryError"), xdsi::stderr);
            Path staging = tmp.resolve("data").resolve("repository").resolve("staging");
            try (Stream<Path> left = Files.list(staging)) {
                assertEquals(List.of(), left.toList(), "staging after the submission");
            }

            double mib = SIZE / (double) (1 << 20);
            System.out.printf(Locale.ROOT, "LargeDocumentTest: %.0f MiB with -Xmx128m: generated in %.1f s,"
                            + " ITI-41 %.1f s (%.0f MiB/s), ITI-43 %.1f s (%.0f MiB/s), whole test so far %.1f s%n",
                    mib, (generated - t0) / 1e9, (p1 - p0) / 1e9, mib / ((p1 - p0) / 1e9), (r1 - r0) / 1e9,
                    mib / ((r1 - r0) / 1e9), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Random bytes (not sparse, not compressible), written in 1 MiB blocks; returns their SHA-1. */
    private static String writeRandom(Path file, long size) throws IOException {
        MessageDigest md = Mtom.sha1();
        SplittableRandom random = new SplittableRandom();
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
                md.update(block, 0, n);
                out.write(block, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
