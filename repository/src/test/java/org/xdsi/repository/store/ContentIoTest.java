package org.xdsi.repository.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Document files written and read with direct I/O: every length around block and buffer edges comes back whole. */
class ContentIoTest {
    private static final int B = DirectIo.BUFFER;

    @TempDir
    Path dir;

    int alignment() {
        return DirectIo.alignment(dir);
    }

    @Test
    void localDiskFileSystemsDoDirectIo() throws IOException {
        String type = Files.getFileStore(dir).type();
        if (Set.of("ext4", "xfs", "btrfs").contains(type)) {
            assertTrue(alignment() >= 512, type + " does direct I/O");
        }
        assertEquals(0, alignment() & (alignment() - 1), "a power of two or 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 4095, 4096, 4097, 65_537, B - 1, B, B + 1, 3 * B + 777})
    void whatIsWrittenIsReadBackWhole(int size) throws IOException {
        int alignment = alignment();
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path file = dir.resolve("content");

        try (ContentWriter out = ContentWriter.create(file, alignment)) {
            // uneven pieces: one byte, a run across a buffer edge, then the rest
            int at = 0;
            for (int piece : new int[] {1, 1000, B - 500, 70_000}) {
                int n = Math.min(piece, size - at);
                out.write(content, at, n);
                at += n;
            }
            out.write(content, at, size - at);
            out.finish();
        }

        assertEquals(size, Files.size(file), "no padding left behind");
        assertArrayEquals(content, Files.readAllBytes(file));
        if (alignment > 0) {
            try (InputStream in = ContentReader.open(file, alignment)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            try (InputStream in = ContentReader.open(file, alignment)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertEquals(size, in.transferTo(out));
                assertArrayEquals(content, out.toByteArray());
            }
            try (InputStream in = ContentReader.open(file, alignment)) {
                if (size > 0) {
                    assertEquals(content[0] & 0xff, in.read(), "one byte at a time");
                }
                assertEquals(Math.max(0, size - 1), in.readAllBytes().length);
                assertEquals(-1, in.read());
            }
        }
    }
}
