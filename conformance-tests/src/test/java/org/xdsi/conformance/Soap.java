package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.schema.Schemas;

/**
 * A Document Source / Document Consumer on the wire: SOAP 1.2 over plain HTTP/1.1, WS-Addressing headers the way
 * Axis2- and CXF-based vendor clients send them (wsa:Action and wsa:To mustUnderstand, MessageID, anonymous
 * ReplyTo, the action also in the Content-Type). Every answer is checked to be a SOAP 1.2 envelope with the
 * response action and RelatesTo, and its body is validated against the ebRS 3.0 / XDS.b schemas.
 */
final class Soap {
    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String NS_RIM = Schemas.NS_RIM;
    static final String NS_RS = Schemas.NS_RS;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    Soap(String url) {
        this.url = url;
    }

    /** ITI-42 Register Document Set-b. */
    Reply register(String submitObjectsRequestXml) {
        return call(Vocabulary.ACTION_REGISTER, Vocabulary.ACTION_REGISTER_RESPONSE, submitObjectsRequestXml);
    }

    /** ITI-18 Registry Stored Query. */
    Reply query(String adhocQueryRequestXml) {
        return call(Vocabulary.ACTION_STORED_QUERY, Vocabulary.ACTION_STORED_QUERY_RESPONSE, adhocQueryRequestXml);
    }

    Reply call(String action, String responseAction, String bodyXml) {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + NS_SOAP + "\" xmlns:wsa=\"" + NS_WSA + "\">"
                + "<soapenv:Header>"
                + "<wsa:To soapenv:mustUnderstand=\"true\">" + url + "</wsa:To>"
                + "<wsa:MessageID>" + messageId + "</wsa:MessageID>"
                + "<wsa:Action soapenv:mustUnderstand=\"true\">" + action + "</wsa:Action>"
                + "<wsa:ReplyTo><wsa:Address>"
                + "http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soapenv:Header><soapenv:Body>" + bodyXml + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> r = send(envelope, action);
        Reply reply = new Reply(r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/soap+xml"),
                () -> "SOAP 1.2 content type expected, got " + r.headers().map() + "\n" + r.body());
        assertEquals(200, r.statusCode(), () -> "HTTP status of " + action + ": " + r.body());
        assertEquals(responseAction, reply.header("Action"), () -> "response wsa:Action: " + r.body());
        assertEquals(messageId, reply.header("RelatesTo"), () -> "wsa:RelatesTo: " + r.body());
        reply.validate();
        return reply;
    }

