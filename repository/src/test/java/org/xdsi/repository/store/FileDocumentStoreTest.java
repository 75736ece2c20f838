package org.xdsi.repository.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-phase store: receive streams to a durable staging folder (hash and size on the way), commit publishes by
 * one atomic rename, discard removes; what a crash leaves is found again by {@link FileDocumentStore#leftovers()}.
 */
class FileDocumentStoreTest {
    @TempDir
    Path root;
    FileDocumentStore store;

    @BeforeEach
    void open() {
        store = newStore(root);
    }

    /** The store under test: direct I/O where the file system allows it ({@link BufferedFileDocumentStoreTest}). */
    FileDocumentStore newStore(Path root) {
        return new FileDocumentStore(root);
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    IncomingDocument receive(String uniqueId, byte[] content) throws IOException {
        return store.receive(uniqueId, "application/pdf", new ByteArrayInputStream(content), Long.MAX_VALUE);
    }

    /** Every regular file under the folder, relative. */
    List<String> files(String sub) throws IOException {
        Path dir = root.resolve(sub);
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Direct children of staging/: one folder per staged document. */
    long stagedFolders() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("staging"))) {
            return s.count();
        }
    }

    static byte[] read(StoredDocument d) throws IOException {
        try (InputStream in = d.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aReceivedDocumentIsStagedWithHashAndSizeButNotRetrievableUntilCommitted() throws Exception {
        byte[] content = bytes(300_000, 1);

        IncomingDocument in = receive("1.2.3.1", content);

        assertEquals("1.2.3.1", in.uniqueId());
        assertEquals("application/pdf", in.mimeType());
        assertEquals(sha1(content), in.sha1());
        assertEquals(content.length, in.size());
        assertEquals(List.of("content", "meta.properties"), files("staging").stream()
                .map(f -> Path.of(f).getFileName().toString()).sorted().toList(), "content and metadata staged");
        assertTrue(store.find("1.2.3.1").isEmpty(), "not retrievable before commit");
        assertTrue(files("documents").isEmpty());

        in.commit();

        StoredDocument d = store.find("1.2.3.1").orElseThrow();
        assertArrayEquals(content, read(d));
        assertEquals(sha1(content), d.sha1());
        assertEquals(content.length, d.size());
        assertEquals("application/pdf", d.mimeType());
        assertEquals(0, stagedFolders(), "staging is empty after commit");
        assertArrayEquals(content, read(d), "every open() is a fresh stream");
    }

    @Test
    void aLargeDocumentIsReadBackWhole() throws Exception {
        byte[] content = bytes((int) FileDocumentStore.DIRECT_READ_MIN_BYTES + 3, 5); // read past the page cache
        receive("1.2.3.5", content).commit();

        StoredDocument d = store.find("1.2.3.5").orElseThrow();

        assertArrayEquals(content, read(d));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.writeTo(out);
        assertArrayEquals(content, out.toByteArray());
    }

    @Test
    void aDocumentSpanningSeveralEarlyWriteBacksIsStoredWhole() throws Exception {
        int size = 2 * EarlyWriteback.EVERY_BYTES + 12_345;
        MessageDigest expected = MessageDigest.getInstance("SHA-1");
        InputStream content = new InputStream() { // generated, so the test does not hold the document twice
            private final Random random = new Random(9);
            private int left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = Math.min(len, Math.min(left, 100_000));
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                expected.update(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };

        IncomingDocument in = store.receive("1.2.3.9", "application/dicom", content, Long.MAX_VALUE);

        assertEquals(size, in.size());
        assertEquals(HexFormat.of().formatHex(expected.digest()), in.sha1());
        in.commit();
        assertEquals(size, Files.size(store.finalDirectory("1.2.3.9").resolve("content")));
    }

    @Test
    void aFailedEarlyWriteBackIsTheDocumentsFailure() throws Exception {
        FileChannel channel = FileChannel.open(root.resolve("closed"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        channel.close(); // its force fails
        EarlyWriteback writeback = new EarlyWriteback(channel);

        writeback.written(EarlyWriteback.EVERY_BYTES);

        assertThrows(IOException.class, writeback::finish);
    }

    @Test
    void receiveThenDiscardLeavesNothing() throws Exception {
        IncomingDocument in = receive("1.2.3.2", bytes(10_000, 2));

        in.discard();

        assertEquals(0, stagedFolders());
        assertTrue(files("documents").isEmpty());
        assertTrue(store.find("1.2.3.2").isEmpty());
        assertTrue(store.leftovers().isEmpty());
        in.discard(); // never throws, also the second time
    }

    @Test
    void aZeroByteDocumentIsStoredAsZeroBytes() throws Exception {
        IncomingDocument in = receive("1.2.3.3", new byte[0]);
        assertEquals(0, in.size());
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", in.sha1());

        in.commit();

        StoredDocument d = store.find("1.2.3.3").orElseThrow();
        assertEquals(0, d.size());
        assertArrayEquals(new byte[0], read(d));
    }

    @Test
    void aDocumentOverTheLimitIsRefusedWhileStreamingAndLeavesNothing() throws Exception {
        byte[] exactly = bytes(1000, 4);
        IncomingDocument ok = store.receive("1.2.3.4", "text/plain", new ByteArrayInputStream(exactly), 1000);
        assertEquals(1000, ok.size(), "the limit itself is allowed");
        ok.discard();

        DocumentTooLargeException e = assertThrows(DocumentTooLargeException.class, () -> store.receive("1.2.3.4",
                "text/plain", new ByteArrayInputStream(bytes(1001, 4)), 1000));

        assertEquals(1000, e.maxBytes());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
        assertEquals(0, stagedFolders());
        assertTrue(files("documents").isEmpty());
    }

    @Test
    void aStreamFailingHalfwayLeavesNothing() {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 5000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };

        IOException e = assertThrows(IOException.class, () -> store.receive("1.2.3.5", "text/plain", failing,
                Long.MAX_VALUE));

        assertEquals("connection reset", e.getMessage());
        assertDoesNotLeaveStagingFolders();
    }

    private void assertDoesNotLeaveStagingFolders() {
        try {
            assertEquals(0, stagedFolders());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void committingTheSameBytesTwiceIsIdempotent() throws Exception {
        byte[] content = bytes(5000, 6);
        IncomingDocument first = receive("1.2.3.6", content);
        IncomingDocument second = receive("1.2.3.6", content);

        first.commit();
        second.commit();
        second.commit(); // a retried commit of an already handled one changes nothing either

        assertArrayEquals(content, read(store.find("1.2.3.6").orElseThrow()));
        assertEquals(0, stagedFolders(), "the second copy is removed from staging");
        assertEquals(2, files("documents").size(), "one content and one meta.properties");
    }

    @Test
    void committingOtherBytesUnderACommittedUniqueIdFailsAndKeepsTheFirst() throws Exception {
        byte[] original = bytes(5000, 7);
        receive("1.2.3.7", original).commit();
        IncomingDocument other = receive("1.2.3.7", bytes(5000, 8));

        IOException e = assertThrows(IOException.class, other::commit);

        assertTrue(e.getMessage().contains("1.2.3.7"), e.getMessage());
        assertArrayEquals(original, read(store.find("1.2.3.7").orElseThrow()));
        other.discard();
        assertEquals(0, stagedFolders());
    }

    @Test
    void documentsAreKeptApartByUniqueId() throws Exception {
        byte[] a = "same bytes".getBytes(StandardCharsets.UTF_8);
        receive("1.2.3.8", a).commit();
        receive("1.2.3.9", a).commit();

        assertEquals("1.2.3.8", store.find("1.2.3.8").orElseThrow().uniqueId());
        assertEquals("1.2.3.9", store.find("1.2.3.9").orElseThrow().uniqueId());
        assertTrue(store.find("1.2.3.10").isEmpty());
    }

    @Test
    void leftoversAfterARestartAreTheCompleteStagedDocuments() throws Exception {
        byte[] content = bytes(7000, 9);
        receive("1.2.3.11", content); // neither committed nor discarded: a crash

        FileDocumentStore reopened = newStore(root);
        List<IncomingDocument> left = reopened.leftovers();

        assertEquals(1, left.size());
        IncomingDocument staged = left.get(0);
        assertEquals("1.2.3.11", staged.uniqueId());
        assertEquals(sha1(content), staged.sha1());
        assertEquals(content.length, staged.size());
        assertEquals("application/pdf", staged.mimeType());
        staged.commit();
        assertArrayEquals(content, read(reopened.find("1.2.3.11").orElseThrow()));
        assertTrue(reopened.leftovers().isEmpty());
    }

    @Test
    void anIncompleteStagingFolderIsDeletedByLeftovers() throws Exception {
        Path contentOnly = Files.createDirectory(root.resolve("staging").resolve("crashed-while-writing"));
        Files.write(contentOnly.resolve("content"), bytes(100, 10));
        Path metaTmp = Files.createDirectory(root.resolve("staging").resolve("crashed-before-rename"));
        Files.write(metaTmp.resolve("content"), bytes(100, 11));
        Files.writeString(metaTmp.resolve("meta.properties.tmp"), "uniqueId=1.2.3.12\n");
        IncomingDocument complete = receive("1.2.3.13", bytes(100, 12));

        List<IncomingDocument> left = store.leftovers();

        assertEquals(1, left.size());
        assertEquals(complete.uniqueId(), left.get(0).uniqueId());
        assertFalse(Files.exists(contentOnly), "content without meta.properties is deleted");
        assertFalse(Files.exists(metaTmp), "an unfinished meta.properties.tmp is deleted");
        assertEquals(1, stagedFolders());
    }

    @Test
    void findOfAnUnknownUniqueIdIsEmpty() throws Exception {
        Optional<StoredDocument> none = store.find("9.9.9");
        assertTrue(none.isEmpty());
    }
}
