package org.xdsi.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.LocalizedStringType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryErrorList;
import org.xdsi.schema.rs.RegistryResponseType;
import org.xdsi.schema.xdsb.ProvideAndRegisterDocumentSetRequestType;
import org.xdsi.schema.xdsb.RetrieveDocumentSetRequestType;
import org.xdsi.schema.xdsb.RetrieveDocumentSetResponseType;
import org.xdsi.schema.xdsi.RetrieveImagingDocumentSetRequestType;
import org.xml.sax.SAXException;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.annotation.XmlMimeType;

class SchemasTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("iti42-SubmitObjectsRequest.xml", SubmitObjectsRequest.class),
                Arguments.of("iti41-ProvideAndRegisterDocumentSetRequest.xml", ProvideAndRegisterDocumentSetRequestType.class),
                Arguments.of("iti18-AdhocQueryRequest-FindDocuments.xml", AdhocQueryRequest.class),
                Arguments.of("iti18-AdhocQueryResponse-LeafClass.xml", AdhocQueryResponse.class),
                Arguments.of("iti42-RegistryResponse-Failure.xml", RegistryResponseType.class),
                Arguments.of("iti43-RetrieveDocumentSetRequest.xml", RetrieveDocumentSetRequestType.class),
                Arguments.of("iti43-RetrieveDocumentSetResponse.xml", RetrieveDocumentSetResponseType.class),
                Arguments.of("rad69-RetrieveImagingDocumentSetRequest.xml", RetrieveImagingDocumentSetRequestType.class));
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = SchemasTest.class.getResourceAsStream("/samples/" + name)) {
            assertNotNull(in, "missing sample " + name);
            return in.readAllBytes();
        }
    }

    static void assertSimilar(byte[] expected, String actual) {
        Diff diff = DiffBuilder.compare(Input.fromByteArray(expected))
                .withTest(Input.fromString(actual))
                .ignoreComments()
                .ignoreWhitespace()
                .checkForSimilar()
                .build();
        assertFalse(diff.hasDifferences(), () -> diff.toString() + "\n" + actual);
    }

    // ------------------------------------------------------------------ samples

    @ParameterizedTest(name = "{0} is schema-valid")
    @MethodSource("samples")
    void sampleValidates(String name, Class<?> type) throws Exception {
        Schemas.validate(new StreamSource(new ByteArrayInputStream(sample(name)), name));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("samples")
    void sampleRoundTrips(String name, Class<?> type) throws Exception {
        byte[] xml = sample(name);
        Object value = Schemas.unmarshal(new ByteArrayInputStream(xml), type);
        assertInstanceOf(type, value);
        String out = Schemas.marshal(value);
        assertFalse(out.startsWith("<?xml"), "no XML declaration expected");
        assertSimilar(xml, out);
        Schemas.validate(new StreamSource(new StringReader(out)));
        // untyped unmarshal gives the same result
        Object any = Schemas.unmarshal(new StreamSource(new ByteArrayInputStream(xml)));
        assertSimilar(xml, Schemas.marshal(any));
    }

    @ParameterizedTest(name = "{0} unmarshals with validation")
    @MethodSource("samples")
    void sampleUnmarshalValidated(String name, Class<?> type) throws Exception {
        assertInstanceOf(type, Schemas.unmarshalValidated(new StreamSource(new ByteArrayInputStream(sample(name))), type));
    }

    // ------------------------------------------------------------------ content checks

    @Test
    void iti42ContentIsBoundAsExpected() throws Exception {
        SubmitObjectsRequest req = Schemas.unmarshal(new ByteArrayInputStream(sample("iti42-SubmitObjectsRequest.xml")),
                SubmitObjectsRequest.class);
        List<JAXBElement<? extends IdentifiableType>> objects = req.getRegistryObjectList().getIdentifiable();
        assertEquals(9, objects.size());
        ExtrinsicObjectType doc = (ExtrinsicObjectType) objects.get(0).getValue();
        assertEquals("Document01", doc.getId());
        assertEquals("text/xml", doc.getMimeType());
        assertEquals("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1", doc.getObjectType());
        assertEquals(9, doc.getClassification().size());
        assertEquals(2, doc.getExternalIdentifier().size());
        assertEquals("1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", doc.getExternalIdentifier().get(0).getValue());
        SlotType1 sourcePatientInfo = doc.getSlot().stream().filter(s -> s.getName().equals("sourcePatientInfo"))
                .findFirst().orElseThrow();
        assertEquals(5, sourcePatientInfo.getValueList().getValue().size());
        LocalizedStringType title = doc.getName().getLocalizedString().get(0);
        assertEquals("en-US", title.getLang());
        assertEquals("Discharge Summary", title.getValue());

        assertEquals("SubmissionSet01", ((RegistryPackageType) objects.get(1).getValue()).getId());
        assertEquals("RegistryPackage", objects.get(1).getName().getLocalPart());
        AssociationType1 hasMember = (AssociationType1) objects.get(5).getValue();
        assertEquals("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember", hasMember.getAssociationType());
        assertEquals("SubmissionSet01", hasMember.getSourceObject());
        assertEquals("Document01", hasMember.getTargetObject());
        // defaults from the schema
        assertFalse(doc.isIsOpaque());
        assertEquals("UTF-8", doc.getClassification().get(1).getName().getLocalizedString().get(0).getCharset());
    }

    @Test
    void documentIsBoundToDataHandler() throws Exception {
        var valueField = ProvideAndRegisterDocumentSetRequestType.Document.class.getDeclaredField("value");
        assertSame(DataHandler.class, valueField.getType());
        assertNotNull(valueField.getAnnotation(XmlMimeType.class));
        assertSame(DataHandler.class,
                ProvideAndRegisterDocumentSetRequestType.Document.class.getMethod("getValue").getReturnType());
        assertSame(DataHandler.class,
                RetrieveDocumentSetResponseType.DocumentResponse.class.getMethod("getDocument").getReturnType());
        assertSame(DataHandler.class, org.xdsi.schema.xdsb.ObjectFactory.class
                .getMethod("createDocument", DataHandler.class).getParameterTypes()[0]);
    }

    @Test
    void iti41DocumentBytesMatchHashAndSize() throws Exception {
        ProvideAndRegisterDocumentSetRequestType req = Schemas.unmarshal(
                new ByteArrayInputStream(sample("iti41-ProvideAndRegisterDocumentSetRequest.xml")),
                ProvideAndRegisterDocumentSetRequestType.class);
        assertEquals(1, req.getDocument().size());
        ProvideAndRegisterDocumentSetRequestType.Document document = req.getDocument().get(0);
        assertEquals("Document01", document.getId());
        byte[] bytes;
        try (InputStream in = document.getValue().getInputStream()) {
            bytes = in.readAllBytes();
        }
        ExtrinsicObjectType eo = (ExtrinsicObjectType) req.getSubmitObjectsRequest().getRegistryObjectList()
                .getIdentifiable().get(0).getValue();
        String hash = slot(eo, "hash");
        String size = slot(eo, "size");
        assertEquals(hash, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
        assertEquals(Integer.parseInt(size), bytes.length);
    }

    private static String slot(ExtrinsicObjectType eo, String name) {
        return eo.getSlot().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow()
                .getValueList().getValue().get(0);
    }

    @Test
    void rad69StructureIsBound() throws Exception {
        RetrieveImagingDocumentSetRequestType req = Schemas.unmarshal(
                new ByteArrayInputStream(sample("rad69-RetrieveImagingDocumentSetRequest.xml")),
                RetrieveImagingDocumentSetRequestType.class);
        RetrieveImagingDocumentSetRequestType.StudyRequest study = req.getStudyRequest().get(0);
        assertEquals("1.3.6.1.4.1.21367.201599.1.201604020954048", study.getStudyInstanceUID());
        assertEquals(2, study.getSeriesRequest().size());
        RetrieveImagingDocumentSetRequestType.StudyRequest.SeriesRequest series = study.getSeriesRequest().get(0);
        assertInstanceOf(RetrieveDocumentSetRequestType.class, series);
        assertEquals("1.3.6.1.4.1.21367.201599.2.201604020954048", series.getSeriesInstanceUID());
        assertEquals("1.3.6.1.4.1.21367.201599.3.201604020954048.2", series.getDocumentRequest().get(1).getDocumentUniqueId());
        assertEquals(List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.4.70"),
                req.getTransferSyntaxUIDList().getTransferSyntaxUID());
    }

    // ------------------------------------------------------------------ marshalling built objects

    @Test
    void marshalsRegistryResponseWithStandardPrefixes() throws Exception {
        RegistryResponseType response = new RegistryResponseType();
        response.setStatus("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
        RegistryErrorList errors = new RegistryErrorList();
        RegistryError error = new RegistryError();
        error.setErrorCode("XDSRegistryError");
        error.setCodeContext("something failed");
        error.setSeverity("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
        errors.getRegistryError().add(error);
        response.setRegistryErrorList(errors);

        String viaFactory = Schemas.marshal(new org.xdsi.schema.rs.ObjectFactory().createRegistryResponse(response));
        String autoWrapped = Schemas.marshal(response);
        assertEquals(viaFactory, autoWrapped);
        assertTrue(autoWrapped.startsWith("<rs:RegistryResponse "), autoWrapped);
        assertTrue(autoWrapped.contains("<rs:RegistryError "), autoWrapped);
        assertFalse(autoWrapped.contains("\n"), "not formatted");
        Schemas.validate(new StreamSource(new StringReader(autoWrapped)));
    }

    @Test
    void marshalsDataHandlerInline() throws Exception {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        RegistryResponseType rr = new RegistryResponseType();
        rr.setStatus("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
        response.setRegistryResponse(rr);
        RetrieveDocumentSetResponseType.DocumentResponse dr = new RetrieveDocumentSetResponseType.DocumentResponse();
        dr.setRepositoryUniqueId("1.3.6.1.4.1.21367.2010.1.2.1125");
        dr.setDocumentUniqueId("1.2.3");
        dr.setMimeType("text/plain");
        dr.setDocument(new DataHandler(new jakarta.activation.DataSource() {
            public InputStream getInputStream() { return new ByteArrayInputStream(bytes); }
            public java.io.OutputStream getOutputStream() { throw new UnsupportedOperationException(); }
            public String getContentType() { return "application/octet-stream"; }
            public String getName() { return "doc"; }
        }));
        response.getDocumentResponse().add(dr);
        String xml = Schemas.marshal(response);
        assertTrue(xml.startsWith("<xdsb:RetrieveDocumentSetResponse "), xml);
        assertTrue(xml.contains("<xdsb:Document>aGVsbG8=</xdsb:Document>"), xml);
        Schemas.validate(new StreamSource(new StringReader(xml)));
        RetrieveDocumentSetResponseType back = Schemas.unmarshal(xml, RetrieveDocumentSetResponseType.class);
        try (InputStream in = back.getDocumentResponse().get(0).getDocument().getInputStream()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void marshalRejectsUnknownNonElementType() {
        assertThrows(IllegalArgumentException.class, () -> Schemas.marshal(new org.xdsi.schema.rim.SlotType1()));
    }

    // ------------------------------------------------------------------ validation failures

    @Test
    void invalidDocumentIsRejected() {
        String missingStatus = "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\"/>";
        assertThrows(SAXException.class, () -> Schemas.validate(new StreamSource(new StringReader(missingStatus))));
        String unknownElement = "<rim:Foo xmlns:rim=\"" + Schemas.NS_RIM + "\"/>";
        assertThrows(SAXException.class, () -> Schemas.validate(new StreamSource(new StringReader(unknownElement))));
        String tooLong = "<rim:Value xmlns:rim=\"" + Schemas.NS_RIM + "\">" + "x".repeat(257) + "</rim:Value>";
        assertThrows(SAXException.class, () -> Schemas.validate(new StreamSource(new StringReader(tooLong))));
    }

    // ------------------------------------------------------------------ hardening

    static final String XXE = "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE rs:RegistryResponse [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\"&xxe;\"/>";

    static final String BILLION_LAUGHS;
    static {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        sb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<rs:RegistryResponse xmlns:rs=\"").append(Schemas.NS_RS)
                .append("\" status=\"urn:x\"><rs:ResponseSlotList><rim:Slot xmlns:rim=\"").append(Schemas.NS_RIM)
                .append("\" name=\"&lol9;\"><rim:ValueList/></rim:Slot></rs:ResponseSlotList></rs:RegistryResponse>");
        BILLION_LAUGHS = sb.toString();
    }

    @Test
    void externalEntityIsRejected() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(XXE, RegistryResponseType.class));
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(
                    new ByteArrayInputStream(XXE.getBytes(StandardCharsets.UTF_8)), RegistryResponseType.class));
            assertThrows(SAXException.class, () -> Schemas.validate(new StreamSource(new StringReader(XXE))));
        });
    }

    @Test
    void billionLaughsIsRejectedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(BILLION_LAUGHS, RegistryResponseType.class));
            assertThrows(SAXException.class, () -> Schemas.validate(new StreamSource(new StringReader(BILLION_LAUGHS))));
        });
    }

    @Test
    void secureFactoriesRejectDoctype() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(SAXException.class, () -> Schemas.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8))));
            assertThrows(SAXException.class, () -> Schemas.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(XXE.getBytes(StandardCharsets.UTF_8))));
            // StAX sources: the DOCTYPE is rejected as well
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(new StAXSource(Schemas.secureInputFactory()
                    .createXMLStreamReader(new StringReader(BILLION_LAUGHS))), RegistryResponseType.class));
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(new StAXSource(Schemas.secureInputFactory()
                    .createXMLStreamReader(new StringReader(XXE))), RegistryResponseType.class));
            assertThrows(JAXBException.class, () -> Schemas.unmarshal(new StAXSource(Schemas.secureInputFactory()
                    .createXMLStreamReader(new StringReader(XXE)))));
        });
    }

    // ------------------------------------------------------------------ context / schema caching, WSDLs

    @Test
    void unmarshalsFromSecureStaxReader() throws Exception {
        XMLStreamReader reader = Schemas.secureInputFactory().createXMLStreamReader(
                new ByteArrayInputStream(sample("iti42-RegistryResponse-Failure.xml")));
        RegistryResponseType response = Schemas.unmarshal(new StAXSource(reader), RegistryResponseType.class);
        assertEquals(2, response.getRegistryErrorList().getRegistryError().size());
    }

    @Test
    void contextAndSchemaAreCached() {
        assertSame(Schemas.context(), Schemas.context());
        assertSame(Schemas.schema(), Schemas.schema());
    }

    @Test
    void wsdlsAreShippedAndTheirSchemaImportsResolve() throws Exception {
        for (String name : List.of("DocumentRegistry.wsdl", "DocumentRepository.wsdl", "ImagingDocumentSource.wsdl")) {
            URL wsdl = Schemas.wsdlUrl(name);
            assertNotNull(wsdl, name);
            org.w3c.dom.Document doc = Schemas.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(wsdl.openStream(), wsdl.toExternalForm());
            var imports = doc.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "import");
            assertTrue(imports.getLength() > 0, name);
            for (int i = 0; i < imports.getLength(); i++) {
                String location = ((org.w3c.dom.Element) imports.item(i)).getAttribute("schemaLocation");
                assertTrue(location.startsWith("../xsd/"), location);
                URL xsd = new URL(wsdl, location);
                try (InputStream in = xsd.openStream()) {
                    assertTrue(in.read() >= 0, xsd.toString());
                }
            }
            assertEquals(1, doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "service").getLength());
        }
    }
}
