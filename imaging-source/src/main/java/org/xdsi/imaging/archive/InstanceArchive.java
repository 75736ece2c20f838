package org.xdsi.imaging.archive;

import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.CANNOT_UNDERSTAND;
import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.DATA_SET_INVALID;
import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.OUT_OF_RESOURCES;
import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.PROCESSING_FAILURE;
import static org.xdsi.imaging.archive.InstanceRejectedException.Reason.TRANSFER_SYNTAX_NOT_SUPPORTED;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.imaging.dicom.DataElement;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFormatException;
import org.xdsi.imaging.dicom.DicomReader;
import org.xdsi.imaging.dicom.ElementHeader;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;

/**
 * Stores DICOM Part 10 instances as {@code <instanceDirectory>/<study>/<series>/<sop>.dcm}, exactly the bytes
 * received, and indexes them.
 *
 * <p>One pass over the input: the bytes go to a temporary file in the instance directory (same file system, so
 * the final move is an atomic rename) while the reader parses the whole instance, leaving values longer than a few
 * kilobytes (pixel data) in the input instead of memory and keeping only the attributes the index needs. A
 * truncated or malformed instance therefore fails before anything is kept. The file is then forced to disk and
 * moved into place inside the index transaction: either the file and its rows exist, or neither.
 */
