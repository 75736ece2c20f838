package org.xdsi.repository.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 (lowercase hex, as XDS {@code hash} slots carry it) and size of a file or stream, read once in chunks. */
public record FileDigest(long size, String sha1) {

    public static FileDigest of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }

    /** Copies {@code in} to {@code out} and digests the bytes on the way. */
    public static FileDigest copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha1 = newSha1();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                sha1.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        }
        return new FileDigest(size, HexFormat.of().formatHex(sha1.digest()));
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
