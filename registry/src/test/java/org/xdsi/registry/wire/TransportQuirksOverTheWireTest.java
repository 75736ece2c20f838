package org.xdsi.registry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.xdsi.registry.wire.Wire.list;
import static org.xdsi.registry.wire.Wire.slot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;

/**
 * ITI-42 and ITI-18 the way real clients put them on the wire: chunked bodies, HTTP/2 upgrade offers on http://, the
 * action parameter in the Content-Type (or not), no SOAPAction header (java.net.http never sends one), a UTF-8 BOM,
 * and an ISO-8859-1 body. Each must be answered like a plain request: HTTP 200, no fault, the response action and
 * RelatesTo, a schema-valid body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportQuirksOverTheWireTest {
    static final String SOAP12 = "application/soap+xml; charset=UTF-8";

    RegistryHarness h;
    int patients;

    @BeforeAll
    void start() {
        h = RegistryHarness.start("h2");
    }

    @AfterAll
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    record Sent(String messageId, String envelope, DocumentEntryBuilder document, String patient) {
    }

    private Sent registration(String title) {
        String pid = h.fedPatient("QUIRK" + (patients++));
        SubmissionBuilder s = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(s).title(title);
        String id = "urn:uuid:" + UUID.randomUUID();
        return new Sent(id, SoapClient.envelope(Vocabulary.ACTION_REGISTER, id, RegistryHarness.xml(s.build())), d, pid);
    }

    private SoapClient.Response send(HttpClient client, HttpRequest.BodyPublisher body, String contentType, String messageId)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(h.registry.endpointUrl()))
                .header("Content-Type", contentType).POST(body).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new SoapClient.Response(r.statusCode(), r.body(), messageId);
    }

    private static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static void assertRegistered(SoapClient.Response r) {
        Wire.assertRegisterEnvelope(r);
        Wire.assertSuccess(r);
    }

    /** The document is there, with its title as sent (checked over a plain request). */
    private void assertFound(Sent sent, String title) {
        SoapClient.Response q = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(Queries.GET_DOCUMENTS,
                "LeafClass", List.of(slot("$XDSDocumentEntryUniqueId", list(sent.document().uniqueIdValue())))));
        Wire.assertQueryEnvelope(q);
        Wire.assertSuccess(q);
        List<Element> eos = Wire.objects(q, "ExtrinsicObject");
        assertEquals(1, eos.size(), q.body());
        assertEquals(title, Wire.nameOf(eos.get(0)));
    }

    @Test
    void chunkedRegistration() throws Exception {
        Sent sent = registration("chunked");
        byte[] bytes = sent.envelope().getBytes(StandardCharsets.UTF_8);
        // an InputStream publisher has no known length: java.net.http sends Transfer-Encoding: chunked
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                SOAP12, sent.messageId()));
        assertFound(sent, "chunked");
    }

    @Test
    void chunkedQuery() throws Exception {
        Sent sent = registration("chunked query");
        assertRegistered(h.soap.post(sent.envelope(), SOAP12, sent.messageId()));
        String id = "urn:uuid:" + UUID.randomUUID();
        byte[] bytes = SoapClient.envelope(Vocabulary.ACTION_STORED_QUERY, id, Queries.findDocuments(sent.patient(), "LeafClass"))
                .getBytes(StandardCharsets.UTF_8);
        SoapClient.Response r = send(http11(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                SOAP12, id);
        Wire.assertQueryEnvelope(r);
        Wire.assertSuccess(r);
        assertEquals(1, Wire.objects(r, "ExtrinsicObject").size(), r.body());
    }

    @Test
    void h2cUpgradeOfferOnHttp() throws Exception {
        // Version.HTTP_2 on an http:// URL: HTTP/1.1 request with Upgrade: h2c, Connection: Upgrade, HTTP2-Settings
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        Sent sent = registration("h2c");
        assertRegistered(send(h2, HttpRequest.BodyPublishers.ofString(sent.envelope()), SOAP12, sent.messageId()));
        String id = "urn:uuid:" + UUID.randomUUID();
        SoapClient.Response q = send(h2, HttpRequest.BodyPublishers.ofString(SoapClient.envelope(
                Vocabulary.ACTION_STORED_QUERY, id, Queries.findDocuments(sent.patient(), "ObjectRef"))), SOAP12, id);
        Wire.assertQueryEnvelope(q);
        Wire.assertSuccess(q);
        assertEquals(1, Wire.ids(q, "ObjectRef").size(), q.body());
        // chunked and h2c together
        Sent both = registration("h2c chunked");
        byte[] bytes = both.envelope().getBytes(StandardCharsets.UTF_8);
        assertRegistered(send(h2, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), SOAP12,
                both.messageId()));
    }

    @Test
    void actionParameterInTheContentType() throws Exception {
        Sent sent = registration("with action");
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofString(sent.envelope()),
                "application/soap+xml; charset=UTF-8; action=\"" + Vocabulary.ACTION_REGISTER + "\"", sent.messageId()));
        String id = "urn:uuid:" + UUID.randomUUID();
        SoapClient.Response q = send(http11(), HttpRequest.BodyPublishers.ofString(SoapClient.envelope(
                        Vocabulary.ACTION_STORED_QUERY, id, Queries.findDocuments(sent.patient(), "ObjectRef"))),
                "application/soap+xml; charset=UTF-8; action=\"" + Vocabulary.ACTION_STORED_QUERY + "\"", id);
        Wire.assertQueryEnvelope(q);
        Wire.assertSuccess(q);
    }

    @Test
    void noActionParameterAndNoSoapActionHeader() throws Exception {
        Sent sent = registration("without action");
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofString(sent.envelope()), SOAP12, sent.messageId()));
        Sent bare = registration("bare content type");
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofString(bare.envelope()), "application/soap+xml",
                bare.messageId()));
    }

    @Test
    void byteOrderMarkBeforeTheDeclaration() throws Exception {
        Sent sent = registration("bom");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.write(sent.envelope().getBytes(StandardCharsets.UTF_8));
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), SOAP12, sent.messageId()));
        assertFound(sent, "bom");
    }

    @Test
    void latin1BodyKeepsItsCharacters() throws Exception {
        String title = "Röntgen Thorax – Befund für Müller";
        String latin1Title = "Röntgen Thorax Befund für Müller"; // ISO-8859-1 has no en dash
        Sent sent = registration(latin1Title);
        String envelope = sent.envelope().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        assertFalse(envelope.contains("UTF-8\"?>"), "declaration replaced");
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofByteArray(envelope.getBytes(StandardCharsets.ISO_8859_1)),
                "application/soap+xml; charset=ISO-8859-1", sent.messageId()));
        assertFound(sent, latin1Title);

        // the declaration alone names the encoding (no charset parameter), as some stacks send it
        Sent declared = registration("Röntgen ohne charset");
        String declaredEnvelope = declared.envelope().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        assertRegistered(send(http11(), HttpRequest.BodyPublishers.ofByteArray(
                declaredEnvelope.getBytes(StandardCharsets.ISO_8859_1)), "application/soap+xml", declared.messageId()));
        assertFound(declared, "Röntgen ohne charset");

        // UTF-8 of a character outside Latin-1 in the same field, for contrast
        Sent utf8 = registration(title);
        assertRegistered(h.soap.post(utf8.envelope(), SOAP12, utf8.messageId()));
        assertFound(utf8, title);
    }
}
