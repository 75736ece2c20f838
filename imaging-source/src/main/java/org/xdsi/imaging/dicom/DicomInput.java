package org.xdsi.imaging.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered input that knows its position and can peek: what the reader needs to report offsets, to look at the
 * next tag before deciding how to parse it, and to fail on truncation instead of returning short reads.
 */
final class DicomInput {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final long length;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private long consumed;

    /** {@code length} is the number of bytes the input holds from here, or -1 when unknown. */
    DicomInput(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    long position() {
        return consumed + pos;
    }

    /** Bytes left in the input, or -1 when unknown. */
    long remaining() {
        return length < 0 ? -1 : length - position();
    }

    /** Makes up to {@code n} bytes available in the buffer; returns how many are (fewer only at end of input). */
    int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                break;
            }
            limit += r;
        }
        return Math.min(n, limit);
    }

    /** True at end of input. */
    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    /** The byte at {@code index} ahead of the position, without consuming it; -1 past the end. */
    int peek(int index) throws IOException {
        return fill(index + 1) > index ? buf[pos + index] & 0xFF : -1;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit && fill(1) == 0) {
                throw new EOFException();
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Reads {@code len} bytes into a new array, allocating as data arrives so that a huge length field on a short
     * input fails with EOF rather than a huge allocation.
     */
    byte[] readBytes(int len) throws IOException {
        byte[] out = new byte[Math.min(len, BUFFER_SIZE)];
        int done = 0;
        while (done < len) {
            if (done == out.length) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(len, 2L * out.length));
            }
            int want = out.length - done;
            readFully(out, done, want);
            done += want;
        }
        return out;
    }

    void skipFully(long n) throws IOException {
        while (n > 0) {
            if (pos == limit && fill(1) == 0) {
                throw new EOFException();
            }
            int k = (int) Math.min(n, limit - pos);
            pos += k;
            n -= k;
        }
    }

    /** Reads up to {@code len} bytes, fewer only at end of input (like {@link InputStream#read}). */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && fill(1) == 0) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    void close() throws IOException {
        in.close();
    }
}
