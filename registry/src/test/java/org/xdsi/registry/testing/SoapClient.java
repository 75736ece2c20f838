package org.xdsi.registry.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Posts SOAP 1.2 envelopes the way other vendors' clients do: no SOAPAction, wsa headers, plain HTTP/1.1. */
public final class SoapClient {
    public static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String NS_WSA = "http://www.w3.org/2005/08/addressing";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public SoapClient(String url) {
        this.url = url;
    }

    public record Response(int status, String body, String messageId) {
        public Document document() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("response is not XML: " + body, e);
            }
        }

        /** The first child element of soap:Body. */
        public Element bodyElement() {
            NodeList bodies = document().getElementsByTagNameNS(NS_SOAP, "Body");
            NodeList children = bodies.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    return e;
                }
            }
            throw new AssertionError("empty soap:Body: " + body);
        }

        public String header(String localName) {
            NodeList n = document().getElementsByTagNameNS(NS_WSA, localName);
            return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
        }

        public boolean isFault() {
            return body.contains("Fault") && document().getElementsByTagNameNS(NS_SOAP, "Fault").getLength() > 0;
        }

        public String faultReason() {
            NodeList n = document().getElementsByTagNameNS(NS_SOAP, "Text");
            return n.getLength() == 0 ? null : n.item(0).getTextContent();
        }

        public String faultCode() {
            NodeList n = document().getElementsByTagNameNS(NS_SOAP, "Value");
            return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
        }
    }

    /** Parses XML text (namespace aware). */
    public static Document parse(String xml) {
        return new Response(200, xml, null).document();
    }

    /** Sends {@code bodyXml} with the given wsa:Action (null: no wsa headers at all). */
    public Response call(String action, String bodyXml) {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        return post(envelope(action, messageId, bodyXml), "application/soap+xml; charset=UTF-8", messageId);
    }

    public static String envelope(String action, String messageId, String bodyXml) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(NS_SOAP).append("\" xmlns:wsa=\"").append(NS_WSA)
                .append("\"><soap:Header>");
        if (action != null) {
            sb.append("<wsa:Action soap:mustUnderstand=\"1\">").append(action).append("</wsa:Action>")
                    .append("<wsa:MessageID>").append(messageId).append("</wsa:MessageID>")
                    .append("<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>")
                    .append("<wsa:To soap:mustUnderstand=\"1\">http://localhost/registry</wsa:To>");
        }
        return sb.append("</soap:Header><soap:Body>").append(bodyXml).append("</soap:Body></soap:Envelope>").toString();
    }

    public Response post(String payload, String contentType, String messageId) {
        return post(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8), contentType, messageId);
    }

    public Response post(HttpRequest.BodyPublisher body, String contentType, String messageId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", contentType).POST(body).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), messageId);
        } catch (Exception e) {
            throw new AssertionError("HTTP call to " + url + " failed", e);
        }
    }
}
