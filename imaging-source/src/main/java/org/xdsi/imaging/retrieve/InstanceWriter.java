package org.xdsi.imaging.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.DicomTranscoder;

/** Streams a stored instance as a Part 10 file in a transfer syntax {@link Encodings} said it can be produced in. */
public final class InstanceWriter {
    private static final int CHUNK = 256 * 1024;

    private InstanceWriter() {
    }

    /** Writes the instance to {@code out} (not closed): the stored bytes as they are, or transcoded on the fly. */
    public static void write(StoredInstance instance, String transferSyntaxUid, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(instance.file())) {
            if (transferSyntaxUid.equals(instance.transferSyntaxUid())) {
                byte[] buf = new byte[CHUNK];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } else {
                DicomTranscoder.transcode(new java.io.BufferedInputStream(in, CHUNK), out, transferSyntaxUid);
            }
        }
    }
}
