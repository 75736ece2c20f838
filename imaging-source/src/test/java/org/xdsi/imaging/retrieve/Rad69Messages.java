package org.xdsi.imaging.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xdsi.schema.Schemas;

/** RAD-69 requests written as other vendors' consumers send them, and the MTOM answers taken apart. */
final class Rad69Messages {
    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String NS_XOP = "http://www.w3.org/2004/08/xop/include";
    static final String ACTION = "urn:ihe:rad:2009:RetrieveImagingDocumentSet";

    private Rad69Messages() {
    }

    /** One requested instance. */
    record Ref(String study, String series, String sop, String repository) {
    }

    /** The RetrieveImagingDocumentSetRequest body: refs grouped by study and series in order of appearance. */
    static String body(List<Ref> refs, String... syntaxes) {
        StringBuilder b = new StringBuilder("<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad=\"urn:ihe:rad:"
                + "xdsi-b:2009\" xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">");
        String study = null;
        String series = null;
        for (Ref r : refs) {
            if (!r.study().equals(study)) {
                if (series != null) {
                    b.append("</iherad:SeriesRequest>");
                }
                if (study != null) {
                    b.append("</iherad:StudyRequest>");
                }
                b.append("<iherad:StudyRequest studyInstanceUID=\"").append(r.study()).append("\">");
                study = r.study();
                series = null;
            }
            if (!r.series().equals(series)) {
                if (series != null) {
                    b.append("</iherad:SeriesRequest>");
                }
                b.append("<iherad:SeriesRequest seriesInstanceUID=\"").append(r.series()).append("\">");
                series = r.series();
            }
            b.append("<xdsb:DocumentRequest><xdsb:RepositoryUniqueId>").append(r.repository())
                    .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(r.sop())
                    .append("</xdsb:DocumentUniqueId></xdsb:DocumentRequest>");
        }
        b.append("</iherad:SeriesRequest></iherad:StudyRequest><iherad:TransferSyntaxUIDList>");
        for (String ts : syntaxes) {
            b.append("<iherad:TransferSyntaxUID>").append(ts).append("</iherad:TransferSyntaxUID>");
        }
        return b.append("</iherad:TransferSyntaxUIDList></iherad:RetrieveImagingDocumentSetRequest>").toString();
    }

    static String envelope(String action, String to, String messageId, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"" + NS_SOAP
                + "\" xmlns:wsa=\"" + NS_WSA + "\"><soapenv:Header>"
                + "<wsa:To soapenv:mustUnderstand=\"true\">" + to + "</wsa:To>"
                + "<wsa:MessageID soapenv:mustUnderstand=\"true\">" + messageId + "</wsa:MessageID>"
                + "<wsa:Action soapenv:mustUnderstand=\"true\">" + action + "</wsa:Action>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soapenv:Header><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    /** A sent request and its answer. */
    record Exchange(String messageId, Http.Answer answer) {
        List<Http.Part> parts() {
            return answer.parts();
        }

        Document envelope() {
            return parse(parts().get(0).body());
        }

        Element body() {
            Element body = child(envelope().getDocumentElement(), NS_SOAP, "Body");
            return firstElement(body);
        }

        String header(String local) {
            Element h = child(envelope().getDocumentElement(), NS_SOAP, "Header");
            Element e = child(h, NS_WSA, local);
            return e == null ? null : e.getTextContent().trim();
        }

        /** The bytes of the part an xop:Include names. */
        byte[] part(String href) {
            String id = java.net.URLDecoder.decode(href.replaceFirst("^cid:", ""), StandardCharsets.UTF_8);
            for (Http.Part p : parts()) {
                String cid = p.headers().get("content-id");
                if (cid != null && cid.replaceAll("^<|>$", "").equals(id)) {
                    return p.body();
                }
            }
            throw new AssertionError("no part " + href);
        }

        /** DocumentResponse elements: DocumentUniqueId, mimeType, and the bytes of the Document part. */
        List<Document_> documents() {
            List<Document_> out = new ArrayList<>();
            for (Element d : elements(body(), Schemas.NS_XDSB, "DocumentResponse")) {
                Element include = elements(d, NS_XOP, "Include").get(0);
                out.add(new Document_(text(d, "RepositoryUniqueId"), text(d, "DocumentUniqueId"),
                        text(d, "mimeType"), part(include.getAttribute("href"))));
            }
            return out;
        }

        String status() {
            return child(body(), Schemas.NS_RS, "RegistryResponse").getAttribute("status");
        }

        List<Element> errors() {
            return elements(body(), Schemas.NS_RS, "RegistryError");
        }

        /** The body validates against the schemas, each xop:Include replaced by the base64 of its part. */
        void assertSchemaValid() {
            try {
                Document copy = Schemas.secureDocumentBuilderFactory().newDocumentBuilder().newDocument();
                Element body = (Element) copy.importNode(body(), true);
                copy.appendChild(body);
                for (Element include : elements(body, NS_XOP, "Include")) {
                    include.getParentNode().replaceChild(copy.createTextNode(
                            Base64.getEncoder().encodeToString(part(include.getAttribute("href")))), include);
                }
                Schemas.validate(new DOMSource(copy));
            } catch (Exception e) {
                throw new AssertionError("the response body is not schema-valid: " + e.getMessage(), e);
            }
        }

        /** MTOM, the ITI-43 response action, RelatesTo = the request's MessageID. */
        void assertMtomResponse() {
            assertEquals(200, answer.status(), answer::describe);
            String type = answer.contentType().toLowerCase(java.util.Locale.ROOT);
            assertEquals(true, type.startsWith("multipart/related") && type.contains("application/xop+xml"), type);
            assertEquals("urn:ihe:iti:2007:RetrieveDocumentSetResponse", header("Action"));
            assertEquals(messageId, header("RelatesTo"));
            assertSchemaValid();
        }
    }

    record Document_(String repositoryUniqueId, String documentUniqueId, String mimeType, byte[] bytes) {
    }

    /** Sends as an MTOM/XOP package (no SOAPAction, as IHE consumers do). */
    static Exchange sendMtom(String url, String body) throws Exception {
        return sendMtom(url, body, ACTION);
    }

    static Exchange sendMtom(String url, String body, String action) throws Exception {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "0.root." + UUID.randomUUID() + "@example.org";
        String message = "--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + rootId + ">\r\n\r\n"
                + envelope(action, url, messageId, body) + "\r\n--" + boundary + "--\r\n";
        String type = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"";
        return new Exchange(messageId, Http.post(url, type, message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends as a plain SOAP 1.2 message. */
    static Exchange sendPlain(String url, String action, String body) throws Exception {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        return new Exchange(messageId, Http.post(url, "application/soap+xml; charset=UTF-8",
                envelope(action, url, messageId, body).getBytes(StandardCharsets.UTF_8)));
    }

    static Document parse(byte[] xml) {
        try {
            return Schemas.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    static List<Element> elements(Element root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        org.w3c.dom.NodeList list = root.getElementsByTagNameNS(ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static Element firstElement(Element parent) {
        assertNotNull(parent);
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("empty element " + parent.getLocalName());
    }

    private static String text(Element parent, String local) {
        Element e = child(parent, Schemas.NS_XDSB, local);
        return e == null ? null : e.getTextContent().trim();
    }
}
