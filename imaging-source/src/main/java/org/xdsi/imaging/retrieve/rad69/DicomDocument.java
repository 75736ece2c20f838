package org.xdsi.imaging.retrieve.rad69;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.retrieve.InstanceWriter;
import org.xdsi.repository.store.StoredDocument;

/**
 * A DICOM instance as a document of a RAD-69 response, in the transfer syntax chosen for it. The MTOM writer has it
 * write itself into the answer: the stored file as is, or transcoded on the fly. Whoever asks for a stream instead
 * gets the stored file, or a transcoded temporary copy deleted once read (the instance is never held in memory).
 */
final class DicomDocument implements StoredDocument {
    static final String MIME_TYPE = "application/dicom";

    private final StoredInstance instance;
    private final String transferSyntaxUid;
    private final Path workDirectory;

    DicomDocument(StoredInstance instance, String transferSyntaxUid, Path workDirectory) {
        this.instance = instance;
        this.transferSyntaxUid = transferSyntaxUid;
        this.workDirectory = workDirectory;
    }

    @Override
    public String uniqueId() {
        return instance.sopInstanceUid();
    }

    @Override
    public String mimeType() {
        return MIME_TYPE;
    }

    /** Not known without reading the whole file; RAD-69 responses carry no hash. */
    @Override
    public String sha1() {
        return null;
    }

    /** The stored size, or -1 when the instance is transcoded (known only once written). */
    @Override
    public long size() {
        return asStored() ? instance.size() : -1;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        InstanceWriter.write(instance, transferSyntaxUid, out);
    }

    @Override
    public InputStream open() throws IOException {
        if (asStored()) {
            return Files.newInputStream(instance.file());
        }
        Files.createDirectories(workDirectory);
        Path temp = Files.createTempFile(workDirectory, "rad69-", ".dcm");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 256 * 1024)) {
            InstanceWriter.write(instance, transferSyntaxUid, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new FilterInputStream(Files.newInputStream(temp)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
    }

    private boolean asStored() {
        return transferSyntaxUid.equals(instance.transferSyntaxUid());
    }
}
