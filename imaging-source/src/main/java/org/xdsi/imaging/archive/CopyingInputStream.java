package org.xdsi.imaging.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes every byte read from the stream to {@code copy}: parsing and storing an instance in one pass. */
final class CopyingInputStream extends FilterInputStream {
    /** Writing the copy failed (the disk, not the input): told apart from input errors by its type. */
    static final class CopyFailedException extends IOException {
        CopyFailedException(IOException cause) {
            super("cannot write the copy: " + cause.getMessage(), cause);
        }
    }

    private final OutputStream copy;
    private long count;

    CopyingInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    /** Bytes read (and copied) so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            write(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            write(b, off, n);
        }
        return n;
    }

    private void write(byte[] b, int off, int len) throws CopyFailedException {
        try {
            copy.write(b, off, len);
        } catch (IOException e) {
            throw new CopyFailedException(e);
        }
        count += len;
    }

    /** Skipped bytes are read, so that they are copied too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