public final class InstanceArchive {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceArchive.class);
    /** Temporary files of stores in progress; what a crash leaves here is removed at start-up. */
    static final String INCOMING = ".incoming";
    /** Values up to this size are parsed in memory; longer ones (pixel data, big private blobs) only copied. */
    private static final long BULK_THRESHOLD = 16 * 1024;
    /** A text or number value this long is not a header value but a corrupt length field. */
    private static final long MAX_VALUE_LENGTH = 4L << 20;

    private final Path instanceDirectory;
    private final Path incoming;
    private final ArchiveIndex index;
    private final JdbcInstanceLocator locator;

    public InstanceArchive(DataSource dataSource, Path instanceDirectory) {
        this.instanceDirectory = instanceDirectory.toAbsolutePath();
        this.incoming = this.instanceDirectory.resolve(INCOMING);
        this.index = new ArchiveIndex(dataSource);
        this.locator = new JdbcInstanceLocator(dataSource, this.instanceDirectory);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + incoming, e);
        }
        sweepIncoming();
    }

    public Path instanceDirectory() {
        return instanceDirectory;
    }

    /** The stored instances, for the retrieve and publish services. */
    public JdbcInstanceLocator locator() {
        return locator;
    }

    /** Stores one instance; see {@link #store(InputStream, String)}. */
    public StoreResult store(InputStream in) throws InstanceRejectedException {
        return store(in, null);
    }

    /**
     * Stores one Part 10 instance read from {@code in} (to its end; not closed).
     *
     * @param expectedStudyUid the study the instance must belong to (STOW-RS {@code /studies/{study}}), or null
     * @throws InstanceRejectedException the instance is malformed, unsupported or contradicts the archive or
     *                                   {@code expectedStudyUid}; or the disk or database failed. Nothing was kept.
     */
    public StoreResult store(InputStream in, String expectedStudyUid) throws InstanceRejectedException {
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        try {
            return store(in, expectedStudyUid, temp);
        } finally {
            deleteQuietly(temp);
        }
    }

    private StoreResult store(InputStream in, String expectedStudyUid, Path temp) throws InstanceRejectedException {
        InstanceHeader header;
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            CopyingInputStream copying = new CopyingInputStream(in, file);
            header = parse(copying);
            file.flush();
            size = copying.count();
            if (!isKnown(header.sopInstanceUid())) { // a resent instance is not kept: spare the sync
                channel.force(true);
            }
        } catch (IOException e) {
            // input errors surface inside parse; what reaches here is the disk's
            throw new InstanceRejectedException(OUT_OF_RESOURCES, "cannot write the instance: " + e.getMessage(),
                    null, null, e);
        }
        if (expectedStudyUid != null && !expectedStudyUid.equals(header.studyInstanceUid())) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "Study Instance UID " + header.studyInstanceUid()
                    + " conflicts with the study " + expectedStudyUid + " of the request path",
                    header.sopClassUid(), header.sopInstanceUid());
        }
        Path target = instanceDirectory.resolve(header.relativePath());
        ArchiveIndex.Existing existing;
        try {
            existing = index.add(header, size, new ArchiveIndex.Commit() {
                @Override
                public void beforeCommit() throws IOException {
                    moveIntoPlace(temp, target);
                }

                @Override
                public void undo() {
                    deleteQuietly(target);
                }
            });
        } catch (InstanceRejectedException e) {
            throw e;
        } catch (SQLException e) {
            LOG.warn("cannot index {}: {}", header.sopInstanceUid(), e.toString());
            throw new InstanceRejectedException(OUT_OF_RESOURCES, "the index refused the instance: "
                    + e.getMessage(), header.sopClassUid(), header.sopInstanceUid(), e);
        } catch (IOException e) {
            throw new InstanceRejectedException(OUT_OF_RESOURCES, "cannot store the instance: " + e.getMessage(),
                    header.sopClassUid(), header.sopInstanceUid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceRejectedException(PROCESSING_FAILURE, "interrupted", header.sopClassUid(),
                    header.sopInstanceUid(), e);
        } catch (Exception e) {
            throw new InstanceRejectedException(PROCESSING_FAILURE, "cannot store the instance: " + e,
                    header.sopClassUid(), header.sopInstanceUid(), e);
        }
        if (existing == null) {
            return new StoreResult(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                    header.sopClassUid(), false);
        }
        if (!existing.studyInstanceUid().equals(header.studyInstanceUid())
                || !existing.seriesInstanceUid().equals(header.seriesInstanceUid())) {
            throw new InstanceRejectedException(DATA_SET_INVALID, "SOP Instance UID " + header.sopInstanceUid()
                    + " is stored already in study " + existing.studyInstanceUid() + ", series "
                    + existing.seriesInstanceUid() + ", not in study " + header.studyInstanceUid() + ", series "
                    + header.seriesInstanceUid(), header.sopClassUid(), header.sopInstanceUid());
        }
        return new StoreResult(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                header.sopClassUid(), true);
    }

    /** Parses the whole instance (so that it all passes through the copy) and checks its header. */
    private static InstanceHeader parse(InputStream in) throws InstanceRejectedException {
        ReadOptions options = ReadOptions.DEFAULT.withBulkDataThreshold(BULK_THRESHOLD)
                .withMaxValueLength(MAX_VALUE_LENGTH);
        DicomReader reader = new DicomReader(in).options(options); // not closed: the caller owns the stream
        Dataset meta;
        try {
            meta = reader.readFileMetaInformation();
        } catch (DicomFormatException e) {
            throw new InstanceRejectedException(CANNOT_UNDERSTAND, "not a DICOM Part 10 instance: " + e.getMessage(),
                    null, null, e);
        } catch (IllegalArgumentException e) {
            throw new InstanceRejectedException(CANNOT_UNDERSTAND, "invalid file meta information: "
                    + e.getMessage(), null, null, e);
        } catch (IOException e) {
            throw inputFailure(e);
        }
        String ts = meta.getString(Tag.TRANSFER_SYNTAX_UID);
        if (!InstanceHeader.isSupported(ts)) {
            throw new InstanceRejectedException(TRANSFER_SYNTAX_NOT_SUPPORTED, "transfer syntax " + ts
                    + " is not supported", meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID),
                    meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
        }
        Dataset ds = new Dataset();
        try {
            // element by element, keeping only what the index needs: a header of countless small elements is
            // checked without being held
            for (ElementHeader h; (h = reader.readHeader()) != null; ) {
                DataElement e = reader.readValue(h);
                if (InstanceHeader.USED_TAGS.contains(h.tag())) {
                    ds.put(e);
                }
            }
        } catch (DicomFormatException e) {
            throw new InstanceRejectedException(CANNOT_UNDERSTAND, "malformed DICOM data set: " + e.getMessage(),
                    meta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID),
                    meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID), e);
        } catch (IOException e) {
            throw inputFailure(e);
        }
        return InstanceHeader.of(meta, ds);
    }

    private boolean isKnown(String sopInstanceUid) {
        try {
            return index.find(sopInstanceUid) != null;
        } catch (SQLException e) {
            return false; // decided again in the transaction
        }
    }

    /** The input itself failed (a broken connection, a malformed multipart body): no verdict on the instance. */
    private static InstanceRejectedException inputFailure(IOException e) {
        if (e instanceof CopyingInputStream.CopyFailedException) {
            return new InstanceRejectedException(OUT_OF_RESOURCES, e.getMessage(), null, null, e);
        }
        return new InstanceRejectedException(PROCESSING_FAILURE, "cannot read the instance: " + e.getMessage(),
                null, null, new UncheckedIOException(e));
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the temporary files of stores a crash interrupted. */
    void sweepIncoming() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming, "*.part")) {
            for (Path f : files) {
                LOG.info("removing {} left by an interrupted store", f.getFileName());
                deleteQuietly(f);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", incoming, e.toString());
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", f, e.toString());
        }
    }
}
