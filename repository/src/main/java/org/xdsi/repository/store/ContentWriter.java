package org.xdsi.repository.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new document file and makes it durable: direct I/O in {@link DirectIo#BUFFER}-sized aligned writes
 * where the file system allows it, otherwise buffered writes with {@link EarlyWriteback}.
 */
abstract class ContentWriter implements Closeable {

    /** A new file ({@code CREATE_NEW}); direct I/O when {@code alignment} is not 0. */
    static ContentWriter create(Path file, int alignment) throws IOException {
        return alignment > 0 ? new Direct(file, alignment) : new Buffered(file);
    }

    abstract void write(byte[] b, int off, int len) throws IOException;

    /** Writes what is pending and fsyncs the file: its bytes and its size are on disk when this returns. */
    abstract void finish() throws IOException;

    private static final class Direct extends ContentWriter {
        private final FileChannel channel;
        private final int alignment;
        private ByteBuffer buffer = DirectIo.take();
        private long size;

        Direct(Path file, int alignment) throws IOException {
            this.channel = DirectIo.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.alignment = alignment;
        }

        @Override
        void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                size += n;
                if (!buffer.hasRemaining()) {
                    writeBuffer();
                }
            }
        }

        @Override
        void finish() throws IOException {
            int pending = buffer.position();
            if (pending > 0) {
                int padded = (int) DirectIo.roundUp(pending, alignment);
                while (buffer.position() < padded) {
                    buffer.put((byte) 0);
                }
                writeBuffer();
                channel.truncate(size); // the padding of the last block
            }
            channel.force(true);
        }

        private void writeBuffer() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                DirectIo.give(buffer);
                buffer = null;
            }
        }
    }

    private static final class Buffered extends ContentWriter {
        private final FileChannel channel;
        private final EarlyWriteback writeback;

        Buffered(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.writeback = new EarlyWriteback(channel);
        }

        @Override
        void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer wrapped = ByteBuffer.wrap(b, off, len);
            while (wrapped.hasRemaining()) {
                channel.write(wrapped);
            }
            writeback.written(len);
        }

        @Override
        void finish() throws IOException {
            writeback.finish();
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
