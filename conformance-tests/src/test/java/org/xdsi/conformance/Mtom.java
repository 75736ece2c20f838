package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.mime.MultipartStream;
import org.xdsi.schema.Schemas;

/**
 * A Document Source / Document Consumer of the repository on the wire: ITI-41 and ITI-43 as SOAP 1.2 + MTOM/XOP
 * packages ({@code multipart/related; type="application/xop+xml"}), written the way Axis2/CXF clients write them.
 * Documents stream both ways: a request is the envelope, the document (from a file or a byte array) and the closing
 * delimiter concatenated; a retrieved document is cut out of the response stream over a bounded buffer and written
 * to a file while its SHA-1 is computed. Nothing here holds a whole document in memory.
 */
final class Mtom {
    static final String NS_XOP = "http://www.w3.org/2004/08/xop/include";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Longest root part (the SOAP envelope) this client reads; documents are never read into memory. */
    private static final int MAX_ENVELOPE = 4 << 20;

    private final String url;
    private final String repositoryUniqueId;

    Mtom(String url, String repositoryUniqueId) {
        this.url = url;
        this.repositoryUniqueId = repositoryUniqueId;
    }

    String url() {
        return url;
    }

    String repositoryUniqueId() {
        return repositoryUniqueId;
    }

    // ---- document content ------------------------------------------------------------------------------------

    /** The bytes of one document as a request streams them. */
    interface Content {
        BodyPublisher publisher();
    }

    static Content bytes(byte[] bytes) {
        return () -> BodyPublishers.ofByteArray(bytes);
    }

