package org.xdsi.repository.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** Reads a document file with direct I/O ({@link DirectIo}): whole aligned buffers from aligned positions. */
final class ContentReader extends InputStream {
    private final FileChannel channel;
    private final int alignment;
    private ByteBuffer buffer = DirectIo.take();
    private final byte[] chunk = new byte[64 * 1024];
    private boolean eof;

    private ContentReader(FileChannel channel, int alignment) {
        this.channel = channel;
        this.alignment = alignment;
        buffer.limit(0);
    }

    /** Opens {@code file} for direct reads; {@code alignment} as {@link DirectIo#alignment} found it. */
    static ContentReader open(Path file, int alignment) throws IOException {
        return new ContentReader(DirectIo.open(file, StandardOpenOption.READ), alignment);
    }

    /** Refills the buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        if (eof || buffer == null) {
            return false;
        }
        buffer.clear();
        // a read ends short only at the end of the file, which also ends on an unaligned length
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n <= 0 || buffer.position() % alignment != 0) {
                eof = true;
                break;
            }
        }
        buffer.flip();
        return buffer.hasRemaining();
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        long total = 0;
        while (fill()) {
            int n = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, n);
            out.write(chunk, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (buffer != null) {
                DirectIo.give(buffer);
                buffer = null;
            }
        }
    }
}
