package org.xdsi.repository.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Keeps the unread rest of a MIME part that the parser had to move past (a part referenced after a later one, or
 * the end of the root part while its xop:Include is resolved): in memory up to a threshold, beyond that in a
 * temporary file that is deleted on {@link #close()}. Write everything, then {@link #input()} once.
 */
final class PartSpill extends OutputStream {
    private final Path directory;
    private final int memoryThreshold;
    private byte[] memory = new byte[0];
    private int count;
    private FileChannel file;

    PartSpill(Path directory, int memoryThreshold) {
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (file == null && count + len <= memoryThreshold) {
            if (count + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(memoryThreshold, Math.max(count + len, 2 * memory.length)));
            }
            System.arraycopy(b, off, memory, count, len);
            count += len;
            return;
        }
        if (file == null) {
            Path path = Files.createTempFile(directory, "part-", ".spill");
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            writeFully(ByteBuffer.wrap(memory, 0, count));
            memory = null;
        }
        writeFully(ByteBuffer.wrap(b, off, len));
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    boolean inFile() {
        return file != null;
    }

    /** What was written, from the start. */
    InputStream input() throws IOException {
        if (file == null) {
            return new ByteArrayInputStream(memory, 0, count);
        }
        file.position(0);
        return Channels.newInputStream(file);
    }

    /** Frees the memory or deletes the file. */
    @Override
    public void close() throws IOException {
        memory = null;
        if (file != null) {
            file.close();
        }
    }
}