    /** A file, streamed from disk as the request goes out. */
    static Content file(Path file) {
        return () -> {
            try {
                return BodyPublishers.ofFile(file);
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    static String sha1(byte[] bytes) {
        return HexFormat.of().formatHex(sha1().digest(bytes));
    }

    static String sha1(Path file) throws IOException {
        MessageDigest md = sha1();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- ITI-41 ----------------------------------------------------------------------------------------------

    /** The answer of an ITI-41 as received, not yet checked. */
    record Answer(int httpStatus, String contentType, String envelope, String messageId) {
    }

    /**
     * Sends ITI-41 with one document (the entry {@code entry} of {@code submission}) and asserts the wire format of
     * the answer: HTTP 200, MTOM, the response action, RelatesTo, a schema-valid rs:RegistryResponse.
     */
    Soap.Reply provide(SubmissionBuilder submission, DocumentEntryBuilder entry, String mimeType, Content content) {
        return check(send(submission, entry, mimeType, content, null, Duration.ofSeconds(60)));
    }

    Soap.Reply provide(SubmissionBuilder submission, DocumentEntryBuilder entry, String mimeType, Content content,
                       Duration timeout) {
        return check(send(submission, entry, mimeType, content, null, timeout));
    }

    /**
     * Sends ITI-41 without asserting anything (the server may be killed meanwhile). {@code sentBytes}, if given, is
     * told the number of request bytes each time the HTTP client takes a chunk of the body to write.
     *
     * @throws Soap.WireException when the exchange fails on the wire (connection refused or reset, timeout)
     */
    Answer send(SubmissionBuilder submission, DocumentEntryBuilder entry, String mimeType, Content content,
                LongConsumer sentBytes, Duration timeout) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "0.root." + UUID.randomUUID() + "@example.org";
        String docId = "1.doc." + UUID.randomUUID() + "@example.org";
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String body = "<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"" + Schemas.NS_XDSB + "\">"
                + Registry.xml(submission)
                + "<xdsb:Document id=\"" + entry.id() + "\"><xop:Include xmlns:xop=\"" + NS_XOP + "\" href=\"cid:"
                + URLEncoded.encode(docId) + "\"/></xdsb:Document>"
                + "</xdsb:ProvideAndRegisterDocumentSetRequest>";
        String envelope = envelope(Vocabulary.ACTION_PROVIDE_AND_REGISTER, messageId, body);
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + rootId + ">\r\n\r\n"
                + envelope + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + mimeType + "\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + docId + ">\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        BodyPublisher publisher = BodyPublishers.concat(BodyPublishers.ofByteArray(head), content.publisher(),
                BodyPublishers.ofByteArray(tail));
        if (sentBytes != null) {
            publisher = new Counting(publisher, sentBytes);
        }
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"; action=\""
                + Vocabulary.ACTION_PROVIDE_AND_REGISTER + "\"";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType).POST(publisher).build();
        try {
            HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = r.body()) {
                String root = rootPart(type, in);
                return new Answer(r.statusCode(), type, root, messageId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Soap.WireException("interrupted calling " + url, e);
        } catch (IOException e) {
            throw new Soap.WireException("ITI-41 to " + url + " failed: " + e, e);
        }
    }

    /** Asserts an ITI-41 answer's wire format and returns it parsed. */
    static Soap.Reply check(Answer a) {
        assertEquals(200, a.httpStatus(), () -> "HTTP status of ITI-41: " + a.envelope());
        assertMtom(a.contentType());
        Soap.Reply reply = new Soap.Reply(a.httpStatus(), a.envelope());
        assertEquals(Vocabulary.ACTION_PROVIDE_AND_REGISTER_RESPONSE, reply.header("Action"),
                () -> "response wsa:Action: " + a.envelope());
        assertEquals(a.messageId(), reply.header("RelatesTo"), () -> "wsa:RelatesTo: " + a.envelope());
        reply.validate();
        return reply;
    }

    // ---- ITI-43 ----------------------------------------------------------------------------------------------

    /** An ITI-43 answer for one document; {@code sha1}, {@code size} and {@code mimeType} null when none came. */
    record Retrieved(Soap.Reply reply, String status, List<String> errorCodes, String mimeType, String sha1,
                     Long size) {
        boolean success() {
            return Vocabulary.RESPONSE_SUCCESS.equals(status);
        }

        void assertSuccess() {
            assertEquals(Vocabulary.RESPONSE_SUCCESS, status, () -> "expected Success: " + reply.body);
            assertNotNull(sha1, () -> "no document part: " + reply.body);
        }

        void assertFailure(String errorCode) {
            assertEquals(Vocabulary.RESPONSE_FAILURE, status, () -> "expected Failure: " + reply.body);
            assertTrue(errorCodes.contains(errorCode), () -> "expected " + errorCode + ": " + reply.body);
        }
    }

    Retrieved retrieve(String documentUniqueId, Path target) {
        return retrieve(documentUniqueId, target, Duration.ofSeconds(60));
    }

    /**
     * ITI-43 for one document of this repository; the document part is streamed into {@code target} (created or
     * truncated) and hashed on the way. The answer is checked: MTOM, action, RelatesTo, schema-valid body (with the
     * xop:Include taken out), the echoed ids, and one MIME part per DocumentResponse.
     */
    Retrieved retrieve(String documentUniqueId, Path target, Duration timeout) {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String body = "<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"" + Schemas.NS_XDSB + "\"><xdsb:DocumentRequest>"
                + "<xdsb:RepositoryUniqueId>" + repositoryUniqueId + "</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>" + documentUniqueId + "</xdsb:DocumentUniqueId>"
                + "</xdsb:DocumentRequest></xdsb:RetrieveDocumentSetRequest>";
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "0.root." + UUID.randomUUID() + "@example.org";
        byte[] request = ("--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + rootId + ">\r\n\r\n"
                + envelope(Vocabulary.ACTION_RETRIEVE, messageId, body) + "\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"; action=\"" + Vocabulary.ACTION_RETRIEVE + "\"";
        HttpRequest http = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(request)).build();
        try {
            HttpResponse<InputStream> r = HTTP.send(http, HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = r.body()) {
                assertMtom(type);
                MultipartStream parts = new MultipartStream(in, boundary(type));
                assertTrue(parts.next(), "no root part");
                String envelope = new String(envelopeBytes(parts.body()), StandardCharsets.UTF_8);
                assertEquals(200, r.statusCode(), () -> "HTTP status of ITI-43: " + envelope);
                Soap.Reply reply = new Soap.Reply(r.statusCode(), envelope);
                assertEquals(Vocabulary.ACTION_RETRIEVE_RESPONSE, reply.header("Action"), envelope);
                assertEquals(messageId, reply.header("RelatesTo"), envelope);
                validateRetrieveResponse(reply);
                Element registryResponse = first(reply.payload(), Schemas.NS_RS, "RegistryResponse");
                String status = registryResponse.getAttribute("status");
                List<String> codes = reply.errorCodes();
                List<Element> responses = children(reply.payload(), Schemas.NS_XDSB, "DocumentResponse");
                assertTrue(responses.size() <= 1, envelope);
                if (responses.isEmpty()) {
                    assertTrue(!parts.next(), () -> "a MIME part without a DocumentResponse: " + envelope);
                    return new Retrieved(reply, status, codes, null, null, null);
                }
                Element dr = responses.get(0);
                assertEquals(repositoryUniqueId, text(dr, "RepositoryUniqueId"), envelope);
                assertEquals(documentUniqueId, text(dr, "DocumentUniqueId"), envelope);
                String mimeType = text(dr, "mimeType");
                Element include = first(first(dr, Schemas.NS_XDSB, "Document"), NS_XOP, "Include");
                String wanted = contentId(include.getAttribute("href"));
                assertTrue(parts.next(), () -> "the answer has no MIME part for " + wanted);
                assertEquals(wanted, contentId(parts.header("content-id")), "Content-ID of the document part");
                MessageDigest md = sha1();
                long size;
                try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                     CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(file, md))) {
                    parts.body().transferTo(counted);
                    size = counted.count;
                }
                assertTrue(!parts.next(), () -> "more MIME parts than DocumentResponses: " + envelope);
                return new Retrieved(reply, status, codes, mimeType, HexFormat.of().formatHex(md.digest()), size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Soap.WireException("interrupted calling " + url, e);
        } catch (IOException e) {
            throw new Soap.WireException("ITI-43 to " + url + " failed: " + e, e);
        }
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    private String envelope(String action, String messageId, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + Soap.NS_SOAP + "\" xmlns:a=\"" + Soap.NS_WSA + "\"><s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">" + url + "</a:To>"
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static void assertMtom(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        assertTrue(lower.startsWith("multipart/related") && lower.contains("application/xop+xml")
                && boundary(contentType) != null, () -> "an MTOM/XOP answer expected, got " + contentType);
    }

    /** The root part of a (small) answer; a non-multipart answer (e.g. a plain fault) is returned whole. */
    private static String rootPart(String contentType, InputStream in) throws IOException {
        String boundary = boundary(contentType);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || boundary == null) {
            return new String(in.readNBytes(MAX_ENVELOPE), StandardCharsets.UTF_8);
        }
        MultipartStream parts = new MultipartStream(in, boundary);
        if (!parts.next()) {
            throw new IOException("multipart answer without parts");
        }
        String root = new String(envelopeBytes(parts.body()), StandardCharsets.UTF_8);
        while (parts.next()) {
            // the other parts are skipped
        }
        return root;
    }

    /** A root part's bytes; one larger than {@link #MAX_ENVELOPE} is an error, not a cut envelope. */
    private static byte[] envelopeBytes(InputStream part) throws IOException {
        byte[] bytes = part.readNBytes(MAX_ENVELOPE + 1);
        if (bytes.length > MAX_ENVELOPE) {
            throw new IOException("root part longer than " + MAX_ENVELOPE + " bytes");
        }
        return bytes;
    }

    static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                return t.substring("boundary=".length()).replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    /** A Content-ID header value or a cid: URL, as a plain id ({@code <>} and {@code cid:} off, %-decoded). */
    static String contentId(String s) {
        assertNotNull(s, "Content-ID");
        String id = s.trim().replaceAll("^<|>$", "");
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = URLDecoder.decode(id.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return id;
    }

    /** Schema validation of an ITI-43 answer body with each xop:Include removed (it stands for base64 content). */
    private static void validateRetrieveResponse(Soap.Reply reply) {
        Element copy = (Element) reply.payload().cloneNode(true);
        for (Element d : descendants(copy, Schemas.NS_XDSB, "Document")) {
            while (d.getFirstChild() != null) {
                d.removeChild(d.getFirstChild());
            }
        }
        try {
            Schemas.validate(new DOMSource(copy));
        } catch (Exception e) {
            throw new AssertionError("ITI-43 answer is not schema-valid: " + e.getMessage() + "\n" + reply.body, e);
        }
    }

    private static List<Element> descendants(Element parent, String ns, String localName) {
        NodeList n = parent.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String ns, String localName) {
        List<Element> found = descendants(parent, ns, localName);
        assertTrue(!found.isEmpty(), () -> "no " + localName + " in " + parent.getLocalName());
        return found.get(0);
    }

    private static String text(Element parent, String xdsbLocalName) {
        List<Element> found = children(parent, Schemas.NS_XDSB, xdsbLocalName);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    /** application/x-www-form-urlencoded is not quite cid: encoding; only what a Content-ID needs escaped. */
    private static final class URLEncoded {
        static String encode(String id) {
            return id.replace("%", "%25").replace("@", "%40");
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reports the body bytes as the HTTP client takes them. */
    private record Counting(BodyPublisher delegate, LongConsumer sent) implements BodyPublisher {
        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            delegate.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    sent.accept(item.remaining());
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
