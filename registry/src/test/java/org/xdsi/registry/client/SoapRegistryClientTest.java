package org.xdsi.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.xml.bind.JAXBElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;
import org.xdsi.registry.testing.TestDatabases;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryResponseType;

/** The client against the real registry endpoint on H2, and against small fake servers for what goes wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapRegistryClientTest {
    private RegistryHarness h;
    private SoapRegistryClient client;
    private final List<HttpServer> fakes = new ArrayList<>();
    private final ExecutorService fakeThreads = Executors.newCachedThreadPool();

    @BeforeAll
    void start() {
        h = RegistryHarness.start("h2");
        client = new SoapRegistryClient(URI.create(h.registry.endpointUrl()), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        fakes.forEach(s -> s.stop(0));
        fakeThreads.shutdownNow();
        h.close();
    }

    // ------------------------------------------------------------------ the real registry

    @Test
    void registersThenFindsTheDocument() throws Exception {
        String pid = h.fedPatient("CLIENT" + System.nanoTime());
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).title("CT chest report");

        RegistryResponseType registered = client.registerDocumentSet(s.build());
        assertEquals(Vocabulary.RESPONSE_SUCCESS, registered.getStatus(), () -> RegistryHarness.xml(registered));
        assertNull(registered.getRegistryErrorList(), "no errors or warnings");

        AdhocQueryResponse found = client.storedQuery(findDocuments(pid));
        assertEquals(Vocabulary.RESPONSE_SUCCESS, found.getStatus(), () -> RegistryHarness.xml(found));
        List<ExtrinsicObjectType> entries = extrinsicObjects(found);
        assertEquals(1, entries.size(), () -> RegistryHarness.xml(found));
        ExtrinsicObjectType entry = entries.get(0);
        assertEquals(Vocabulary.STATUS_APPROVED, entry.getStatus());
        assertTrue(entry.getId().startsWith("urn:uuid:"), entry.getId());
        assertEquals(d.uniqueIdValue(), identifier(entry, Vocabulary.DE_UNIQUE_ID));
        assertEquals(pid, identifier(entry, Vocabulary.DE_PATIENT_ID));
        assertEquals("CT chest report", entry.getName().getLocalizedString().get(0).getValue());
    }

    @Test
    void aRegistryErrorComesBackUnchanged() {
        String stranger = RegistryHarness.patient("NEVERFED" + System.nanoTime());
        SubmissionBuilder s = RegistryHarness.submission(stranger);
        RegistryHarness.document(s);

        RegistryResponseType remote = client.registerDocumentSet(s.build());
        assertEquals(Vocabulary.RESPONSE_FAILURE, remote.getStatus());
        List<RegistryError> errors = remote.getRegistryErrorList().getRegistryError();
        assertEquals(1, errors.size(), () -> RegistryHarness.xml(remote));
        assertEquals("XDSUnknownPatientId", errors.get(0).getErrorCode());
        assertEquals(Vocabulary.SEVERITY_ERROR, errors.get(0).getSeverity());
        assertTrue(errors.get(0).getCodeContext().contains(stranger), errors.get(0).getCodeContext());
        // the registry in-process gives the same answer: the client neither adds nor rewrites anything
        RegistryResponseType local = h.registry.local().registerDocumentSet(s.build());
        assertEquals(local.getStatus(), remote.getStatus());
        assertEquals(local.getRegistryErrorList().getHighestSeverity(), remote.getRegistryErrorList().getHighestSeverity());
        assertEquals(describe(local), describe(remote));
    }

    @Test
    void eightThreadsShareOneClient() throws Exception {
        int threads = 8;
        int rounds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String pid = h.fedPatient("THREAD" + t + "x" + System.nanoTime());
                results.add(pool.submit(() -> {
                    go.await();
                    Set<String> registered = new HashSet<>();
                    for (int i = 0; i < rounds; i++) {
                        SubmissionBuilder s = RegistryHarness.submission(pid);
                        registered.add(RegistryHarness.document(s).uniqueIdValue());
                        RegistryResponseType r = client.registerDocumentSet(s.build());
                        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.getStatus(), () -> RegistryHarness.xml(r));
                        AdhocQueryResponse q = client.storedQuery(findDocuments(pid));
                        assertEquals(Vocabulary.RESPONSE_SUCCESS, q.getStatus(), () -> RegistryHarness.xml(q));
                        Set<String> found = new HashSet<>();
                        extrinsicObjects(q).forEach(e -> found.add(identifier(e, Vocabulary.DE_UNIQUE_ID)));
                        assertEquals(registered, found, "exactly this thread's documents, none of the others'");
                    }
                    return pid;
                }));
            }
            go.countDown();
            Set<String> patients = new HashSet<>();
            for (Future<String> f : results) {
                patients.add(f.get(120, TimeUnit.SECONDS));
            }
            assertEquals(threads, patients.size());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ what the client sends

    @Test
    void sendsPlainSoap12WithAddressingHeaders() throws Exception {
        AtomicReference<String> contentType = new AtomicReference<>();
        AtomicReference<String> soapAction = new AtomicReference<>();
        AtomicReference<String> sent = new AtomicReference<>();
        URI url = fake(exchange -> {
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            soapAction.set(exchange.getRequestHeaders().getFirst("SOAPAction"));
            sent.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String messageId = SoapClient.parse(sent.get())
                    .getElementsByTagNameNS(SoapReply.NS_WSA, "MessageID").item(0).getTextContent();
            answer(exchange, 200, "application/soap+xml; charset=UTF-8", envelope(
                    Vocabulary.ACTION_REGISTER_RESPONSE, messageId,
                    "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\"" + Vocabulary.RESPONSE_SUCCESS
                            + "\"/>"));
        });
        SubmissionBuilder s = RegistryHarness.submission(RegistryHarness.patient("SHAPE"));
        RegistryHarness.document(s);

        RegistryResponseType r = new SoapRegistryClient(url, Duration.ofSeconds(10)).registerDocumentSet(s.build());

        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.getStatus(), () -> RegistryHarness.xml(r));
        assertEquals("application/soap+xml; charset=UTF-8", contentType.get(), "no action= parameter");
        assertNull(soapAction.get(), "no SOAPAction header");
        Document envelope = SoapClient.parse(sent.get());
        assertEquals("Envelope", envelope.getDocumentElement().getLocalName());
        assertEquals(SoapReply.NS_SOAP, envelope.getDocumentElement().getNamespaceURI());
        org.w3c.dom.Element action = (org.w3c.dom.Element) envelope.getElementsByTagNameNS(SoapReply.NS_WSA, "Action")
                .item(0);
        assertEquals(Vocabulary.ACTION_REGISTER, action.getTextContent());
        assertEquals("1", action.getAttributeNS(SoapReply.NS_SOAP, "mustUnderstand"));
        assertTrue(envelope.getElementsByTagNameNS(SoapReply.NS_WSA, "MessageID").item(0).getTextContent()
                .matches("urn:uuid:[0-9a-f-]{36}"));
        assertEquals("http://www.w3.org/2005/08/addressing/anonymous",
                envelope.getElementsByTagNameNS(SoapReply.NS_WSA, "Address").item(0).getTextContent());
        assertEquals(url.toString(), envelope.getElementsByTagNameNS(SoapReply.NS_WSA, "To").item(0).getTextContent());
        assertEquals(1, envelope.getElementsByTagNameNS(Schemas.NS_LCM, "SubmitObjectsRequest").getLength());
        assertTrue(sent.get().contains(s.uniqueId()), "the submission set is in the body");
    }

    // ------------------------------------------------------------------ what goes wrong

    @Test
    void aClosedPortIsRegistryNotAvailableAtOnce() {
        URI closed = URI.create("http://127.0.0.1:" + TestDatabases.freePort() + "/xdsi/registry");
        SoapRegistryClient c = new SoapRegistryClient(closed, Duration.ofSeconds(20));
        long start = System.nanoTime();
        RegistryResponseType r = c.registerDocumentSet(RegistryHarness.submission(RegistryHarness.patient("X")).build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5000, "refused at once, not after the timeout: " + millis + " ms");
        RegistryError e = onlyError(r);
        assertEquals("XDSRegistryNotAvailable", e.getErrorCode());
        assertTrue(e.getCodeContext().contains(closed.toString()), e.getCodeContext());
        assertTrue(e.getCodeContext().toLowerCase().contains("refused"), e.getCodeContext());

        AdhocQueryResponse q = c.storedQuery(findDocuments(RegistryHarness.patient("X")));
        assertEquals("XDSRegistryNotAvailable", onlyError(q).getErrorCode());
        assertTrue(q.getRegistryObjectList().getIdentifiable().isEmpty());
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeIsNotAvailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        URI url = fake(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            long start = System.nanoTime();
            AdhocQueryResponse q = new SoapRegistryClient(url, Duration.ofMillis(500))
                    .storedQuery(findDocuments(RegistryHarness.patient("SLOW")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, millis + " ms");
            RegistryError e = onlyError(q);
            assertEquals("XDSRegistryNotAvailable", e.getErrorCode());
            assertTrue(e.getCodeContext().contains(url.toString()) && e.getCodeContext().contains("500 ms"),
                    e.getCodeContext());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSoapFaultIsRegistryErrorWithItsReason() throws Exception {
        String reason = "the registry database is down for maintenance";
        URI url = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 500, "application/soap+xml; charset=UTF-8", envelope(
                    "http://www.w3.org/2005/08/addressing/soap/fault", null,
                    "<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code>"
                            + "<soap:Reason><soap:Text xml:lang=\"en\">" + reason + "</soap:Text></soap:Reason>"
                            + "</soap:Fault>"));
        });
        SoapRegistryClient c = new SoapRegistryClient(url, Duration.ofSeconds(10));

        RegistryError e = onlyError(c.registerDocumentSet(RegistryHarness.submission(RegistryHarness.patient("F")).build()));
        assertEquals("XDSRegistryError", e.getErrorCode());
        assertTrue(e.getCodeContext().contains(reason), e.getCodeContext());
        assertTrue(e.getCodeContext().contains(url.toString()), e.getCodeContext());
        assertTrue(e.getCodeContext().contains("soap:Receiver"), e.getCodeContext());

        RegistryError q = onlyError(c.storedQuery(findDocuments(RegistryHarness.patient("F"))));
        assertEquals("XDSRegistryError", q.getErrorCode());
        assertTrue(q.getCodeContext().contains(reason), q.getCodeContext());
    }

    @Test
    void gatewayAndUnavailableAnswersAreRegistryNotAvailable() throws Exception {
        for (int status : new int[] {502, 503, 504}) {
            URI url = fake(exchange -> {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, status, "text/html", "<html><body><h1>" + status + "</h1></body></html>");
            });
            SoapRegistryClient c = new SoapRegistryClient(url, Duration.ofSeconds(10));
            SubmissionBuilder s = RegistryHarness.submission(RegistryHarness.patient("GW"));

            RegistryError e = onlyError(c.registerDocumentSet(s.build()));
            assertEquals("XDSRegistryNotAvailable", e.getErrorCode(), e.getCodeContext());
            assertTrue(e.getCodeContext().contains(url.toString()) && e.getCodeContext().contains("HTTP " + status),
                    e.getCodeContext());
            assertEquals("XDSRegistryNotAvailable",
                    onlyError(c.storedQuery(findDocuments(RegistryHarness.patient("GW")))).getErrorCode());
            RegistryCallException thrown = assertThrows(RegistryCallException.class, () -> c.register(s.build()));
            assertEquals(RegistryCallException.Kind.NOT_AVAILABLE, thrown.kind());
        }
    }

    @Test
    void theThrowingCallsSayWhichKindOfNonAnswerItWas() throws Exception {
        URI faulting = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 500, "application/soap+xml", envelope("http://www.w3.org/2005/08/addressing/soap/fault",
                    null, "<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason>"
                            + "<soap:Text xml:lang=\"en\">down</soap:Text></soap:Reason></soap:Fault>"));
        });
        URI html = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 200, "text/html", "<html/>");
        });
        URI closed = URI.create("http://127.0.0.1:" + TestDatabases.freePort() + "/xdsi/registry");
        SubmissionBuilder s = RegistryHarness.submission(RegistryHarness.patient("K"));

        assertEquals(RegistryCallException.Kind.FAULT, assertThrows(RegistryCallException.class,
                () -> new SoapRegistryClient(faulting, Duration.ofSeconds(10)).register(s.build())).kind());
        assertEquals(RegistryCallException.Kind.UNEXPECTED_ANSWER, assertThrows(RegistryCallException.class,
                () -> new SoapRegistryClient(html, Duration.ofSeconds(10)).query(findDocuments(RegistryHarness.patient("K")))).kind());
        assertEquals(RegistryCallException.Kind.NOT_AVAILABLE, assertThrows(RegistryCallException.class,
                () -> new SoapRegistryClient(closed, Duration.ofSeconds(10)).register(s.build())).kind());
        // the registry's own Failure is an answer, not an exception
        RegistryResponseType answered = client.register(s.build());
        assertEquals(Vocabulary.RESPONSE_FAILURE, answered.getStatus());
        assertTrue(answered.getRegistryErrorList().getRegistryError().stream()
                .anyMatch(e -> "XDSUnknownPatientId".equals(e.getErrorCode())), () -> RegistryHarness.xml(answered));
    }

    @Test
    void aUrlOfTheRealServerThatIsNotTheRegistryIsRegistryError() {
        URI wrongPath = URI.create(h.registry.endpointUrl() + "-nothing-here");
        RegistryError e = onlyError(new SoapRegistryClient(wrongPath, Duration.ofSeconds(10))
                .registerDocumentSet(RegistryHarness.submission(RegistryHarness.patient("W")).build()));
        assertEquals("XDSRegistryError", e.getErrorCode());
        assertTrue(e.getCodeContext().contains(wrongPath.toString()), e.getCodeContext());
        assertTrue(e.getCodeContext().matches(".* answered HTTP 4\\d\\d .*not a SOAP 1.2 message"), e.getCodeContext());
    }

    @Test
    void anHtmlPageIsRegistryError() throws Exception {
        URI url = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 200, "text/html; charset=UTF-8",
                    "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>");
        });
        SoapRegistryClient c = new SoapRegistryClient(url, Duration.ofSeconds(10));

        RegistryError e = onlyError(c.registerDocumentSet(RegistryHarness.submission(RegistryHarness.patient("H")).build()));
        assertEquals("XDSRegistryError", e.getErrorCode());
        assertTrue(e.getCodeContext().contains(url.toString()), e.getCodeContext());
        assertTrue(e.getCodeContext().contains("HTTP 200") && e.getCodeContext().contains("text/html"),
                e.getCodeContext());

        AdhocQueryResponse q = c.storedQuery(findDocuments(RegistryHarness.patient("H")));
        assertEquals("XDSRegistryError", onlyError(q).getErrorCode());
        assertTrue(onlyError(q).getCodeContext().contains("text/html"), onlyError(q).getCodeContext());
    }

    @Test
    void aWrongActionOrRelatesToIsRegistryError() throws Exception {
        String success = "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\""
                + Vocabulary.RESPONSE_SUCCESS + "\"/>";
        URI wrongAction = fake(exchange -> answer(exchange, 200, "application/soap+xml",
                envelope(Vocabulary.ACTION_STORED_QUERY_RESPONSE, messageId(exchange), success)));
        URI wrongRelatesTo = fake(exchange -> {
            messageId(exchange);
            answer(exchange, 200, "application/soap+xml",
                    envelope(Vocabulary.ACTION_REGISTER_RESPONSE, "urn:uuid:00000000-0000-0000-0000-000000000000",
                            success));
        });
        SubmissionBuilder s = RegistryHarness.submission(RegistryHarness.patient("A"));

        RegistryError action = onlyError(new SoapRegistryClient(wrongAction, Duration.ofSeconds(10))
                .registerDocumentSet(s.build()));
        assertEquals("XDSRegistryError", action.getErrorCode());
        assertTrue(action.getCodeContext().contains(Vocabulary.ACTION_STORED_QUERY_RESPONSE)
                && action.getCodeContext().contains(Vocabulary.ACTION_REGISTER_RESPONSE), action.getCodeContext());

        RegistryError relates = onlyError(new SoapRegistryClient(wrongRelatesTo, Duration.ofSeconds(10))
                .registerDocumentSet(s.build()));
        assertEquals("XDSRegistryError", relates.getErrorCode());
        assertTrue(relates.getCodeContext().contains("RelatesTo"), relates.getCodeContext());
    }

    // ------------------------------------------------------------------ helpers

    private static AdhocQueryRequest findDocuments(String pid) {
        try {
            return Schemas.unmarshal(Queries.findDocuments(pid, "LeafClass"), AdhocQueryRequest.class);
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ExtrinsicObjectType> extrinsicObjects(AdhocQueryResponse r) {
        List<ExtrinsicObjectType> list = new ArrayList<>();
        for (JAXBElement<? extends IdentifiableType> e : r.getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof ExtrinsicObjectType eo) {
                list.add(eo);
            }
        }
        return list;
    }

    private static String identifier(ExtrinsicObjectType eo, String scheme) {
        return eo.getExternalIdentifier().stream().filter(x -> scheme.equals(x.getIdentificationScheme()))
                .map(ExternalIdentifierType::getValue).findFirst().orElse(null);
    }

    private static List<List<String>> describe(RegistryResponseType r) {
        List<List<String>> errors = new ArrayList<>();
        for (RegistryError e : r.getRegistryErrorList().getRegistryError()) {
            errors.add(java.util.Arrays.asList(e.getErrorCode(), e.getCodeContext(), e.getSeverity(), e.getLocation()));
        }
        return errors;
    }

    /** A client-made Failure: status Failure and exactly one error of severity Error. */
    private static RegistryError onlyError(RegistryResponseType r) {
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.getStatus(), () -> RegistryHarness.xml(r));
        List<RegistryError> errors = r.getRegistryErrorList().getRegistryError();
        assertEquals(1, errors.size(), () -> RegistryHarness.xml(r));
        assertEquals(Vocabulary.SEVERITY_ERROR, errors.get(0).getSeverity());
        assertEquals(Vocabulary.SEVERITY_ERROR, r.getRegistryErrorList().getHighestSeverity());
        return errors.get(0);
    }

    private URI fake(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(fakeThreads);
        server.start();
        fakes.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/registry");
    }

    private static String messageId(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return SoapClient.parse(body).getElementsByTagNameNS(SoapReply.NS_WSA, "MessageID").item(0).getTextContent();
    }

    private static String envelope(String action, String relatesTo, String body) {
        return "<soap:Envelope xmlns:soap=\"" + SoapReply.NS_SOAP + "\" xmlns:wsa=\"" + SoapReply.NS_WSA + "\">"
                + "<soap:Header><wsa:Action>" + action + "</wsa:Action>"
                + (relatesTo == null ? "" : "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo>")
                + "</soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
