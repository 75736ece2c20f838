package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xdsi.bench.MultipartReader;

/** The bounded-buffer multipart reader the MTOM client and the repository benchmark stream documents with. */
class MultipartReaderTest {
    private static final String BOUNDARY = "MIMEBoundary_0123456789abcdef";

    @Test
    void splitsPartsWhateverTheReadSizesAndNearMissDelimiters() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 100; round++) {
            byte[] first = "<s:Envelope/>".getBytes(StandardCharsets.US_ASCII);
            byte[] second = content(random, random.nextInt(round % 2 == 0 ? 100_000 : 2_000_000));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            write(body, "preamble\r\n--" + BOUNDARY + "\r\nContent-Type: application/xop+xml\r\nContent-ID: <root>\r\n\r\n");
            body.writeBytes(first);
            write(body, "\r\n--" + BOUNDARY + " \r\nContent-ID: <doc>\r\n\r\n");
            body.writeBytes(second);
            write(body, "\r\n--" + BOUNDARY + "\r\n\r\n"); // a part without headers, empty
            write(body, "\r\n--" + BOUNDARY + "--\r\nepilogue");
            int maxChunk = 1 + random.nextInt(round % 2 == 0 ? 7 : 100_000);
            MultipartReader r = new MultipartReader(new Chunked(body.toByteArray(), maxChunk, random), BOUNDARY);

            assertTrue(r.nextPart());
            assertEquals("<root>", r.header("Content-ID"));
            assertArrayEquals(first, r.readBody(1024));
            assertTrue(r.nextPart());
            assertEquals("<doc>", r.header("content-id"));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            r.copyBody(got);
            assertArrayEquals(second, got.toByteArray(), "round " + round + ", chunks <= " + maxChunk);
            assertTrue(r.nextPart());
            assertNull(r.header("content-id"));
            assertEquals(0, r.readBody(10).length);
            assertFalse(r.nextPart());
            assertFalse(r.nextPart());
        }
    }

    @Test
    void aTruncatedAnswerIsAnErrorNotAShortDocument() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-ID: <doc>\r\n\r\nsome bytes but no closing delimiter")
                .getBytes(StandardCharsets.US_ASCII);
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        assertTrue(r.nextPart());
        assertThrows(EOFException.class, () -> r.copyBody(new ByteArrayOutputStream()));
    }

    /**
     * Random bytes sprinkled with prefixes of the delimiter (up to all but its last byte); content that happens to
     * hold the whole delimiter (a prefix followed by the right random byte) is drawn again, since a real sender
     * would have chosen another boundary.
     */
    private static byte[] content(Random random, int size) {
        byte[] delimiter = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            for (int k = 0; k < size / 5000 && size > delimiter.length; k++) {
                int at = random.nextInt(size - delimiter.length);
                int len = 1 + random.nextInt(delimiter.length - 1);
                System.arraycopy(delimiter, 0, b, at, len);
            }
            if (!contains(b, delimiter)) {
                return b;
            }
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hands out the bytes in random chunks of at most {@code max}. */
    private static final class Chunked extends FilterInputStream {
        private final int max;
        private final Random random;

        Chunked(byte[] bytes, int max, Random random) {
            super(new ByteArrayInputStream(bytes));
            this.max = max;
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }
    }
}
