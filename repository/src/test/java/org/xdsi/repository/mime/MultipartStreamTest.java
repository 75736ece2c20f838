package org.xdsi.repository.mime;

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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartStreamTest {
    private static final String B = "MIMEBoundary_abc123";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private record Part(String contentId, byte[] body) {
    }

    private static List<Part> readAll(MultipartStream m) throws IOException {
        List<Part> parts = new ArrayList<>();
        while (m.next()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[7]; // odd small reads on top of the trickling source
            int n;
            while ((n = m.body().read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            parts.add(new Part(m.contentId(), out.toByteArray()));
        }
        return parts;
    }

    private static List<Part> parse(byte[] message, int chunk, int bufferSize) throws IOException {
        try (MultipartStream m = new MultipartStream(trickle(message, chunk), B, bufferSize)) {
            return readAll(m);
        }
    }

    /** A well-formed message: each body framed by CRLF--B CRLF, headers, blank line. */
    private static byte[] message(String preamble, String epilogue, byte[]... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(preamble));
        for (int i = 0; i < bodies.length; i++) {
            out.writeBytes(ascii((i == 0 && preamble.isEmpty() ? "" : "\r\n") + "--" + B + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-ID: <part" + i + "@x>\r\n\r\n"));
            out.writeBytes(bodies[i]);
        }
        out.writeBytes(ascii("\r\n--" + B + "--" + epilogue));
        return out.toByteArray();
    }

    @Test
    void readsPartsWithHeaders() throws IOException {
        byte[] msg = ascii("--" + B + "\r\nContent-Type: application/xop+xml; type=\"application/soap+xml\"\r\n"
                + "content-id: <root@x>\r\n\r\n<Envelope/>\r\n--" + B + "\r\nContent-ID: <doc@x>\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\nhello\r\n--" + B + "--\r\n");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(msg), B)) {
            assertTrue(m.next());
            assertEquals("root@x", m.contentId());
            assertEquals("application/xop+xml; type=\"application/soap+xml\"", m.header("Content-Type"));
            assertEquals("<Envelope/>", new String(m.body().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(m.next());
            assertEquals(2, m.partNumber());
            assertEquals("binary", m.header("CONTENT-TRANSFER-ENCODING"));
            assertEquals("hello", new String(m.body().readAllBytes(), StandardCharsets.UTF_8));
            assertFalse(m.next());
            assertFalse(m.next(), "stays at the end");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 13, 21, 22, 23, 24, 64, 4096})
    void delimiterSplitAcrossReadsAndBufferEdges(int chunk) throws IOException {
        byte[] a = ascii("first body");
        byte[] b = ascii("second body, a bit longer so that it crosses the small buffer more than once........");
        byte[] msg = message("", "\r\n", a, b, new byte[0]);
        int smallest = ("\r\n--" + B).length() + 16;
        int[] bufferSizes = {smallest, smallest + 1, smallest + 7, 100, MultipartStream.DEFAULT_BUFFER_SIZE};
        for (int bufferSize : bufferSizes) {
            List<Part> parts = parse(msg, chunk, bufferSize);
            assertEquals(3, parts.size(), "chunk " + chunk + " buffer " + bufferSize);
            assertArrayEquals(a, parts.get(0).body());
            assertArrayEquals(b, parts.get(1).body());
            assertArrayEquals(new byte[0], parts.get(2).body());
        }
    }

    @Test
    void bodiesMayContainDashesLineEndsAndAlmostBoundaries() throws IOException {
        byte[][] bodies = {
            ascii("--"),
            ascii("\r\n"),
            ascii("\r\n\r\n"),
            ascii("\r"),
            ascii("\n"),
            ascii("line one\r\n--\r\n-- not a boundary\r\n"),
            ascii("--" + B + " at the start of a body is no delimiter (no CRLF before it)"),
            ascii("\r\n--" + B + "X followed by other characters is body data"),
            ascii("\r\n--" + B + "-x dash without a second dash is body data"),
            ascii("ends with the boundary minus a char \r\n--" + B.substring(0, B.length() - 1)),
            ascii("ends with CR LF dash dash\r\n--"),
            ascii("\r\n-\r\n--\r\n--M\r\n--MIME"),
        };
        byte[] msg = message("", "", bodies);
        for (int chunk : new int[] {1, 2, 3, 17, 1000}) {
            List<Part> parts = parse(msg, chunk, 60);
            assertEquals(bodies.length, parts.size());
            for (int i = 0; i < bodies.length; i++) {
                assertArrayEquals(bodies[i], parts.get(i).body(), "body " + i + " chunk " + chunk + ": "
                        + new String(parts.get(i).body(), StandardCharsets.ISO_8859_1));
                assertEquals("part" + i + "@x", parts.get(i).contentId());
            }
        }
    }

    @Test
    void preambleAndEpilogueAreIgnored() throws IOException {
        String preamble = "This is a preamble.\r\n--" + B + "X is not a delimiter\r\nNeither is --" + B + " here";
        byte[] msg = message(preamble, "\r\nThis is the epilogue\r\n--" + B + "\r\nContent-ID: <ghost>\r\n\r\nx\r\n",
                ascii("only part"));
        for (int chunk : new int[] {1, 4, 1000}) {
            List<Part> parts = parse(msg, chunk, 64);
            assertEquals(1, parts.size());
            assertArrayEquals(ascii("only part"), parts.get(0).body());
        }
    }

    @Test
    void zeroBytePartsAndPartsWithoutHeaders() throws IOException {
        byte[] msg = ascii("--" + B + "\r\n\r\n\r\n--" + B + "\r\nContent-ID: <empty>\r\n\r\n\r\n--" + B
                + "\r\n\r\nno headers\r\n--" + B + "--");
        List<Part> parts = parse(msg, 1, 64);
        assertEquals(3, parts.size());
        assertArrayEquals(new byte[0], parts.get(0).body());
        assertNull(parts.get(0).contentId());
        assertArrayEquals(new byte[0], parts.get(1).body());
        assertEquals("empty", parts.get(1).contentId());
        assertArrayEquals(ascii("no headers"), parts.get(2).body());
    }

    @Test
    void noPartsAtAll() throws IOException {
        byte[] msg = ascii("preamble\r\n--" + B + "--\r\n");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(msg), B)) {
            assertFalse(m.next());
        }
    }

    @Test
    void transportPaddingBareLineFeedsAndFoldedHeaders() throws IOException {
        byte[] msg = ascii("--" + B + " \t\nContent-Type: text/plain;\r\n charset=UTF-8\nContent-ID: <a>\n\n"
                + "body a\r\n--" + B + "\t\r\nContent-ID: <b>\r\n\r\nbody b\r\n--" + B + "--  \r\n");
        try (MultipartStream m = new MultipartStream(trickle(msg, 3), B, 64)) {
            assertTrue(m.next());
            assertEquals("text/plain; charset=UTF-8", m.header("content-type"));
            assertEquals("a", m.contentId());
            assertEquals("body a", new String(m.body().readAllBytes(), StandardCharsets.US_ASCII));
            assertTrue(m.next());
            assertEquals("body b", new String(m.body().readAllBytes(), StandardCharsets.US_ASCII));
            assertFalse(m.next());
        }
    }

    @Test
    void unreadBodiesAreSkipped() throws IOException {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        byte[] msg = message("", "", big, ascii("second"), big, ascii("fourth"));
        try (MultipartStream m = new MultipartStream(trickle(msg, 999), B, 128)) {
            assertTrue(m.next());
            assertEquals(5, m.body().read(new byte[5]));
            assertTrue(m.next());
            InputStream second = m.body();
            assertTrue(m.next());
            assertEquals(-1, second.read(), "an old part's body is dead once the stream moved on");
            assertTrue(m.next());
            assertEquals("fourth", new String(m.body().readAllBytes(), StandardCharsets.US_ASCII));
            assertFalse(m.next());
        }
    }

    @Test
    void truncatedMessagesFail() throws IOException {
        byte[] msg = message("", "", ascii("complete"), ascii("cut short"));
        byte[] cut = java.util.Arrays.copyOf(msg, msg.length - ("\r\n--" + B + "--").length() - 3);
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(cut), B)) {
            assertTrue(m.next());
            assertArrayEquals(ascii("complete"), m.body().readAllBytes());
            assertTrue(m.next());
            EOFException e = assertThrows(EOFException.class, () -> m.body().readAllBytes());
            assertTrue(e.getMessage().contains("part 2"), e.getMessage());
        }
        byte[] inHeaders = ascii("--" + B + "\r\nContent-ID: <x>\r\n");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(inHeaders), B)) {
            assertThrows(EOFException.class, m::next);
        }
        byte[] html = ascii("<html>not multipart</html>");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(html), B)) {
            EOFException e = assertThrows(EOFException.class, m::next);
            assertTrue(e.getMessage().contains("no MIME boundary"), e.getMessage());
        }
    }

    @Test
    void streamEndingRightAfterADelimiterCountsAsClosed() throws IOException {
        byte[] msg = ascii("--" + B + "\r\nContent-ID: <a>\r\n\r\nlast\r\n--" + B);
        List<Part> parts = parse(msg, 2, 64);
        assertEquals(1, parts.size());
        assertArrayEquals(ascii("last"), parts.get(0).body());
    }

    @Test
    void randomBinaryBodiesSurviveAnyChunking() throws Exception {
        Random random = new Random(42);
        byte[] delimiter = ascii("\r\n--" + B);
        for (int round = 0; round < 200; round++) {
            int count = 1 + random.nextInt(4);
            byte[][] bodies = new byte[count][];
            for (int i = 0; i < count; i++) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int pieces = random.nextInt(12);
                for (int p = 0; p < pieces; p++) {
                    switch (random.nextInt(5)) {
                        case 0 -> body.write(delimiter, 0, random.nextInt(delimiter.length)); // a prefix
                        case 1 -> body.writeBytes(ascii("\r\n--"));
                        case 2 -> body.writeBytes(ascii("\r"));
                        default -> {
                            byte[] noise = new byte[random.nextInt(200)];
                            random.nextBytes(noise);
                            body.writeBytes(noise);
                        }
                    }
                }
                bodies[i] = body.toByteArray();
            }
            byte[] msg = message(random.nextBoolean() ? "" : "preamble", "epilogue", bodies);
            int chunk = 1 + random.nextInt(50);
            int buffer = delimiter.length + 16 + random.nextInt(100);
            List<Part> parts = parse(msg, chunk, buffer);
            assertEquals(count, parts.size(), "round " + round);
            for (int i = 0; i < count; i++) {
                assertArrayEquals(bodies[i], parts.get(i).body(), "round " + round + " body " + i);
            }
        }
    }

    @Test
    void largePartStreamsThroughASmallBuffer() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        byte[] msg = message("", "", ascii("<root/>"), big);
        try (MultipartStream m = new MultipartStream(trickle(msg, 8191), B, 4096)) {
            assertTrue(m.next());
            m.body().readAllBytes();
            assertTrue(m.next());
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[65536];
            long size = 0;
            int n;
            while ((n = m.body().read(buf)) >= 0) {
                sha.update(buf, 0, n);
                size += n;
            }
            assertEquals(big.length, size);
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(big), sha.digest());
            assertFalse(m.next());
        }
    }

    @Test
    void completeOnlyOnceTheCloseDelimiterWasRead() throws IOException {
        byte[] msg = message("", "\r\nepilogue", ascii("a"), ascii("b"));
        try (MultipartStream m = new MultipartStream(trickle(msg, 5), B, 64)) {
            assertFalse(m.isComplete());
            assertTrue(m.next());
            assertTrue(m.next());
            assertFalse(m.isComplete(), "the last part has not been read yet");
            assertArrayEquals(ascii("b"), m.body().readAllBytes());
            assertFalse(m.next());
            assertTrue(m.isComplete());
        }
    }

    @Test
    void withEndsPartAStreamEndingInsideAPartEndsThatPartAndTheMessage() throws IOException {
        byte[] msg = message("", "", ascii("complete"), ascii("cut short here"));
        byte[] cut = java.util.Arrays.copyOf(msg, msg.length - ("\r\n--" + B + "--").length() - 5);
        for (int chunk : new int[] {1, 7, 4096}) {
            try (MultipartStream m = new MultipartStream(trickle(cut, chunk), B, 64,
                    MultipartStream.Truncation.ENDS_PART)) {
                assertTrue(m.next());
                assertArrayEquals(ascii("complete"), m.body().readAllBytes());
                assertTrue(m.next());
                assertArrayEquals(ascii("cut short"), m.body().readAllBytes(), "what came, without an error");
                assertFalse(m.next());
                assertFalse(m.next());
                assertFalse(m.isComplete());
            }
        }
    }

    @Test
    void withEndsPartAStreamEndingInsideAPartialDelimiterOrHeadersEndsTheMessage() throws IOException {
        byte[] inDelimiter = ascii("--" + B + "\r\nContent-ID: <a>\r\n\r\nbody\r\n--" + B.substring(0, 5));
        try (MultipartStream m = new MultipartStream(trickle(inDelimiter, 3), B, 64,
                MultipartStream.Truncation.ENDS_PART)) {
            assertTrue(m.next());
            assertArrayEquals(ascii("body\r\n--" + B.substring(0, 5)), m.body().readAllBytes(),
                    "an unfinished delimiter is body data");
            assertFalse(m.next());
            assertFalse(m.isComplete());
        }
        byte[] inHeaders = ascii("--" + B + "\r\nContent-ID: <a>\r\n\r\nbody\r\n--" + B + "\r\nContent-I");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(inHeaders), B, 64,
                MultipartStream.Truncation.ENDS_PART)) {
            assertTrue(m.next());
            assertArrayEquals(ascii("body"), m.body().readAllBytes());
            assertFalse(m.next(), "a part whose headers were cut is no part");
            assertFalse(m.isComplete());
        }
        byte[] noDelimiter = ascii("<html>no multipart at all</html>");
        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(noDelimiter), B, 64,
                MultipartStream.Truncation.ENDS_PART)) {
            EOFException e = assertThrows(EOFException.class, m::next);
            assertTrue(e.getMessage().contains("no MIME boundary"), e.getMessage());
        }
    }

    @Test
    void transferToWritesTheBodyStraightFromTheBuffer() throws IOException {
        byte[] big = new byte[1_000_003];
        new Random(3).nextBytes(big);
        byte[] msg = message("", "", ascii("<root/>"), big, ascii("tail"));
        try (MultipartStream m = new MultipartStream(trickle(msg, 3000), B, 1024)) {
            assertTrue(m.next());
            assertTrue(m.next());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(big.length, m.body().transferTo(out));
            assertArrayEquals(big, out.toByteArray());
            assertEquals(0, m.body().transferTo(out), "nothing left");
            assertTrue(m.next());
            assertArrayEquals(ascii("tail"), m.body().readAllBytes());
            assertFalse(m.next());
        }
    }

    /**
     * Bodies of every length up to two buffers, so the delimiter after them starts at every position relative to
     * the buffer's end, read in chunks that cut it everywhere too.
     */
    @Test
    void theDelimiterIsFoundAtEveryOffsetFromTheBufferEdge() throws IOException {
        int bufferSize = ("\r\n--" + B).length() + 16;
        Random random = new Random(5);
        for (int length = 0; length <= 2 * bufferSize + 3; length++) {
            byte[] body = new byte[length];
            random.nextBytes(body);
            byte[] msg = message("", "", body, ascii("next"));
            for (int chunk : new int[] {1, 2, bufferSize - 1, bufferSize, 1000}) {
                List<Part> parts = parse(msg, chunk, bufferSize);
                assertEquals(2, parts.size(), "length " + length + " chunk " + chunk);
                assertArrayEquals(body, parts.get(0).body(), "length " + length + " chunk " + chunk);
                assertArrayEquals(ascii("next"), parts.get(1).body());
            }
        }
    }

    /**
     * Large random bodies sprinkled with prefixes of the delimiter (up to all but its last byte) and with the
     * delimiter's last byte, which Boyer-Moore-Horspool checks first; read in random chunk sizes.
     */
    @Test
    void nearMissDelimitersInLargeBodiesAreBodyData() throws Exception {
        Random random = new Random(7);
        byte[] delimiter = ascii("\r\n--" + B);
        for (int round = 0; round < 40; round++) {
            byte[] body = new byte[round % 2 == 0 ? 100_000 : 1_500_000];
            random.nextBytes(body);
            for (int k = 0; k < body.length / 3000; k++) {
                int at = random.nextInt(body.length - delimiter.length);
                int len = 1 + random.nextInt(delimiter.length - 1);
                System.arraycopy(delimiter, random.nextBoolean() ? 0 : delimiter.length - len, body, at, len);
            }
            byte[] msg = message("", "", ascii("<root/>"), body);
            if (indexOf(body, delimiter) >= 0) {
                continue; // a real sender would have picked another boundary
            }
            int chunk = 1 + random.nextInt(round % 3 == 0 ? 50 : 100_000);
            int buffer = round % 4 == 0 ? MultipartStream.DEFAULT_BUFFER_SIZE : 64 + random.nextInt(5000);
            List<Part> parts = parse(msg, chunk, buffer);
            assertEquals(2, parts.size());
            assertArrayEquals(body, parts.get(1).body(), "round " + round);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void contentTypeParameters() {
        ContentType t = ContentType.parse("Multipart/Related; boundary=\"uuid:1;2\\\"3\"; type=\"application/xop+xml\";"
                + " start=\"<root@x>\";start-info=\"application/soap+xml\"; action=urn:x ;broken");
        assertEquals("multipart/related", t.mediaType());
        assertTrue(t.isMultipart());
        assertEquals("uuid:1;2\"3", t.parameter("boundary"));
        assertEquals("application/xop+xml", t.parameter("TYPE"));
        assertEquals("<root@x>", t.parameter("start"));
        assertEquals("application/soap+xml", t.parameter("start-info"));
        assertEquals("urn:x", t.parameter("action"));
        assertNull(t.parameter("broken"));
        assertTrue(ContentType.parse("application/soap+xml;charset=UTF-8").isXml());
        assertEquals("", ContentType.parse(null).mediaType());
    }
}