    /** Sends without asserting anything (used while the server may be killed). */
    HttpResponse<String> send(String envelope, String action) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted calling " + url, e);
        } catch (Exception e) {
            throw new WireException("HTTP call to " + url + " failed: " + e, e);
        }
    }

    static final class WireException extends RuntimeException {
        WireException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A SOAP answer, parsed. */
    static final class Reply {
        final int httpStatus;
        final String body;
        final Document document;

        Reply(int httpStatus, String body) {
            this.httpStatus = httpStatus;
            this.body = body;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                document = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("response is not XML: " + body, e);
            }
            assertEquals(NS_SOAP, document.getDocumentElement().getNamespaceURI(), () -> "SOAP 1.2 envelope: " + body);
        }

        String header(String wsaLocalName) {
            NodeList n = document.getElementsByTagNameNS(NS_WSA, wsaLocalName);
            return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
        }

        /** rs:RegistryResponse or query:AdhocQueryResponse. */
        Element payload() {
            Element soapBody = (Element) document.getElementsByTagNameNS(NS_SOAP, "Body").item(0);
            for (Node c = soapBody.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e) {
                    return e;
                }
            }
            throw new AssertionError("empty soap:Body: " + body);
        }

        void validate() {
            Element payload = payload();
            if (NS_SOAP.equals(payload.getNamespaceURI())) {
                throw new AssertionError("SOAP fault instead of an ebRS response: " + body);
            }
            try {
                Schemas.validate(new DOMSource(payload));
            } catch (Exception e) {
                throw new AssertionError("response body is not schema-valid: " + e.getMessage() + "\n" + body, e);
            }
        }

        String status() {
            return payload().getAttribute("status");
        }

        boolean success() {
            return Vocabulary.RESPONSE_SUCCESS.equals(status());
        }

        List<String> errorCodes() {
            List<String> codes = new ArrayList<>();
            for (Element e : elements(NS_RS, "RegistryError")) {
                codes.add(e.getAttribute("errorCode"));
            }
            return codes;
        }

        void assertSuccess() {
            assertEquals(Vocabulary.RESPONSE_SUCCESS, status(), () -> "expected Success: " + body);
            assertTrue(errorCodes().isEmpty() || elements(NS_RS, "RegistryError").stream().allMatch(
                    e -> e.getAttribute("severity").endsWith(":Warning")), () -> "errors in a Success: " + body);
        }

        void assertFailure(String errorCode) {
            assertEquals(Vocabulary.RESPONSE_FAILURE, status(), () -> "expected Failure: " + body);
            assertTrue(errorCodes().contains(errorCode), () -> "expected error " + errorCode + ": " + body);
        }

        List<Element> elements(String ns, String localName) {
            NodeList n = payload().getElementsByTagNameNS(ns, localName);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < n.getLength(); i++) {
                out.add((Element) n.item(i));
            }
            return out;
        }

        /** Top-level objects of the RegistryObjectList with the given local name (ExtrinsicObject, ...). */
        List<Element> objects(String localName) {
            List<Element> out = new ArrayList<>();
            for (Element list : elements(NS_RIM, "RegistryObjectList")) {
                for (Node c = list.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element e && NS_RIM.equals(e.getNamespaceURI())
                            && localName.equals(e.getLocalName())) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        List<Element> documentEntries() {
            return objects("ExtrinsicObject");
        }

        /** RegistryPackages classified as the given node (SubmissionSet or Folder). */
        List<Element> packages(String classificationNode) {
            List<Element> out = new ArrayList<>();
            for (Element p : objects("RegistryPackage")) {
                boolean classifiedHere = childElements(p, "Classification").stream()
                        .anyMatch(c -> classificationNode.equals(c.getAttribute("classificationNode")));
                boolean classifiedOutside = objects("Classification").stream()
                        .anyMatch(c -> classificationNode.equals(c.getAttribute("classificationNode"))
                                && p.getAttribute("id").equals(c.getAttribute("classifiedObject")));
                if (classifiedHere || classifiedOutside) {
                    out.add(p);
                }
            }
            return out;
        }

        List<Element> submissionSets() {
            return packages(Vocabulary.SUBMISSION_SET_NODE);
        }

        List<Element> folders() {
            return packages(Vocabulary.FOLDER_NODE);
        }

        List<Element> associations() {
            return objects("Association");
        }

        List<String> objectRefIds() {
            List<String> ids = new ArrayList<>();
            for (Element e : objects("ObjectRef")) {
                ids.add(e.getAttribute("id"));
            }
            return ids;
        }

        /** The values of the given ExternalIdentifier scheme over a list of objects. */
        static List<String> identifiers(List<Element> objects, String scheme) {
            List<String> out = new ArrayList<>();
            for (Element o : objects) {
                out.add(identifier(o, scheme));
            }
            return out;
        }

        static String identifier(Element object, String scheme) {
            for (Element id : childElements(object, "ExternalIdentifier")) {
                if (scheme.equals(id.getAttribute("identificationScheme"))) {
                    return id.getAttribute("value");
                }
            }
            throw new AssertionError("no ExternalIdentifier " + scheme + " on " + object.getAttribute("id"));
        }

        static List<Element> childElements(Element parent, String rimLocalName) {
            List<Element> out = new ArrayList<>();
            for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && NS_RIM.equals(e.getNamespaceURI())
                        && rimLocalName.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}
