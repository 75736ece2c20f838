package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents as files: {@code documents/ab/cd/<sha-256 of the uniqueId>/} holds {@code content} and
 * {@code meta.properties}. A document is received into {@code staging/<random>/} (content fsync'd, then the
 * metadata file written and renamed into place, so a staged folder with metadata is complete) and committed by one
 * atomic directory rename. Named by uniqueId rather than by content: ITI-43 asks by uniqueId, and XDS already
 * forbids two different contents under one uniqueId.
 */
public final class FileDocumentStore implements DocumentStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileDocumentStore.class);
    private static final String CONTENT = "content";
    private static final String META = "meta.properties";
    private static final int BUFFER = 256 * 1024;

    /** Smallest document read with direct I/O; smaller ones are read through the page cache, which keeps them. */
    static final long DIRECT_READ_MIN_BYTES = 4L << 20;

    private final Path staging;
    private final Path documents;
    /** Block alignment of direct I/O in this store, 0 where the file system does not do it. */
    private final int directAlignment;

    public FileDocumentStore(Path root) {
        this(root, true);
    }

    /** {@code directIo} false: always buffered I/O (direct I/O is otherwise used where the file system allows it). */
    public FileDocumentStore(Path root, boolean directIo) {
        this.staging = root.resolve("staging");
        this.documents = root.resolve("documents");
        try {
            Files.createDirectories(staging);
            Files.createDirectories(documents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the document store under " + root, e);
        }
        this.directAlignment = directIo ? DirectIo.alignment(root) : 0;
        LOG.info("document store {}: {}", root, directAlignment > 0
                ? "direct I/O (" + directAlignment + "-byte blocks)" : "buffered I/O");
    }

    /** Whether documents are written with direct I/O. */
    public boolean directIo() {
        return directAlignment > 0;
    }

    @Override
    public IncomingDocument receive(String uniqueId, String mimeType, InputStream content, long maxBytes)
            throws IOException {
        Path dir = staging.resolve(UUID.randomUUID().toString());
        Files.createDirectory(dir);
        try {
            MessageDigest sha1 = sha1();
            long size = 0;
            try (ContentWriter out = ContentWriter.create(dir.resolve(CONTENT), directAlignment)) {
                byte[] buf = new byte[BUFFER];
                // fill the buffer before hashing and writing: a part's stream may hand out a few KiB per read
                for (int n; (n = content.readNBytes(buf, 0, buf.length)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new DocumentTooLargeException(maxBytes);
                    }
                    sha1.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                out.finish();
            }
            Meta meta = new Meta(uniqueId, mimeType, HexFormat.of().formatHex(sha1.digest()), size);
            meta.writeDurably(dir);
            syncDirectory(staging);
            return new Staged(dir, meta);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    @Override
    public Optional<StoredDocument> find(String uniqueId) throws IOException {
        Path dir = finalDirectory(uniqueId);
        if (!Files.isRegularFile(dir.resolve(META))) {
            return Optional.empty();
        }
        Meta meta = Meta.read(dir);
        if (!meta.uniqueId().equals(uniqueId)) {
            return Optional.empty(); // a SHA-256 collision would be news; do not serve someone else's bytes
        }
        return Optional.of(new Committed(dir.resolve(CONTENT), meta,
                meta.size() >= DIRECT_READ_MIN_BYTES ? directAlignment : 0));
    }

    /** Deletes incomplete staging folders and returns the complete ones; only while nothing is being received. */
    @Override
    public List<IncomingDocument> leftovers() throws IOException {
        List<IncomingDocument> complete = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(staging)) {
            for (Path dir : dirs.toList()) {
                if (Files.isRegularFile(dir.resolve(META))) {
                    complete.add(new Staged(dir, Meta.read(dir)));
                } else {
                    LOG.info("removing an incomplete staged document {}", dir.getFileName());
                    deleteQuietly(dir);
                }
            }
        }
        return complete;
    }

    Path finalDirectory(String uniqueId) {
        String key = HexFormat.of().formatHex(sha256(uniqueId));
        return documents.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    private final class Staged implements IncomingDocument {
        private final Path dir;
        private final Meta meta;

        Staged(Path dir, Meta meta) {
            this.dir = dir;
            this.meta = meta;
        }

        @Override
        public String uniqueId() {
            return meta.uniqueId();
        }

        @Override
        public String mimeType() {
            return meta.mimeType();
        }

        @Override
        public String sha1() {
            return meta.sha1();
        }

        @Override
        public long size() {
            return meta.size();
        }

        @Override
        public java.time.Instant stagedAt() {
            try {
                return Files.getLastModifiedTime(dir.resolve(META)).toInstant();
            } catch (IOException e) {
                return java.time.Instant.EPOCH;
            }
        }

        @Override
        public void commit() throws IOException {
            Path target = finalDirectory(meta.uniqueId());
            Files.createDirectories(target.getParent());
            try {
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // renaming onto an existing folder fails with EEXIST or ENOTEMPTY; on Linux the latter surfaces as
                // a plain FileSystemException ("Directory not empty"), not as DirectoryNotEmptyException
                if (!Files.isRegularFile(target.resolve(META))) {
                    throw e;
                }
                Meta existing = Meta.read(target);
                if (!existing.sha1().equalsIgnoreCase(meta.sha1()) || existing.size() != meta.size()) {
                    throw new IOException("document " + meta.uniqueId() + " is already stored with other content");
                }
                discard(); // the same bytes are already there
                return;
            }
            syncDirectory(target.getParent());
            syncDirectory(staging);
        }

        @Override
        public void discard() {
            deleteQuietly(dir);
        }
    }

    /** {@code directAlignment} 0: read through the page cache. */
    private record Committed(Path content, Meta meta, int directAlignment) implements StoredDocument {
        @Override
        public String uniqueId() {
            return meta.uniqueId();
        }

        @Override
        public String mimeType() {
            return meta.mimeType();
        }

        @Override
        public String sha1() {
            return meta.sha1();
        }

        @Override
        public long size() {
            return meta.size();
        }

        @Override
        public InputStream open() throws IOException {
            return directAlignment > 0 ? ContentReader.open(content, directAlignment) : Files.newInputStream(content);
        }
    }

    private record Meta(String uniqueId, String mimeType, String sha1, long size) {

        void writeDurably(Path dir) throws IOException {
            Properties p = new Properties();
            p.setProperty("uniqueId", uniqueId);
            p.setProperty("mimeType", mimeType);
            p.setProperty("sha1", sha1);
            p.setProperty("size", Long.toString(size));
            Path tmp = dir.resolve(META + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Writer w = Channels.newWriter(ch, StandardCharsets.UTF_8);
                p.store(w, null);
                w.flush();
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
        }

        static Meta read(Path dir) throws IOException {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            try {
                return new Meta(p.getProperty("uniqueId"), p.getProperty("mimeType"), p.getProperty("sha1"),
                        Long.parseLong(p.getProperty("size")));
            } catch (RuntimeException e) {
                throw new IOException("unreadable document metadata in " + dir, e);
            }
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
