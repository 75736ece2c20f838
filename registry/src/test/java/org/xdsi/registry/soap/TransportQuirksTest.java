package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;

/** Requests the way real clients put them on the wire: chunked, h2c upgrade offers, action parameter, BOM, Latin-1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportQuirksTest {
    RegistryHarness h;

    @BeforeAll
    void start() {
        h = RegistryHarness.start("h2");
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private String registerEnvelope(String pid, String title) {
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s).title(title);
        return SoapClient.envelope(Vocabulary.ACTION_REGISTER, "urn:uuid:" + java.util.UUID.randomUUID(),
                RegistryHarness.xml(s.build()));
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(h.registry.endpointUrl()))
                .header("Content-Type", contentType).POST(body).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertSuccess(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("status=\"" + Vocabulary.RESPONSE_SUCCESS + "\""), r.body());
    }

    @Test
    void chunkedBodyWithoutContentLength() throws Exception {
        byte[] bytes = registerEnvelope(h.fedPatient("CHUNK1"), "chunked").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // an InputStream publisher has no known length: the client sends Transfer-Encoding: chunked
        assertSuccess(send(http, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                "application/soap+xml; charset=UTF-8"));
    }

    @Test
    void h2cUpgradeOfferIsAnsweredOverHttp11() throws Exception {
        // java.net.http asking for HTTP/2 on http:// sends Upgrade: h2c + HTTP2-Settings, like some vendors' stacks
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = send(http, HttpRequest.BodyPublishers.ofString(
                registerEnvelope(h.fedPatient("H2C1"), "h2c")), "application/soap+xml; charset=UTF-8");
        assertSuccess(r);
    }

    @Test
    void actionParameterInTheContentTypeIsAccepted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertSuccess(send(http, HttpRequest.BodyPublishers.ofString(registerEnvelope(h.fedPatient("ACT1"), "action")),
                "application/soap+xml; charset=UTF-8; action=\"" + Vocabulary.ACTION_REGISTER + "\""));
    }

    @Test
    void byteOrderMarkBeforeTheDeclaration() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.write(registerEnvelope(h.fedPatient("BOM1"), "bom").getBytes(StandardCharsets.UTF_8));
        assertSuccess(send(HttpClient.newHttpClient(), HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "application/soap+xml; charset=UTF-8"));
    }

    @Test
    void latin1BodyKeepsItsCharacters() throws Exception {
        String pid = h.fedPatient("LATIN1");
        String envelope = registerEnvelope(pid, "Röntgen Thorax").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        assertSuccess(send(HttpClient.newHttpClient(),
                HttpRequest.BodyPublishers.ofByteArray(envelope.getBytes(StandardCharsets.ISO_8859_1)),
                "application/soap+xml; charset=ISO-8859-1"));
        SoapClient.Response q = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.findDocuments(pid, "LeafClass"));
        assertFalse(q.isFault(), q.body());
        assertTrue(q.body().contains("Röntgen Thorax"), q.body());
    }
}
