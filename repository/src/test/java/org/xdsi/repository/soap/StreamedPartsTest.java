package org.xdsi.repository.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.cxf.message.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MTOM request's parts as the repository's endpoint sees them: streamed, spilled when read past. */
class StreamedPartsTest {
    private static final String B = "MIMEBoundary_0123456789";
    private static final int THRESHOLD = 1024;

    @TempDir
    Path spill;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A request: the root, then parts {@code <p0>}, {@code <p1>}, ...; closed unless {@code closed} is false. */
    private static byte[] request(String root, boolean closed, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("--" + B + "\r\nContent-Type: application/xop+xml; charset=UTF-8\r\n\r\n" + root));
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(ascii("\r\n--" + B + "\r\nContent-ID: <p" + i + ">\r\nContent-Type: application/pdf\r\n\r\n"));
            out.writeBytes(parts[i]);
        }
        if (closed) {
            out.writeBytes(ascii("\r\n--" + B + "--\r\n"));
        }
        return out.toByteArray();
    }

    /** Hands out at most 1000 bytes per read, as a socket does. */
    private static InputStream socket(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
    }

    private StreamedParts open(byte[] request, int maxParts) throws IOException {
        return StreamedParts.open(socket(request), B, spill, THRESHOLD, maxParts);
    }

    private long spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(spill)) {
            return files.count();
        }
    }

    private static byte[] body(Attachment a) throws IOException {
        try (InputStream in = a.getDataHandler().getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void partsReadInTheirOrderStreamWithoutSpilling() throws IOException {
        byte[] big = random(50_000, 1);
        try (StreamedParts parts = open(request("<Envelope/>", true, big, ascii("small")), 50)) {
            assertEquals("<Envelope/>", new String(parts.root().body().readAllBytes(), StandardCharsets.UTF_8));
            Iterator<Attachment> it = parts.iterator();
            Attachment first = it.next();
            assertEquals("p0", first.getId());
            assertEquals("application/pdf", first.getHeader("Content-Type"));
            assertEquals("application/pdf", first.getDataHandler().getContentType());
            assertArrayEquals(big, body(first));
            Attachment second = it.next();
            assertArrayEquals(ascii("small"), body(second));
            assertFalse(it.hasNext());
            assertEquals(0, spillFiles());
            assertNull(parts.incompleteness());
        }
    }

    @Test
    void aPartReadAfterALaterOneIsSpilledAndNoFileStays() throws IOException {
        byte[] big = random(THRESHOLD * 20, 2);
        byte[] small = random(THRESHOLD / 2, 3);
        StreamedParts parts = open(request("<Envelope/>", true, big, small), 50);
        List<Attachment> all = new ArrayList<>();
        parts.forEach(all::add); // moves past both parts before either is read
        assertArrayEquals(small, body(all.get(1)));
        assertArrayEquals(big, body(all.get(0)));
        assertNull(parts.incompleteness());
        parts.close();
        assertEquals(0, spillFiles());
    }

    @Test
    void theRestOfTheRootStaysReadableWhenThePartsAreIteratedWhileItIsParsed() throws IOException {
        String envelope = "<Envelope><Body><Document><Include href='cid:p0'/></Document>" + "x".repeat(5000)
                + "</Body></Envelope>";
        try (StreamedParts parts = open(request(envelope, true, ascii("document")), 50)) {
            InputStream root = parts.root().body();
            byte[] start = root.readNBytes(40); // the parser is at the xop:Include
            Attachment doc = parts.iterator().next();
            assertArrayEquals(ascii("document"), body(doc));
            byte[] rest = root.readAllBytes();
            assertEquals(envelope, new String(start, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPartOnlyPartlyReadContinuesFromTheSpill() throws IOException {
        byte[] big = random(10_000, 4);
        try (StreamedParts parts = open(request("<Envelope/>", true, big, ascii("next")), 50)) {
            Iterator<Attachment> it = parts.iterator();
            InputStream first = it.next().getDataHandler().getInputStream();
            byte[] head = first.readNBytes(3000);
            assertArrayEquals(ascii("next"), body(it.next()));
            byte[] rest = first.readAllBytes();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(head);
            whole.writeBytes(rest);
            assertArrayEquals(big, whole.toByteArray());
        }
    }

    @Test
    void aBase64PartIsDecoded() throws IOException {
        byte[] bytes = random(3000, 5);
        byte[] request = ascii("--" + B + "\r\nContent-Type: application/xop+xml\r\n\r\n<Envelope/>\r\n--" + B
                + "\r\nContent-ID: <doc>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(bytes) + "\r\n--" + B + "--");
        try (StreamedParts parts = open(request, 50)) {
            assertArrayEquals(bytes, body(parts.iterator().next()));
        }
    }

    @Test
    void aRequestCutShortEndsItsLastPartAndSaysSo() throws IOException {
        byte[] whole = request("<Envelope/>", false, ascii("complete"), ascii("cut sho"));
        try (StreamedParts parts = open(whole, 50)) {
            List<Attachment> all = new ArrayList<>();
            parts.forEach(all::add);
            assertEquals(2, all.size());
            assertArrayEquals(ascii("cut sho"), body(all.get(1)));
            String why = parts.incompleteness();
            assertTrue(why != null && why.contains("closing MIME boundary"), why);
        }
    }

    @Test
    void moreThanTheAllowedPartsEndTheIterationAndAreReported() throws IOException {
        byte[][] many = new byte[6][];
        java.util.Arrays.fill(many, ascii("x"));
        try (StreamedParts parts = open(request("<Envelope/>", true, many), 5)) {
            assertEquals(5, parts.size());
            String why = parts.incompleteness();
            assertTrue(why != null && why.contains("more than 5 MIME parts"), why);
        }
    }

    @Test
    void aBrokenConnectionEndsTheIterationWithoutThrowing() throws IOException {
        byte[] request = request("<Envelope/>", true, random(5000, 6), ascii("never reached"));
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(request, 0, 3000)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        try (StreamedParts parts = StreamedParts.open(breaking, B, spill, THRESHOLD, 50)) {
            List<Attachment> all = new ArrayList<>();
            parts.forEach(all::add);
            assertEquals(1, all.size());
            assertEquals("the request could not be read to its end", parts.incompleteness());
        }
    }

    @Test
    void closeEndsThePartsWhereTheParserStands() throws IOException {
        StreamedParts parts = open(request("<Envelope/>", true, ascii("a"), ascii("b")), 50);
        Iterator<Attachment> it = parts.iterator();
        assertTrue(it.hasNext());
        it.next();
        parts.close();
        assertFalse(it.hasNext(), "an answered request is not read further");
    }

    @Test
    void aRequestWithoutItsBoundaryCannotBeOpened() {
        assertThrows(IOException.class, () -> open(ascii("<Envelope/> and no boundary"), 50));
        assertThrows(IOException.class, () -> open(new byte[0], 50));
    }

    @Test
    void aSpillKeepsSmallContentInMemoryAndLargeContentInAFileItDeletes() throws IOException {
        PartSpill small = new PartSpill(spill, 100);
        small.write(ascii("0123456789"));
        small.write('!');
        assertFalse(small.inFile());
        assertArrayEquals(ascii("0123456789!"), small.input().readAllBytes());
        small.close();

        byte[] big = random(1000, 7);
        PartSpill large = new PartSpill(spill, 100);
        large.write(big, 0, 60);
        large.write(big, 60, 940);
        assertTrue(large.inFile());
        assertArrayEquals(big, large.input().readAllBytes());
        large.close();
        assertEquals(0, spillFiles());
    }
}
