package org.xdsi.repository.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.repository.testing.RepositoryHarness;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryResponseType;

class RepositoryClientTest {
    @RegisterExtension
    static final RepositoryHarness h = RepositoryHarness.perClass();

    @TempDir
    Path tmp;

    private static RepositoryClient client(String url) {
        return new RepositoryClient(URI.create(url), Duration.ofSeconds(20));
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    @Test
    void provideThenRetrieveStreamsFilesBothWays() throws Exception {
        String pid = h.fedPatient("RC-" + System.nanoTime());
        byte[] big = new byte[3 * 1024 * 1024 + 11];
        new Random(5).nextBytes(big);
        byte[] text = "--\r\n--MIMEBoundary\r\nplain text\r\n".getBytes(StandardCharsets.UTF_8);
        Path bigFile = Files.write(tmp.resolve("scan.pdf"), big);
        Path textFile = Files.write(tmp.resolve("note.txt"), text);

        SubmissionBuilder s = RepositoryHarness.submission(pid);
        DocumentEntryBuilder d1 = RepositoryHarness.document(s, "application/pdf");
        DocumentEntryBuilder d2 = RepositoryHarness.document(s, "text/plain");
        RepositoryClient client = client(h.url());
        RegistryResponseType r = client.provideAndRegister(s.build(), List.of(
                new DocumentFile(d1.id(), bigFile, "application/pdf"),
                new DocumentFile(d2.id(), textFile, "text/plain")));
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.getStatus(), () -> errors(r.getRegistryErrorList() == null
                ? List.of() : r.getRegistryErrorList().getRegistryError()));

        Path out = tmp.resolve("out");
        RetrieveResult result = client.retrieve(RepositoryHarness.REPOSITORY_ID,
                List.of(d1.uniqueIdValue(), d2.uniqueIdValue()), out);
        assertTrue(result.isSuccess(), () -> result.status() + errors(result.errors()));
        assertEquals(2, result.documents().size());
        RetrievedDocument pdf = result.documents().get(0);
        assertEquals(d1.uniqueIdValue(), pdf.documentUniqueId());
        assertEquals("application/pdf", pdf.mimeType());
        assertEquals(out.resolve(d1.uniqueIdValue() + ".pdf"), pdf.file());
        assertArrayEquals(big, Files.readAllBytes(pdf.file()));
        assertEquals(big.length, pdf.size());
        assertEquals(sha1(big), pdf.sha1());
        RetrievedDocument txt = result.documents().get(1);
        assertEquals(out.resolve(d2.uniqueIdValue() + ".txt"), txt.file());
        assertArrayEquals(text, Files.readAllBytes(txt.file()));
        assertEquals(sha1(text), txt.sha1());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "no temporary files left");
        }

        RetrieveResult partial = client.retrieve(RepositoryHarness.REPOSITORY_ID,
                List.of(d2.uniqueIdValue(), "1.2.3.4.5.404"), out);
        assertTrue(partial.isPartialSuccess(), partial.status());
        assertEquals(1, partial.documents().size());
        assertEquals("XDSDocumentUniqueIdError", partial.errors().get(0).getErrorCode());
        assertEquals("1.2.3.4.5.404", partial.errors().get(0).getLocation());
    }

    @Test
    void unknownPatientIsTheRegistrysFailure() throws Exception {
        SubmissionBuilder s = RepositoryHarness.submission("nobody^^^&" + RepositoryHarness.DOMAIN + "&ISO");
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        Path f = Files.writeString(tmp.resolve("a.txt"), "a");
        RegistryResponseType r = client(h.url()).provideAndRegister(s.build(),
                List.of(new DocumentFile(d.id(), f, "text/plain")));
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.getStatus());
        assertEquals("XDSUnknownPatientId", r.getRegistryErrorList().getRegistryError().get(0).getErrorCode());
    }

    @Test
    void refusedConnectionIsAFailureNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/xdsi/repository";
        Path f = Files.writeString(tmp.resolve("a.txt"), "a");
        SubmissionBuilder s = RepositoryHarness.submission("p^^^&1.2&ISO");
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        RegistryResponseType r = client(url).provideAndRegister(s.build(),
                List.of(new DocumentFile(d.id(), f, "text/plain")));
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.getStatus());
        RegistryError e = r.getRegistryErrorList().getRegistryError().get(0);
        assertEquals("XDSRepositoryError", e.getErrorCode());
        assertTrue(e.getCodeContext().contains(url) && e.getCodeContext().contains("connection refused"),
                e.getCodeContext());
        assertNull(e.getLocation(), "as SoapRegistryClient: the URL is in the codeContext");

        RetrieveResult none = client(url).retrieve("1.2", List.of("1.2.3"), tmp.resolve("x"));
        assertEquals(RetrieveResult.FAILURE, none.status());
        assertTrue(none.errors().get(0).getCodeContext().contains("connection refused"));

        RemoteCallException thrown = assertThrows(RemoteCallException.class,
                () -> client(url).retrieveOrThrow("1.2", List.of("1.2.3"), tmp.resolve("x")));
        assertEquals(RemoteCallException.Kind.UNREACHABLE, thrown.kind());
        assertTrue(thrown.isTransportFailure());
    }

    @Test
    void missingFileIsALocalFailure() {
        SubmissionBuilder s = RepositoryHarness.submission("p^^^&1.2&ISO");
        DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
        Path missing = tmp.resolve("missing.txt");
        RegistryResponseType r = client(h.url()).provideAndRegister(s.build(),
                List.of(new DocumentFile(d.id(), missing, "text/plain")));
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.getStatus());
        assertTrue(r.getRegistryErrorList().getRegistryError().get(0).getCodeContext().contains("missing.txt"));
    }

    // ------------------------------------------------------------------------------ answers of other peers

    private interface Answer {
        void write(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private static <T> T withPeer(Answer answer, PeerCall<T> call) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> requestType = new AtomicReference<>();
        server.createContext("/", exchange -> {
            requestType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            answer.write(exchange);
            exchange.close();
        });
        server.start();
        try {
            return call.call("http://127.0.0.1:" + server.getAddress().getPort() + "/peer");
        } finally {
            server.stop(0);
        }
    }

    private interface PeerCall<T> {
        T call(String url) throws Exception;
    }

    private static void send(com.sun.net.httpserver.HttpExchange x, int status, String type, byte[] body)
            throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void htmlAnswerIsNotSoap() throws Exception {
        RemoteCallException e = withPeer(x -> send(x, 404, "text/html",
                        "<html><body><h1>Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8)),
                url -> assertThrows(RemoteCallException.class,
                        () -> client(url).retrieveOrThrow("1.2", List.of("1.2.3"), tmp.resolve("o"))));
        assertEquals(RemoteCallException.Kind.NOT_SOAP, e.kind());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("Not Found"), e.getMessage());
    }

    @Test
    void emptyAnswerIsNotSoap() throws Exception {
        RemoteCallException e = withPeer(x -> x.sendResponseHeaders(404, -1),
                url -> assertThrows(RemoteCallException.class,
                        () -> client(url).retrieveOrThrow("1.2", List.of("1.2.3"), tmp.resolve("o"))));
        assertEquals(RemoteCallException.Kind.NOT_SOAP, e.kind());
        assertTrue(e.getMessage().contains("HTTP 404 with an empty body"), e.getMessage());
    }

    @Test
    void soapFaultIsAFaultWithItsReason() throws Exception {
        String fault = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault>"
                + "<s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">wsa:Action"
                + " missing</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";
        RegistryResponseType r = withPeer(x -> send(x, 500, "application/soap+xml; charset=UTF-8",
                        fault.getBytes(StandardCharsets.UTF_8)),
                url -> {
                    Path f = Files.writeString(tmp.resolve("a.txt"), "a");
                    SubmissionBuilder s = RepositoryHarness.submission("p^^^&1.2&ISO");
                    DocumentEntryBuilder d = RepositoryHarness.document(s, "text/plain");
                    return client(url).provideAndRegister(s.build(),
                            List.of(new DocumentFile(d.id(), f, "text/plain")));
                });
        String context = r.getRegistryErrorList().getRegistryError().get(0).getCodeContext();
        assertTrue(context.contains("s:Sender") && context.contains("wsa:Action missing"), context);
    }

    @Test
    void retrieveAnswerWithRootLastBase64PartAndInlineDocument() throws Exception {
        byte[] doc = "part document".getBytes(StandardCharsets.UTF_8);
        String envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/><s:Body>"
                + "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">"
                + "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\"" + Vocabulary.RESPONSE_SUCCESS
                + "\"/>"
                + "<xdsb:DocumentResponse><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>1.2.3</xdsb:DocumentUniqueId><xdsb:mimeType>text/plain</xdsb:mimeType>"
                + "<xdsb:Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\""
                + " href=\"cid:doc%40peer\"/></xdsb:Document></xdsb:DocumentResponse>"
                + "<xdsb:DocumentResponse><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>urn:uuid:abc/def</xdsb:DocumentUniqueId>"
                + "<xdsb:mimeType>application/pdf</xdsb:mimeType><xdsb:Document>"
                + Base64.getEncoder().encodeToString("inline".getBytes(StandardCharsets.UTF_8))
                + "</xdsb:Document></xdsb:DocumentResponse>"
                + "</xdsb:RetrieveDocumentSetResponse></s:Body></s:Envelope>";
        String body = "preamble\r\n--b1\r\nContent-ID: <doc@peer>\r\nContent-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(doc)
                + "\r\n--b1\r\nContent-ID: <root@peer>\r\n"
                + "Content-Type: application/xop+xml; type=\"application/soap+xml\"\r\n\r\n" + envelope
                + "\r\n--b1--\r\n";
        Path out = tmp.resolve("peer");
        RetrieveResult r = withPeer(x -> send(x, 200, "multipart/related; type=\"application/xop+xml\"; boundary=b1;"
                        + " start=\"<root@peer>\"; start-info=\"application/soap+xml\"",
                        body.getBytes(StandardCharsets.UTF_8)),
                url -> client(url).retrieveOrThrow("1.2", List.of("1.2.3", "urn:uuid:abc/def"), out));
        assertTrue(r.isSuccess(), r.status() + errors(r.errors()));
        assertEquals(2, r.documents().size());
        assertArrayEquals(doc, Files.readAllBytes(out.resolve("1.2.3.txt")));
        assertEquals(sha1(doc), r.documents().get(0).sha1());
        assertEquals(out.resolve("urn_uuid_abc_def.pdf"), r.documents().get(1).file());
        assertEquals("inline", Files.readString(r.documents().get(1).file()));
        assertNull(r.documents().get(0).homeCommunityId());
    }

    @Test
    void answerReferringToAMissingPartIsAnErrorForThatDocument() throws Exception {
        String envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">"
                + "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\"" + Vocabulary.RESPONSE_SUCCESS
                + "\"/><xdsb:DocumentResponse><xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId>"
                + "<xdsb:DocumentUniqueId>1.2.3</xdsb:DocumentUniqueId><xdsb:mimeType>text/plain</xdsb:mimeType>"
                + "<xdsb:Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\""
                + " href=\"cid:gone\"/></xdsb:Document></xdsb:DocumentResponse>"
                + "</xdsb:RetrieveDocumentSetResponse></s:Body></s:Envelope>";
        String body = "--b1\r\nContent-ID: <root>\r\nContent-Type: application/xop+xml\r\n\r\n" + envelope
                + "\r\n--b1--";
        RetrieveResult r = withPeer(x -> send(x, 200, "multipart/related; boundary=b1; type=\"application/xop+xml\"",
                        body.getBytes(StandardCharsets.UTF_8)),
                url -> client(url).retrieveOrThrow("1.2", List.of("1.2.3"), tmp.resolve("gone")));
        assertEquals(RetrieveResult.FAILURE, r.status());
        assertEquals("1.2.3", r.errors().get(0).getLocation());
        assertTrue(r.errors().get(0).getCodeContext().contains("gone"));
    }

    private static String errors(List<RegistryError> errors) {
        StringBuilder sb = new StringBuilder();
        for (RegistryError e : errors) {
            sb.append("\n").append(e.getErrorCode()).append(": ").append(e.getCodeContext());
        }
        return sb.toString();
    }
}
