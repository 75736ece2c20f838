package org.xdsi.registry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.registry.query.QueryFixture;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.SoapClient;
import org.xdsi.schema.Schemas;

/** Assertions and small readers shared by the over-the-wire tests of this package. */
final class Wire {
    static final String NS_RIM = Schemas.NS_RIM;
    static final String NS_RS = Schemas.NS_RS;
    static final String NS_QUERY = Schemas.NS_QUERY;

    static final Set<String> UNIQUE_ID_SCHEMES = Set.of(Vocabulary.DE_UNIQUE_ID, Vocabulary.SS_UNIQUE_ID,
            Vocabulary.FOLDER_UNIQUE_ID);

    private Wire() {
    }

    /** A slot as consumers write it. */
    static Map.Entry<String, String> slot(String name, String value) {
        return Map.entry(name, value);
    }

    /** {@code 'v'} with embedded quotes doubled. */
    static String q(String v) {
        return QueryFixture.q(v);
    }

    /** {@code ('a','b')}. */
    static String list(String... values) {
        return QueryFixture.list(values);
    }

    /** An AdhocQueryRequest with an optional {@code home} attribute on the AdhocQuery. */
    static String adhoc(String queryId, String returnType, String home, List<Map.Entry<String, String>> slots) {
        String body = Queries.adhoc(queryId, returnType, slots);
        if (home != null) {
            body = body.replace("<rim:AdhocQuery id=\"" + queryId + "\">",
                    "<rim:AdhocQuery id=\"" + queryId + "\" home=\"" + home + "\">");
        }
        return body;
    }

    static void assertSchemaValid(SoapClient.Response r) {
        try {
            Schemas.validate(new DOMSource(r.bodyElement()));
        } catch (Exception e) {
            throw new AssertionError("response does not validate against the schemas: " + e.getMessage() + "\n"
                    + r.body(), e);
        }
    }

    /** No fault, HTTP 200, schema valid, the response action and RelatesTo of ITI-18. */
    static void assertQueryEnvelope(SoapClient.Response r) {
        assertFalse(r.isFault(), () -> "unexpected fault: " + r.body());
        assertEquals(200, r.status(), r.body());
        assertEquals("AdhocQueryResponse", r.bodyElement().getLocalName(), r.body());
        assertEquals(NS_QUERY, r.bodyElement().getNamespaceURI());
        assertEquals(Vocabulary.ACTION_STORED_QUERY_RESPONSE, r.header("Action"), r.body());
        assertEquals(r.messageId(), r.header("RelatesTo"), "RelatesTo = request MessageID");
        assertSchemaValid(r);
    }

    static void assertRegisterEnvelope(SoapClient.Response r) {
        assertFalse(r.isFault(), () -> "unexpected fault: " + r.body());
        assertEquals(200, r.status(), r.body());
        assertEquals("RegistryResponse", r.bodyElement().getLocalName(), r.body());
        assertEquals(Vocabulary.ACTION_REGISTER_RESPONSE, r.header("Action"), r.body());
        assertEquals(r.messageId(), r.header("RelatesTo"), "RelatesTo = request MessageID");
        assertSchemaValid(r);
    }

    static void assertSuccess(SoapClient.Response r) {
        assertEquals(Vocabulary.RESPONSE_SUCCESS, r.bodyElement().getAttribute("status"), r.body());
        assertEquals(0, r.document().getElementsByTagNameNS(NS_RS, "RegistryError").getLength(), r.body());
    }

