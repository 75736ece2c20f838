package org.xdsi.metadata.ebrim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBElement;
import java.io.InputStream;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.Author;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.InternationalStringType;
import org.xdsi.schema.rim.ObjectFactory;
import org.xdsi.schema.rim.ObjectRefType;
import org.xdsi.schema.rim.RegistryObjectListType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

class EbrimReaderTest {
    static final String PID = "1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
    static final ObjectFactory RIM = new ObjectFactory();

    static SubmitObjectsRequest sample() throws Exception {
        try (InputStream in = EbrimReaderTest.class.getResourceAsStream("/samples/iti42-SubmitObjectsRequest.xml")) {
            assertNotNull(in, "sample on the test classpath");
            return Schemas.unmarshal(in, SubmitObjectsRequest.class);
        }
    }

    static List<IdentifiableType> objects(SubmitObjectsRequest r) {
        return r.getRegistryObjectList().getIdentifiable().stream().map(JAXBElement::getValue)
                .map(IdentifiableType.class::cast).toList();
    }

    static <T> T find(SubmitObjectsRequest r, Class<T> type, String id) {
        return objects(r).stream().filter(type::isInstance).filter(o -> id.equals(o.getId())).map(type::cast)
                .findFirst().orElseThrow();
    }

    static ClassificationType topLevelClassificationOf(SubmitObjectsRequest r, String id) {
        return objects(r).stream().filter(o -> o instanceof ClassificationType c && id.equals(c.getClassifiedObject()))
                .map(ClassificationType.class::cast).findFirst().orElseThrow();
    }

