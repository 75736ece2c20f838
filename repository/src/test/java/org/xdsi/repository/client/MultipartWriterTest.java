package org.xdsi.repository.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.repository.mime.ContentType;
import org.xdsi.repository.mime.MultipartStream;

class MultipartWriterTest {
    @TempDir
    Path tmp;

    /** Everything a BodyPublisher would send, as the HTTP client pulls it. */
    static byte[] drain(HttpRequest.BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        return out.toByteArray();
    }

    @Test
    void xopPackageRoundTripsThroughTheReader() throws Exception {
        byte[] pdf = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(pdf);
        Path pdfFile = Files.write(tmp.resolve("report.pdf"), pdf);
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        byte[] tricky = ("\r\n--not the boundary\r\n--").getBytes(StandardCharsets.US_ASCII);
        Path trickyFile = Files.write(tmp.resolve("tricky.bin"), tricky);

        MultipartWriter w = new MultipartWriter();
        String c1 = w.newContentId();
        String c2 = w.newContentId();
        String c3 = w.newContentId();
        byte[] envelope = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"/>"
                .getBytes(StandardCharsets.UTF_8);
        w.root(envelope).attachment(c1, "application/pdf", pdfFile).attachment(c2, "text/plain", empty)
                .attachment(c3, "application/octet-stream", trickyFile);
        HttpRequest.BodyPublisher publisher = w.publisher();
        byte[] wire = drain(publisher);
        assertEquals(wire.length, publisher.contentLength(), "length known up front: no chunking needed");

        ContentType type = ContentType.parse(w.contentType());
        assertEquals("multipart/related", type.mediaType());
        assertEquals("application/xop+xml", type.parameter("type"));
        assertEquals("application/soap+xml", type.parameter("start-info"));
        assertEquals("<" + w.rootContentId() + ">", type.parameter("start"));

        try (MultipartStream m = new MultipartStream(new ByteArrayInputStream(wire), type.parameter("boundary"))) {
            assertTrue(m.next());
            assertEquals(w.rootContentId(), m.contentId());
            assertEquals("application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", m.header("content-type"));
            assertEquals("binary", m.header("content-transfer-encoding"));
            assertArrayEquals(envelope, m.body().readAllBytes());
            assertTrue(m.next());
            assertEquals(c1, m.contentId());
            assertEquals("application/pdf", m.header("content-type"));
            assertArrayEquals(pdf, m.body().readAllBytes());
            assertTrue(m.next());
            assertEquals(c2, m.contentId());
            assertArrayEquals(new byte[0], m.body().readAllBytes());
            assertTrue(m.next());
            assertArrayEquals(tricky, m.body().readAllBytes());
            assertFalse(m.next());
        }
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("--" + w.boundary() + "\r\n"), "no preamble");
        assertTrue(text.endsWith("\r\n--" + w.boundary() + "--\r\n"));
    }

    @Test
    void hrefIsThePercentEncodedContentId() {
        assertEquals("cid:1.abc-def%40xdsi.org", MultipartWriter.href("1.abc-def@xdsi.org"));
        assertEquals("1.abc-def@xdsi.org", org.xdsi.repository.mime.ContentIds.normalize("cid:1.abc-def%40xdsi.org"));
        assertEquals("a+b@x", org.xdsi.repository.mime.ContentIds.normalize("<a+b@x>"));
    }

    @Test
    void misuseIsRefused() throws Exception {
        MultipartWriter w = new MultipartWriter();
        assertThrows(IllegalStateException.class, () -> w.attachment("x", "text/plain", new byte[1]));
        w.root(new byte[0]);
        assertThrows(FileNotFoundException.class, () -> w.attachment("x", "text/plain", tmp.resolve("missing")));
        assertThrows(IllegalArgumentException.class, () -> w.attachment("x", "text/plain\r\nX-Evil: 1", new byte[1]));
        drain(w.publisher());
        assertThrows(IllegalStateException.class, () -> w.attachment("x", "text/plain", new byte[1]));
    }
}