    /** The direct children of rim:RegistryObjectList. */
    static List<Element> objects(SoapClient.Response r) {
        List<Element> out = new ArrayList<>();
        NodeList lists = r.document().getElementsByTagNameNS(NS_RIM, "RegistryObjectList");
        if (lists.getLength() == 0) {
            return out;
        }
        for (Node n = lists.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> objects(SoapClient.Response r, String localName) {
        return objects(r).stream().filter(e -> e.getLocalName().equals(localName)).toList();
    }

    static Set<String> ids(SoapClient.Response r, String localName) {
        Set<String> ids = new TreeSet<>();
        List<Element> os = objects(r, localName);
        for (Element e : os) {
            ids.add(e.getAttribute("id"));
        }
        assertEquals(os.size(), ids.size(), () -> "an object is returned twice: " + r.body());
        return ids;
    }

    static Set<String> set(String... ids) {
        return new TreeSet<>(List.of(ids));
    }

    static Set<String> set(Collection<String> ids) {
        return new TreeSet<>(ids);
    }

    /** Every LeafClass object carries a status (and ObjectRefs only ids). */
    static void assertEveryObjectHasStatus(SoapClient.Response r) {
        for (Element e : objects(r)) {
            if (e.getLocalName().equals("ObjectRef")) {
                assertTrue(e.getAttribute("id").startsWith("urn:uuid:"), e.getAttribute("id"));
                continue;
            }
            String status = e.getAttribute("status");
            assertTrue(status.equals(Vocabulary.STATUS_APPROVED) || status.equals(Vocabulary.STATUS_DEPRECATED),
                    () -> e.getLocalName() + " " + e.getAttribute("id") + " has status '" + status + "'");
        }
    }

    /** The value of a uniqueId ExternalIdentifier of an ExtrinsicObject / RegistryPackage, or null. */
    static String uniqueIdOf(Element object) {
        for (Node n = object.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "ExternalIdentifier".equals(e.getLocalName())
                    && UNIQUE_ID_SCHEMES.contains(e.getAttribute("identificationScheme"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }

    /** The values of a direct rim:Slot of an object. */
    static List<String> slotValues(Element object, String name) {
        List<String> out = new ArrayList<>();
        for (Node n = object.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Slot".equals(e.getLocalName()) && name.equals(e.getAttribute("name"))) {
                NodeList values = e.getElementsByTagNameNS(NS_RIM, "Value");
                for (int i = 0; i < values.getLength(); i++) {
                    out.add(values.item(i).getTextContent());
                }
            }
        }
        return out;
    }

    /** The rim:Name value of an object. */
    static String nameOf(Element object) {
        for (Node n = object.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Name".equals(e.getLocalName())) {
                NodeList ls = e.getElementsByTagNameNS(NS_RIM, "LocalizedString");
                return ls.getLength() == 0 ? null : ((Element) ls.item(0)).getAttribute("value");
            }
        }
        return null;
    }

    static List<Element> errors(SoapClient.Response r) {
        List<Element> out = new ArrayList<>();
        NodeList n = r.document().getElementsByTagNameNS(NS_RS, "RegistryError");
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    /**
     * The response is a schema-valid Failure without objects carrying {@code code} with severity Error; every error
     * has a codeContext. Returns the first error with that code.
     */
    static Element assertFailure(SoapClient.Response r, String code) {
        assertFalse(r.isFault(), () -> "unexpected fault: " + r.body());
        assertEquals(200, r.status(), r.body());
        assertSchemaValid(r);
        assertEquals(Vocabulary.RESPONSE_FAILURE, r.bodyElement().getAttribute("status"), r.body());
        assertTrue(objects(r).isEmpty(), () -> "a Failure carries no objects: " + r.body());
        Element found = null;
        for (Element e : errors(r)) {
            assertFalse(e.getAttribute("codeContext").isBlank(), () -> "every error says what is wrong: " + r.body());
            if (found == null && code.equals(e.getAttribute("errorCode"))) {
                found = e;
            }
        }
        assertNotNull(found, () -> "expected " + code + " in " + r.body());
        assertEquals(Vocabulary.SEVERITY_ERROR, found.getAttribute("severity"), r.body());
        return found;
    }

    static String context(Element error) {
        return error.getAttribute("codeContext");
    }
}