    static void removeTopLevel(SubmitObjectsRequest r, IdentifiableType o) {
        assertTrue(r.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue() == o));
    }

    static XdsError onlyError(ErrorCollector errors) {
        assertEquals(1, errors.all().size(), errors.all().toString());
        XdsError e = errors.all().get(0);
        assertEquals(ErrorCode.XDSRegistryMetadataError, e.code());
        return e;
    }

    @Test
    void readsTheSample() throws Exception {
        ErrorCollector errors = new ErrorCollector();
        Submission s = EbrimReader.read(sample(), errors);
        assertEquals(List.of(), errors.all());
        assertEquals(1, s.submissionSets().size());
        assertEquals(1, s.documents().size());
        assertEquals(1, s.folders().size());
        assertEquals(4, s.associations().size());

        DocumentEntry d = s.documents().get(0);
        assertEquals("Document01", d.entryUuid());
        assertEquals(Vocabulary.STABLE_DOCUMENT, d.objectType());
        assertEquals("text/xml", d.mimeType());
        assertEquals(List.of(PID), d.patientIds());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2.300.20240315101500.1", d.uniqueId());
        assertEquals("Discharge Summary", d.title());
        assertEquals("Discharge summary after cardiology admission", d.comments());
        assertEquals(List.of(new Code("18842-5", "2.16.840.1.113883.6.1", "Discharge summary")), d.classCodes());
        assertEquals(List.of(new Code("N", "2.16.840.1.113883.5.25", "normal")), d.confidentialityCodes());
        assertEquals(List.of(new Code("T-32000", "SNM3", "Heart"),
                new Code("I21.9", "2.16.840.1.113883.6.3", "Acute myocardial infarction, unspecified")), d.eventCodes());
        assertEquals("urn:ihe:pcc:xds-ms:2007", d.formatCodes().get(0).code());
        assertEquals("22232009", d.healthcareFacilityTypeCodes().get(0).code());
        assertEquals("394579002", d.practiceSettingCodes().get(0).code());
        assertEquals("18842-5", d.typeCodes().get(0).code());
        assertEquals(1, d.authors().size());
        Author a = d.authors().get(0);
        assertEquals("7934^Smitty^Gerald^^^Dr^^^&1.3.6.1.4.1.21367.2005.3.7&ISO", a.person());
        assertEquals(2, a.institutions().size());
        assertEquals(List.of("Attending"), a.roles());
        assertEquals(List.of("Cardiology"), a.specialties());
        assertEquals(List.of("^^Internet^gerald.smitty@clevelandclinic.example.org"), a.telecommunications());
        assertEquals("20240315101500", d.creationTime());
        assertEquals("7c196f11f35b2a52d5edb9a7d79d55448fcd3da8", d.hash());
        assertEquals("92", d.size());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2.1125", d.repositoryUniqueId());
        List<String> info = d.slots().all(Vocabulary.SLOT_SOURCE_PATIENT_INFO);
        assertEquals(5, info.size());
        assertEquals("PID-3|89765a87b^^^&1.3.6.1.4.1.21367.2005.3.7&ISO", info.get(0));
        assertEquals("PID-11|100 Main St^^Metropolis^Il^44130^USA", info.get(4));
        assertEquals(List.of("creationTime", "hash", "languageCode", "legalAuthenticator", "repositoryUniqueId",
                "serviceStartTime", "serviceStopTime", "size", "sourcePatientId", "sourcePatientInfo"),
                List.copyOf(d.slots().values().keySet()), "slots in submission order");

        SubmissionSet ss = s.submissionSet();
        assertEquals("SubmissionSet01", ss.entryUuid());
        assertEquals(PID, ss.patientId());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2", ss.sourceId());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.2", ss.uniqueId());
        assertEquals("20240315102000", ss.submissionTime());
        assertEquals(List.of(new Code("34133-9", "2.16.840.1.113883.6.1", "Summarization of episode note")),
                ss.contentTypeCodes());
        assertEquals(1, ss.authors().size());

        Folder f = s.folders().get(0);
        assertEquals("Folder01", f.entryUuid());
        assertEquals("Cardiology episode 2024-03", f.title());
        assertEquals(PID, f.patientId());
        assertEquals("1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.3", f.uniqueId());
        assertEquals(List.of(new Code("394579002", "2.16.840.1.113883.6.96", "Cardiology")), f.codes());

        Association ssde = s.associations().get(0);
        assertEquals(Vocabulary.HAS_MEMBER, ssde.type());
        assertEquals("SubmissionSet01", ssde.sourceObject());
        assertEquals("Document01", ssde.targetObject());
        assertEquals("Original", ssde.submissionSetStatus());
        assertEquals("Association03", s.associations().get(3).targetObject());
        assertNull(s.associations().get(1).submissionSetStatus());
    }

    @Test
    void acceptsPackageClassificationsInsideThePackage() throws Exception {
        SubmitObjectsRequest r = sample();
        for (String id : List.of("SubmissionSet01", "Folder01")) {
            ClassificationType c = topLevelClassificationOf(r, id);
            removeTopLevel(r, c);
            find(r, RegistryPackageType.class, id).getClassification().add(c);
        }
        ErrorCollector errors = new ErrorCollector();
        Submission s = EbrimReader.read(r, errors);
        assertEquals(List.of(), errors.all());
        assertEquals("SubmissionSet01", s.submissionSet().entryUuid());
        assertEquals("Folder01", s.folders().get(0).entryUuid());
    }

    @Test
    void unclassifiedPackageIsAnError() throws Exception {
        SubmitObjectsRequest r = sample();
        removeTopLevel(r, topLevelClassificationOf(r, "Folder01"));
        ErrorCollector errors = new ErrorCollector();
        Submission s = EbrimReader.read(r, errors);
        XdsError e = onlyError(errors);
        assertEquals("Folder01", e.location());
        assertTrue(e.codeContext().contains("Folder01"), e.codeContext());
        assertTrue(s.folders().isEmpty());
        assertEquals(1, s.submissionSets().size());
    }

    @Test
    void packageClassifiedBothWaysIsAnError() throws Exception {
        SubmitObjectsRequest r = sample();
        ClassificationType c = new ClassificationType();
        c.setId("urn:uuid:0e5e8c2a-0000-4000-8000-000000000001");
        c.setClassifiedObject("Folder01");
        c.setClassificationNode(Vocabulary.SUBMISSION_SET_NODE);
        find(r, RegistryPackageType.class, "Folder01").getClassification().add(c);
        ErrorCollector errors = new ErrorCollector();
        Submission s = EbrimReader.read(r, errors);
        XdsError e = onlyError(errors);
        assertEquals("Folder01", e.location());
        assertTrue(e.codeContext().contains("both"), e.codeContext());
        assertEquals(1, s.submissionSets().size());
    }

    @Test
    void topLevelClassificationOfSomethingElseIsAnError() throws Exception {
        SubmitObjectsRequest r = sample();
        ClassificationType c = new ClassificationType();
        c.setId("StrayClassification");
        c.setClassifiedObject("Document01");
        c.setClassificationNode(Vocabulary.FOLDER_NODE);
        r.getRegistryObjectList().getIdentifiable().add(RIM.createClassification(c));
        ErrorCollector errors = new ErrorCollector();
        EbrimReader.read(r, errors);
        XdsError e = onlyError(errors);
        assertEquals("StrayClassification", e.location());
        assertTrue(e.codeContext().contains("Document01"), e.codeContext());
    }

    @Test
    void objectRefIsIgnoredOtherObjectsAreErrors() throws Exception {
        SubmitObjectsRequest r = sample();
        ObjectRefType ref = new ObjectRefType();
        ref.setId("urn:uuid:0e5e8c2a-0000-4000-8000-000000000002");
        r.getRegistryObjectList().getIdentifiable().add(RIM.createObjectRef(ref));
        ExternalIdentifierType stray = new ExternalIdentifierType();
        stray.setId("StrayIdentifier");
        r.getRegistryObjectList().getIdentifiable().add(RIM.createExternalIdentifier(stray));
        ErrorCollector errors = new ErrorCollector();
        Submission s = EbrimReader.read(r, errors);
        XdsError e = onlyError(errors);
        assertEquals("StrayIdentifier", e.location());
        assertTrue(e.codeContext().contains("ExternalIdentifier StrayIdentifier"), e.codeContext());
        assertEquals(1, s.documents().size());
    }

    @Test
    void neverThrowsOnOddInput() {
        ErrorCollector errors = new ErrorCollector();
        Submission none = EbrimReader.read(null, errors);
        assertTrue(none.documents().isEmpty());
        assertEquals(1, errors.all().size());
        EbrimReader.read(new SubmitObjectsRequest(), new ErrorCollector());

        SubmitObjectsRequest r = new SubmitObjectsRequest();
        RegistryObjectListType list = new RegistryObjectListType();
        r.setRegistryObjectList(list);
        list.getIdentifiable().add(null);
        list.getIdentifiable().add(new JAXBElement<>(new QName("x"), IdentifiableType.class, null));
        ExtrinsicObjectType bare = new ExtrinsicObjectType();
        bare.getSlot().add(null);
        bare.getSlot().add(new SlotType1());
        SlotType1 noValues = new SlotType1();
        noValues.setName("noValues");
        bare.getSlot().add(noValues);
        SlotType1 nullValue = new SlotType1();
        nullValue.setName("nullValue");
        nullValue.setValueList(new ValueListType());
        nullValue.getValueList().getValue().add(null);
        bare.getSlot().add(nullValue);
        bare.getClassification().add(null);
        bare.getClassification().add(new ClassificationType());
        ClassificationType code = new ClassificationType();
        code.setClassificationScheme(Vocabulary.DE_CLASS_CODE);
        code.setName(new InternationalStringType());
        code.getName().getLocalizedString().add(null);
        bare.getClassification().add(code);
        bare.getExternalIdentifier().add(null);
        bare.getExternalIdentifier().add(new ExternalIdentifierType());
        bare.setName(new InternationalStringType());
        list.getIdentifiable().add(RIM.createExtrinsicObject(bare));
        list.getIdentifiable().add(RIM.createRegistryPackage(new RegistryPackageType()));
        list.getIdentifiable().add(RIM.createAssociation(new AssociationType1()));
        list.getIdentifiable().add(RIM.createClassification(new ClassificationType()));
        list.getIdentifiable().add(RIM.createObjectRef(new ObjectRefType()));

        ErrorCollector odd = new ErrorCollector();
        Submission s = EbrimReader.read(r, odd);
        assertEquals(1, s.documents().size());
        DocumentEntry d = s.documents().get(0);
        assertNull(d.entryUuid());
        assertNull(d.title());
        assertEquals(List.of(new Code(null, null, null)), d.classCodes());
        assertEquals(List.of(), d.slots().all("noValues"));
        assertEquals(List.of(), d.slots().all("nullValue"));
        assertEquals(1, s.associations().size());
        assertEquals(2, odd.all().size(), odd.all().toString()); // unclassified package, stray classification

        assertNull(EbrimReader.readDocumentEntry(null).entryUuid());
        assertNull(EbrimReader.readSubmissionSet(null).entryUuid());
        assertNull(EbrimReader.readFolder(null).entryUuid());
        assertNull(EbrimReader.readAssociation(null).type());
    }
}
