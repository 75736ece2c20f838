package org.xdsi.registry.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.model.Code;
import org.xdsi.metadata.model.Submission;
import org.xdsi.registry.register.RegistryLookup.Kind;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExtrinsicObjectType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.InternationalStringType;
import org.xdsi.schema.rim.LocalizedStringType;
import org.xdsi.schema.rim.RegistryObjectType;
import org.xdsi.schema.rim.RegistryPackageType;
import org.xdsi.schema.rim.SlotType1;
import org.xdsi.schema.rim.ValueListType;

class SubmissionValidatorTest {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.999";
    static final String REPOSITORY = "1.3.6.1.4.1.21367.13.50.1";
    static final String PID = "P1^^^&" + DOMAIN + "&ISO";
    static final String OTHER_PID = "P2^^^&" + DOMAIN + "&ISO";
    static final String HASH = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    static final String OLD_DOC = "urn:uuid:11111111-1111-4111-8111-111111111111";
    static final String OLD_DEPRECATED = "urn:uuid:22222222-2222-4222-8222-222222222222";
    static final String OLD_OTHER_PATIENT = "urn:uuid:33333333-3333-4333-8333-333333333333";
    static final String OLD_ON_DEMAND = "urn:uuid:44444444-4444-4444-8444-444444444444";
    static final String OLD_FOLDER = "urn:uuid:55555555-5555-4555-8555-555555555555";
    static final String OLD_DEPRECATED_FOLDER = "urn:uuid:66666666-6666-4666-8666-666666666666";
    static final String OLD_SUBMISSION_SET = "urn:uuid:77777777-7777-4777-8777-777777777777";
    static final String UNKNOWN = "urn:uuid:99999999-9999-4999-8999-999999999999";

    FakeRegistryLookup registry;
    SubmissionValidator validator;

    @BeforeEach
    void setUp() {
        registry = new FakeRegistryLookup().patient(PID).patient(OTHER_PID)
                .document(OLD_DOC, "1.2.3.100", PID, HASH, 1234, true, false)
                .document(OLD_DEPRECATED, "1.2.3.101", PID, HASH, 1234, false, false)
                .document(OLD_OTHER_PATIENT, "1.2.3.102", OTHER_PID, HASH, 1234, true, false)
                .document(OLD_ON_DEMAND, "1.2.3.103", PID, null, 0, true, true)
                .object(OLD_FOLDER, Kind.FOLDER, PID, true)
                .object(OLD_DEPRECATED_FOLDER, Kind.FOLDER, PID, false)
                .object(OLD_SUBMISSION_SET, Kind.SUBMISSION_SET, PID, true);
        validator = new SubmissionValidator(DOMAIN, CodeLists.NONE);
    }

    // ------------------------------------------------------------------ helpers

    static SubmissionBuilder submission(String pid) {
        return new SubmissionBuilder(pid, SOURCE_ID).author("^Welby^Marcus^^^Dr", "Some Hospital^^^^^^^^^1.2.3.4.5");
    }

    static DocumentEntryBuilder document(SubmissionBuilder b) {
        return b.addDocument().hashAndSize(HASH, 1234).repositoryUniqueId(REPOSITORY);
    }

    /** A submission with one document (Document1). */
    static SubmissionBuilder simple() {
        SubmissionBuilder b = submission(PID);
        document(b);
        return b;
    }

    List<XdsError> validate(SubmitObjectsRequest request) {
        ErrorCollector read = new ErrorCollector();
        Submission s = EbrimReader.read(request, read);
        assertEquals(List.of(), read.all(), "reader errors");
        ErrorCollector errors = new ErrorCollector();
        validator.validate(s, registry, errors);
        return errors.all();
    }

    List<XdsError> validate(SubmissionBuilder b) {
        return validate(b.build());
    }

    /** Asserts exactly one error with this code, whose codeContext contains every fragment; returns it. */
    static XdsError single(List<XdsError> errors, ErrorCode code, String... fragments) {
        List<XdsError> matching = errors.stream().filter(e -> e.code() == code).toList();
        assertEquals(1, matching.size(), "expected one " + code + " in " + describe(errors));
        XdsError e = matching.get(0);
        for (String f : fragments) {
            assertTrue(e.codeContext().contains(f), "codeContext '" + e.codeContext() + "' should mention " + f);
        }
        assertTrue(e.isError());
        return e;
    }

    /** Asserts the errors are exactly one, with this code and these fragments, at this location. */
    static void only(List<XdsError> errors, ErrorCode code, String location, String... fragments) {
        assertEquals(1, errors.size(), "expected exactly one error, got " + describe(errors));
        XdsError e = single(errors, code, fragments);
        if (location != null) {
            assertEquals(location, e.location());
        }
    }

    static String describe(List<XdsError> errors) {
        return errors.stream().map(e -> e.code() + " @" + e.location() + ": " + e.codeContext())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    static <T extends IdentifiableType> T object(SubmitObjectsRequest r, Class<T> type, String id) {
        return r.getRegistryObjectList().getIdentifiable().stream().map(JAXBElement::getValue)
                .filter(type::isInstance).map(type::cast).filter(o -> id.equals(o.getId())).findFirst()
                .orElseThrow();
    }

    static ExtrinsicObjectType doc(SubmitObjectsRequest r) {
        return object(r, ExtrinsicObjectType.class, "Document1");
    }

    static RegistryPackageType ss(SubmitObjectsRequest r) {
        return object(r, RegistryPackageType.class, "SubmissionSet");
    }

    static void addSlot(RegistryObjectType o, String name, String... values) {
        SlotType1 s = new SlotType1();
        s.setName(name);
        ValueListType v = new ValueListType();
        v.getValue().addAll(Arrays.asList(values));
        s.setValueList(v);
        o.getSlot().add(s);
    }

    static InternationalStringType name(String value) {
        InternationalStringType n = new InternationalStringType();
        LocalizedStringType l = new LocalizedStringType();
        l.setValue(value);
        n.getLocalizedString().add(l);
        return n;
    }

    static void setSlot(RegistryObjectType o, String name, String... values) {
        o.getSlot().removeIf(s -> name.equals(s.getName()));
        addSlot(o, name, values);
    }

    static void removeAssociation(SubmitObjectsRequest r, String source, String target) {
        boolean removed = r.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue() instanceof AssociationType1 a
                && source.equals(a.getSourceObject()) && target.equals(a.getTargetObject()));
        assertTrue(removed);
    }

    static AssociationType1 association(SubmitObjectsRequest r, String source, String target) {
        return r.getRegistryObjectList().getIdentifiable().stream().map(JAXBElement::getValue)
                .filter(v -> v instanceof AssociationType1 a && source.equals(a.getSourceObject())
                        && target.equals(a.getTargetObject()))
                .map(AssociationType1.class::cast).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ clean

    @Test
    void cleanSubmissionHasNoErrors() {
        SubmissionBuilder b = submission(PID);
        DocumentEntryBuilder d1 = document(b).serviceTime("20240101", "20240101").referenceId(
                "2013001^^^&1.2.3.4.5.6&ISO^urn:ihe:iti:xds:2013:accession").eventCode(
                new Code("CT", "1.2.840.10008.2.16.4", "CT"));
        DocumentEntryBuilder d2 = document(b);
        String folder = b.addFolder("Imaging", new Code("F1", "1.2.3", "Folder code"));
        b.addToFolder(folder, d1.id()).addToFolder(OLD_FOLDER, d2.id()).addToFolder(folder, OLD_DOC);
        b.relate(Vocabulary.RPLC, d1.id(), OLD_DOC);
        b.relate(Vocabulary.APND, d2.id(), d1.id());
        b.reference(OLD_DOC);
        SubmitObjectsRequest r = b.build();
        addSlot(doc(r), "urn:example:extra", "kept");
        addSlot(doc(r), Vocabulary.SLOT_LEGAL_AUTHENTICATOR, "11375^Welby^Marcus^J^Jr. MD^Dr^^^&2.999.6.197&ISO");
        assertEquals(List.of(), validate(r), describe(validate(r)));
    }

    @Test
    void codeListsAcceptListedValues() throws IOException {
        validator = new SubmissionValidator(DOMAIN, CodeLists.parse("""
                classCode = 18748-4^^2.16.840.1.113883.6.1
                mimeType = application/pdf
                """));
        assertEquals(List.of(), validate(simple()));
    }

    @Test
    void registryIsOnlyAskedAboutUuids() {
        SubmissionBuilder b = submission(PID);
        DocumentEntryBuilder d1 = document(b);
        b.relate(Vocabulary.APND, d1.id(), "SomeSymbol");
        List<XdsError> errors = validate(b); // the fake throws on a non-UUID lookup
        only(errors, ErrorCode.UnresolvedReferenceException, null, "SomeSymbol");
        assertTrue(registry.lookedUp.isEmpty(), registry.lookedUp.toString());
    }

    // ------------------------------------------------------------------ structure

    @Test
    void noSubmissionSet() {
        SubmitObjectsRequest r = simple().build();
        r.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue() instanceof RegistryPackageType);
        r.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue() instanceof AssociationType1);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, null, "no SubmissionSet");
    }

    @Test
    void twoSubmissionSets() {
        SubmitObjectsRequest r = simple().build();
        SubmitObjectsRequest other = submission(PID).build();
        RegistryPackageType second = ss(other);
        second.setId("SubmissionSet2");
        second.getClassification().forEach(c -> c.setClassifiedObject("SubmissionSet2"));
        r.getRegistryObjectList().getIdentifiable().add(new org.xdsi.schema.rim.ObjectFactory().createRegistryPackage(second));
        only(validate(r), ErrorCode.XDSRegistryMetadataError, null, "SubmissionSet2", "exactly one");
    }

    @Test
    void onDemandEntryRejected() {
        SubmitObjectsRequest r = simple().build();
        doc(r).setObjectType(Vocabulary.ON_DEMAND_DOCUMENT);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", Vocabulary.ON_DEMAND_DOCUMENT, "Stable");
    }

    static Stream<Arguments> missingDocumentAttributes() {
        return Stream.of(
                Arguments.of("classCode", (Consumer<DocumentEntryBuilder>) d -> d.classCode(null)),
                Arguments.of("typeCode", (Consumer<DocumentEntryBuilder>) d -> d.typeCode(null)),
                Arguments.of("formatCode", (Consumer<DocumentEntryBuilder>) d -> d.formatCode(null)),
                Arguments.of("healthcareFacilityTypeCode", (Consumer<DocumentEntryBuilder>) d -> d.healthcareFacilityTypeCode(null)),
                Arguments.of("practiceSettingCode", (Consumer<DocumentEntryBuilder>) d -> d.practiceSettingCode(null)),
                Arguments.of("confidentialityCode", (Consumer<DocumentEntryBuilder>) d -> d.confidentialityCodes()),
                Arguments.of("creationTime", (Consumer<DocumentEntryBuilder>) d -> d.creationTime(null)),
                Arguments.of("languageCode", (Consumer<DocumentEntryBuilder>) d -> d.languageCode(null)),
                Arguments.of("mimeType", (Consumer<DocumentEntryBuilder>) d -> d.mimeType("")),
                Arguments.of("sourcePatientId", (Consumer<DocumentEntryBuilder>) d -> d.sourcePatientId(null)),
                Arguments.of("uniqueId", (Consumer<DocumentEntryBuilder>) d -> d.uniqueId(null)),
                Arguments.of("repositoryUniqueId", (Consumer<DocumentEntryBuilder>) d -> d.repositoryUniqueId(null)));
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("missingDocumentAttributes")
    void requiredDocumentAttribute(String attribute, Consumer<DocumentEntryBuilder> mutation) {
        SubmissionBuilder b = submission(PID);
        mutation.accept(document(b));
        only(validate(b), ErrorCode.XDSRegistryMetadataError, "Document1", attribute, "missing");
    }

    @Test
    void mimeTypeAttributeAbsentFromTheMessage() throws JAXBException {
        String xml = Schemas.marshal(simple().build()).replaceFirst(" mimeType=\"[^\"]*\"", "");
        SubmitObjectsRequest r = Schemas.unmarshal(xml, SubmitObjectsRequest.class);
        assertEquals("application/octet-stream", doc(r).getMimeType(), "the ebRIM default the getter answers");
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "mimeType", "missing");
    }

    @Test
    void missingHashAndSizeAndPatientId() {
        SubmitObjectsRequest r = simple().build();
        doc(r).getSlot().removeIf(s -> Vocabulary.SLOT_HASH.equals(s.getName()) || Vocabulary.SLOT_SIZE.equals(s.getName()));
        doc(r).getExternalIdentifier().removeIf(i -> Vocabulary.DE_PATIENT_ID.equals(i.getIdentificationScheme()));
        List<XdsError> errors = validate(r);
        assertEquals(3, errors.size(), describe(errors));
        for (String a : List.of("hash", "size", "patientId")) {
            assertTrue(errors.stream().anyMatch(e -> e.code() == ErrorCode.XDSRegistryMetadataError
                    && e.codeContext().contains(a + " is missing") && "Document1".equals(e.location())), a);
        }
    }

    @Test
    void requiredSubmissionSetAttributes() {
        SubmitObjectsRequest r = submission(PID).contentTypeCode(null).build();
        RegistryPackageType ss = ss(r);
        ss.getSlot().clear();
        ss.getExternalIdentifier().removeIf(i -> Vocabulary.SS_SOURCE_ID.equals(i.getIdentificationScheme()));
        List<XdsError> errors = validate(r);
        assertEquals(3, errors.size(), describe(errors));
        for (String a : List.of("contentTypeCode", "submissionTime", "sourceId")) {
            assertTrue(errors.stream().anyMatch(e -> e.codeContext().contains(a + " is missing")
                    && "SubmissionSet".equals(e.location())), a);
        }
    }

    @Test
    void requiredFolderAttributes() {
        SubmissionBuilder b = submission(PID);
        String folder = b.addFolder("x");
        SubmitObjectsRequest r = b.build();
        object(r, RegistryPackageType.class, folder).setName(null);
        List<XdsError> errors = validate(r);
        assertEquals(2, errors.size(), describe(errors));
        assertTrue(errors.stream().anyMatch(e -> e.codeContext().contains("codeList is missing")));
        assertTrue(errors.stream().anyMatch(e -> e.codeContext().contains("title is missing")));
        assertTrue(errors.stream().allMatch(e -> folder.equals(e.location())));
    }

    @Test
    void singleValuedGivenTwice() {
        SubmitObjectsRequest r = simple().build();
        setSlot(doc(r), Vocabulary.SLOT_CREATION_TIME, "20240101", "20240102");
        ClassificationType extra = new ClassificationType();
        extra.setClassificationScheme(Vocabulary.DE_CLASS_CODE);
        extra.setNodeRepresentation("X");
        extra.setName(name("X code"));
        addSlot(extra, Vocabulary.SLOT_CODING_SCHEME, "1.2.3");
        doc(r).getClassification().add(extra);
        List<XdsError> errors = validate(r);
        assertEquals(2, errors.size(), describe(errors));
        assertTrue(errors.stream().anyMatch(e -> e.codeContext().contains("creationTime has 2 values")));
        assertTrue(errors.stream().anyMatch(e -> e.codeContext().contains("classCode is given 2 times")));
    }

    static Stream<Arguments> badFormats() {
        return Stream.of(
                Arguments.of("sourcePatientId", "P1", (Consumer<DocumentEntryBuilder>) d -> d.sourcePatientId("P1")),
                Arguments.of("creationTime", "2024-01-01", (Consumer<DocumentEntryBuilder>) d -> d.creationTime("2024-01-01")),
                Arguments.of("serviceStartTime", "20240230", (Consumer<DocumentEntryBuilder>) d -> d.serviceTime("20240230", null)),
                Arguments.of("hash", "abc", (Consumer<DocumentEntryBuilder>) d -> d.hashAndSize("abc", 1)),
                Arguments.of("size", "-1", (Consumer<DocumentEntryBuilder>) d -> d.hashAndSize(HASH, -1)),
                Arguments.of("repositoryUniqueId", "1.02.3", (Consumer<DocumentEntryBuilder>) d -> d.repositoryUniqueId("1.02.3")),
                Arguments.of("authorPerson", "11375^Welby", (Consumer<DocumentEntryBuilder>) d -> d.author("11375^Welby", null)),
                Arguments.of("authorInstitution", "^^^^^^^^^1.2.3", (Consumer<DocumentEntryBuilder>) d -> d.author("^Welby", "^^^^^^^^^1.2.3")),
                Arguments.of("referenceIdList", "2013001^^^&1.2.3&ISO", (Consumer<DocumentEntryBuilder>) d -> d.referenceId("2013001^^^&1.2.3&ISO")),
                Arguments.of("classCode", "no codingScheme", (Consumer<DocumentEntryBuilder>) d -> d.classCode(new Code("X", "", "x"))),
                Arguments.of("eventCodeList", "empty code", (Consumer<DocumentEntryBuilder>) d -> d.eventCode(new Code("", "1.2.3", "x"))),
                Arguments.of("title", "128 characters", (Consumer<DocumentEntryBuilder>) d -> d.title("t".repeat(128))),
                Arguments.of("languageCode", "en_US", (Consumer<DocumentEntryBuilder>) d -> d.languageCode("en_US")),
                Arguments.of("mimeType", "pdf", (Consumer<DocumentEntryBuilder>) d -> d.mimeType("pdf")));
    }

    @ParameterizedTest(name = "bad {0}")
    @MethodSource("badFormats")
    void badDocumentFormat(String attribute, String value, Consumer<DocumentEntryBuilder> mutation) {
        SubmissionBuilder b = submission(PID);
        mutation.accept(document(b));
        only(validate(b), ErrorCode.XDSRegistryMetadataError, "Document1", attribute, value);
    }

    @Test
    void badDocumentPatientIdFormat() {
        SubmissionBuilder b = submission(PID);
        document(b).patientId("P1^^^&" + DOMAIN);
        // a malformed patient id is a metadata error, and it cannot match the SubmissionSet's
        List<XdsError> errors = validate(b);
        single(errors, ErrorCode.XDSRegistryMetadataError, "patientId", "P1^^^&" + DOMAIN);
        single(errors, ErrorCode.XDSPatientIdDoesNotMatch, "P1^^^&" + DOMAIN);
        assertEquals(2, errors.size(), describe(errors));
    }

    @Test
    void badSubmissionSetFormats() {
        SubmissionBuilder b = new SubmissionBuilder(PID, "not-an-oid").uniqueId("1.2.abc").author(null, null);
        document(b);
        b.submissionTime("20241399");
        SubmitObjectsRequest r = b.build();
        ClassificationType author = ss(r).getClassification().stream()
                .filter(c -> Vocabulary.SS_AUTHOR.equals(c.getClassificationScheme())).findFirst().orElse(null);
        if (author == null) {
            author = new ClassificationType();
            author.setClassificationScheme(Vocabulary.SS_AUTHOR);
            author.setNodeRepresentation("");
            ss(r).getClassification().add(author);
        }
        author.getSlot().clear();
        addSlot(author, Vocabulary.SLOT_AUTHOR_ROLE, "PRF");
        ClassificationType author2 = new ClassificationType();
        author2.setClassificationScheme(Vocabulary.SS_AUTHOR);
        author2.setNodeRepresentation("");
        addSlot(author2, Vocabulary.SLOT_AUTHOR_TELECOMMUNICATION, "^^Internet^nobody");
        ss(r).getClassification().add(author2);
        List<XdsError> errors = validate(r);
        assertEquals(5, errors.size(), describe(errors));
        for (String f : List.of("sourceId 'not-an-oid'", "uniqueId '1.2.abc'", "submissionTime '20241399'",
                "none of authorPerson", "authorTelecommunication '^^Internet^nobody'")) {
            assertTrue(errors.stream().anyMatch(e -> e.code() == ErrorCode.XDSRegistryMetadataError
                    && e.codeContext().contains(f) && "SubmissionSet".equals(e.location())), f);
        }
    }

    @Test
    void badLegalAuthenticator() {
        SubmitObjectsRequest r = simple().build();
        addSlot(doc(r), Vocabulary.SLOT_LEGAL_AUTHENTICATOR, "^^Marcus");
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "legalAuthenticator", "^^Marcus");
    }

    @Test
    void invalidUuidId() {
        SubmissionBuilder b = submission(PID);
        document(b);
        SubmitObjectsRequest r = b.build();
        String bad = "urn:uuid:not-a-uuid";
        doc(r).setId(bad);
        association(r, "SubmissionSet", "Document1").setTargetObject(bad);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, bad, bad, "not a valid UUID");
    }

    @Test
    void longSlotValue() {
        SubmitObjectsRequest r = simple().build();
        addSlot(doc(r), "urn:example:note", "n".repeat(257));
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "urn:example:note", "257");
    }

    @Test
    void reservedIheSlotName() {
        SubmitObjectsRequest r = simple().build();
        addSlot(doc(r), "urn:ihe:iti:xds:2099:madeUp", "x");
        addSlot(doc(r), "urn:acme:fine", "x");
        addSlot(doc(r), Vocabulary.SLOT_REFERENCE_ID_LIST, "1.2.3.45.678^^^^urn:ihe:iti:xds:2016:studyInstanceUID");
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "urn:ihe:iti:xds:2099:madeUp");
    }

    @Test
    void lidMustEqualId() {
        SubmitObjectsRequest r = simple().build();
        doc(r).setLid(OLD_DOC);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "lid", OLD_DOC);
    }

    @Test
    void serviceStartAfterStop() {
        SubmissionBuilder b = submission(PID);
        document(b).serviceTime("202402021200", "20240202");
        only(validate(b), ErrorCode.XDSRegistryMetadataError, "Document1", "serviceStartTime 202402021200",
                "serviceStopTime 20240202");
    }

    @Test
    void entryUuidAlreadyRegistered() {
        SubmitObjectsRequest r = simple().build();
        doc(r).setId(OLD_DEPRECATED);
        association(r, "SubmissionSet", "Document1").setTargetObject(OLD_DEPRECATED);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, OLD_DEPRECATED, OLD_DEPRECATED, "already used");
    }

    // ------------------------------------------------------------------ patients

    @Test
    void unknownPatientReportedOnce() {
        String unknown = "NOBODY^^^&" + DOMAIN + "&ISO";
        SubmissionBuilder b = submission(unknown);
        document(b);
        document(b);
        b.addFolder("f", new Code("F", "1.2.3", "f"));
        only(validate(b), ErrorCode.XDSUnknownPatientId, "SubmissionSet", unknown);
    }

    @Test
    void patientOfAnotherDomain() {
        String foreign = "P1^^^&1.2.3.4&ISO";
        registry.patient(foreign);
        SubmissionBuilder b = submission(foreign);
        document(b);
        only(validate(b), ErrorCode.XDSUnknownPatientId, "SubmissionSet", foreign, DOMAIN);
    }

    @Test
    void documentPatientDiffersFromSubmissionSet() {
        SubmissionBuilder b = submission(PID);
        document(b).patientId(OTHER_PID);
        only(validate(b), ErrorCode.XDSPatientIdDoesNotMatch, "Document1", OTHER_PID, PID);
    }

    @Test
    void folderPatientDiffersFromSubmissionSet() {
        SubmissionBuilder b = submission(PID);
        document(b);
        String folder = b.addFolder("f", new Code("F", "1.2.3", "f"));
        SubmitObjectsRequest r = b.build();
        object(r, RegistryPackageType.class, folder).getExternalIdentifier().stream()
                .filter(i -> Vocabulary.FOLDER_PATIENT_ID.equals(i.getIdentificationScheme()))
                .forEach(i -> i.setValue(OTHER_PID));
        only(validate(r), ErrorCode.XDSPatientIdDoesNotMatch, folder, OTHER_PID);
    }

    // ------------------------------------------------------------------ uniqueIds

    @Test
    void uniqueIdRepeatedInMessage() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.4.5");
        String second = document(b).uniqueId("1.2.3.4.5").id();
        only(validate(b), ErrorCode.XDSRegistryDuplicateUniqueIdInMessage, second, "1.2.3.4.5", "Document1", second);
    }

    @Test
    void existingUniqueIdWithIdenticalBytesIsAcceptedAsTheRegisteredEntry() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.100").hashAndSize(HASH.toUpperCase(), 1234);
        assertEquals(List.of(), validate(b));
        ResubmittedDocuments resubmitted = validator.validate(EbrimReader.read(b.build(), new ErrorCollector()),
                registry, new ErrorCollector());
        assertEquals(OLD_DOC, resubmitted.registeredUuid("Document1"));
        assertEquals(1, resubmitted.size());
    }

    @Test
    void aNewUniqueIdIsNoResubmission() {
        ResubmittedDocuments resubmitted = validator.validate(EbrimReader.read(simple().build(), new ErrorCollector()),
                registry, new ErrorCollector());
        assertEquals(0, resubmitted.size());
    }

    @Test
    void existingUniqueIdWithIdenticalBytesUnderItsOwnEntryUuid() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.100");
        SubmitObjectsRequest r = b.build();
        doc(r).setId(OLD_DOC);
        association(r, "SubmissionSet", "Document1").setTargetObject(OLD_DOC);
        assertEquals(List.of(), validate(r), "the registered entry's own UUID is no reuse of an entryUUID");
    }

    @Test
    void existingUniqueIdOfADeprecatedEntry() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.101");
        only(validate(b), ErrorCode.XDSRegistryDeprecatedDocumentError, "Document1", "1.2.3.101", OLD_DEPRECATED,
                "Deprecated");
    }

    @Test
    void existingUniqueIdOfAnotherPatient() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.102");
        only(validate(b), ErrorCode.XDSPatientIdDoesNotMatch, "Document1", "1.2.3.102", OTHER_PID, PID);
    }

    @Test
    void existingUniqueIdWithOtherHash() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.100").hashAndSize("0".repeat(40), 1234);
        only(validate(b), ErrorCode.XDSNonIdenticalHash, "Document1", "1.2.3.100");
    }

    @Test
    void existingUniqueIdWithOtherSize() {
        SubmissionBuilder b = submission(PID);
        document(b).uniqueId("1.2.3.100").hashAndSize(HASH, 999);
        only(validate(b), ErrorCode.XDSNonIdenticalSize, "Document1", "1.2.3.100");
    }

    @Test
    void submissionSetUniqueIdAlreadyUsed() {
        registry.packageUniqueIds.add("1.2.3.200");
        SubmissionBuilder b = submission(PID).uniqueId("1.2.3.200");
        document(b);
        only(validate(b), ErrorCode.XDSDuplicateUniqueIdInRegistry, "SubmissionSet", "1.2.3.200");
    }

    @Test
    void folderUniqueIdAlreadyUsed() {
        SubmissionBuilder b = submission(PID);
        String folder = b.addFolder("f", new Code("F", "1.2.3", "f"));
        SubmitObjectsRequest r = b.build();
        object(r, RegistryPackageType.class, folder).getExternalIdentifier().stream()
                .filter(i -> Vocabulary.FOLDER_UNIQUE_ID.equals(i.getIdentificationScheme()))
                .forEach(i -> i.setValue("1.2.3.201"));
        registry.packageUniqueIds.add("1.2.3.201");
        only(validate(r), ErrorCode.XDSDuplicateUniqueIdInRegistry, folder, "1.2.3.201");
    }

    // ------------------------------------------------------------------ associations

    @Test
    void unknownAssociationType() {
        SubmissionBuilder b = simple();
        b.relate("urn:example:Likes", "Document1", OLD_DOC);
        only(validate(b), ErrorCode.XDSRegistryMetadataError, null, "urn:example:Likes");
    }

    @Test
    void originalStatusMissing() {
        SubmitObjectsRequest r = simple().build();
        association(r, "SubmissionSet", "Document1").getSlot().clear();
        only(validate(r), ErrorCode.XDSRegistryMetadataError, null, "SubmissionSetStatus", "Original");
    }

    @Test
    void referenceToUnknownDocument() {
        SubmissionBuilder b = simple();
        b.reference(UNKNOWN);
        only(validate(b), ErrorCode.UnresolvedReferenceException, null, UNKNOWN);
    }

    @Test
    void referenceToRegisteredDocumentOfAnotherPatientIsAllowed() {
        SubmissionBuilder b = simple();
        b.reference(OLD_OTHER_PATIENT);
        assertEquals(List.of(), validate(b));
    }

    @Test
    void documentWithoutSubmissionSetMembership() {
        SubmitObjectsRequest r = simple().build();
        removeAssociation(r, "SubmissionSet", "Document1");
        only(validate(r), ErrorCode.XDSRegistryMetadataError, "Document1", "not a member");
    }

    @Test
    void folderWithoutSubmissionSetMembership() {
        SubmissionBuilder b = simple();
        String folder = b.addFolder("f", new Code("F", "1.2.3", "f"));
        SubmitObjectsRequest r = b.build();
        removeAssociation(r, "SubmissionSet", folder);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, folder, "not a member");
    }

    @Test
    void folderMembershipWithoutSubmissionSetRecord() {
        SubmissionBuilder b = simple();
        String folder = b.addFolder("f", new Code("F", "1.2.3", "f"));
        b.addToFolder(folder, "Document1");
        SubmitObjectsRequest r = b.build();
        String fdde = association(r, folder, "Document1").getId();
        removeAssociation(r, "SubmissionSet", fdde);
        only(validate(r), ErrorCode.XDSRegistryMetadataError, fdde, fdde, "SubmissionSet");
    }

    @Test
    void documentIntoDeprecatedFolder() {
        SubmissionBuilder b = simple();
        b.addToFolder(OLD_DEPRECATED_FOLDER, "Document1");
        only(validate(b), ErrorCode.XDSRegistryDeprecatedDocumentError, null, OLD_DEPRECATED_FOLDER, "Deprecated");
    }

    @Test
    void deprecatedDocumentIntoFolder() {
        SubmissionBuilder b = simple();
        b.addToFolder(OLD_FOLDER, OLD_DEPRECATED);
        only(validate(b), ErrorCode.XDSRegistryDeprecatedDocumentError, null, OLD_DEPRECATED);
    }

    @Test
    void folderMemberOfAnotherPatient() {
        SubmissionBuilder b = simple();
        b.addToFolder(OLD_FOLDER, OLD_OTHER_PATIENT);
        only(validate(b), ErrorCode.XDSPatientIdDoesNotMatch, null, OLD_OTHER_PATIENT, OTHER_PID);
    }

    @Test
    void unknownFolder() {
        SubmissionBuilder b = simple();
        b.addToFolder(UNKNOWN, "Document1");
        only(validate(b), ErrorCode.UnresolvedReferenceException, null, UNKNOWN);
    }

    @Test
    void relationshipSourceNotInSubmission() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.APND, OLD_DOC, "Document1");
        only(validate(b), ErrorCode.UnresolvedReferenceException, null, OLD_DOC, "sourceObject");
    }

    @Test
    void replaceTargetMustBeRegistered() {
        SubmissionBuilder b = submission(PID);
        document(b);
        String second = document(b).id();
        b.relate(Vocabulary.RPLC, second, "Document1");
        only(validate(b), ErrorCode.UnresolvedReferenceException, null, "Document1", "already in the registry");
    }

    @Test
    void relationshipTargetUnknown() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.XFRM, "Document1", UNKNOWN);
        only(validate(b), ErrorCode.UnresolvedReferenceException, null, UNKNOWN);
    }

    @Test
    void relationshipTargetDeprecated() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.RPLC, "Document1", OLD_DEPRECATED);
        only(validate(b), ErrorCode.XDSRegistryDeprecatedDocumentError, null, OLD_DEPRECATED);
    }

    @Test
    void relationshipAcrossPatients() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.XFRM_RPLC, "Document1", OLD_OTHER_PATIENT);
        only(validate(b), ErrorCode.XDSPatientIdDoesNotMatch, null, OLD_OTHER_PATIENT, OTHER_PID);
    }

    @Test
    void snapshotOfStableEntry() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.IS_SNAPSHOT_OF, "Document1", OLD_DOC);
        only(validate(b), ErrorCode.XDSRegistryMetadataError, null, OLD_DOC, "On-Demand");
    }

    @Test
    void snapshotOfOnDemandEntry() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.IS_SNAPSHOT_OF, "Document1", OLD_ON_DEMAND);
        assertEquals(List.of(), validate(b));
    }

    @Test
    void nothingMayTargetAnExistingSubmissionSet() {
        SubmissionBuilder b = simple();
        b.relate(Vocabulary.SIGNS, "Document1", OLD_SUBMISSION_SET);
        only(validate(b), ErrorCode.XDSRegistryMetadataError, null, OLD_SUBMISSION_SET, "SubmissionSet");
    }

    // ------------------------------------------------------------------ code lists

    @Test
    void codeNotInAffinityDomainList() throws IOException {
        validator = new SubmissionValidator(DOMAIN, CodeLists.parse("classCode = 11488-4^^2.16.840.1.113883.6.1\n"));
        only(validate(simple()), ErrorCode.XDSRegistryMetadataError, "Document1", "classCode",
                "18748-4^^2.16.840.1.113883.6.1");
    }

    @Test
    void folderCodeNotInAffinityDomainList() throws IOException {
        validator = new SubmissionValidator(DOMAIN, CodeLists.parse("folderCodeList = A^^1.2.3\n"));
        SubmissionBuilder b = simple();
        String folder = b.addFolder("f", new Code("B", "1.2.3", "b"));
        only(validate(b), ErrorCode.XDSRegistryMetadataError, folder, "codeList", "B^^1.2.3");
    }

    @Test
    void mimeTypeNotInAffinityDomainList() throws IOException {
        validator = new SubmissionValidator(DOMAIN, CodeLists.parse("mimeType = text/xml\n"));
        only(validate(simple()), ErrorCode.XDSRegistryMetadataError, "Document1", "mimeType", "application/pdf");
    }

    @Test
    void codeListFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("codes.txt");
        Files.writeString(file, """
                # affinity domain value sets
                confidentialityCode = N^^2.16.840.1.113883.5.25

                mimeType = application/dicom
                mimeType=application/pdf
                """);
        CodeLists lists = CodeLists.load(file);
        assertTrue(lists.allows(CodeLists.CONFIDENTIALITY_CODE, "N", "2.16.840.1.113883.5.25"));
        assertTrue(!lists.allows(CodeLists.CONFIDENTIALITY_CODE, "N", "2.16.840.1.113883.5.26"));
        assertTrue(lists.allows(CodeLists.CLASS_CODE, "anything", "1.2"));
        assertTrue(lists.allowsMimeType("application/pdf"));
        assertTrue(!lists.allowsMimeType("text/plain"));
        assertTrue(CodeLists.NONE.allowsMimeType("text/plain"));
        assertThrows(IOException.class, () -> CodeLists.parse("colour = red^^1.2"));
        assertThrows(IOException.class, () -> CodeLists.parse("classCode = nothing"));
        assertThrows(IOException.class, () -> CodeLists.parse("classCode"));
        assertEquals(Map.of().size(), CodeLists.parse("# only a comment").allowedValues(CodeLists.CLASS_CODE).size());
    }

    // ------------------------------------------------------------------ everything at once

    @Test
    void reportsEveryProblem() {
        SubmissionBuilder b = submission(PID);
        document(b).creationTime("yesterday").uniqueId("1.2.3.100").hashAndSize(HASH, 1);
        b.relate(Vocabulary.RPLC, "Document1", UNKNOWN);
        List<XdsError> errors = validate(b);
        assertEquals(3, errors.size(), describe(errors));
        single(errors, ErrorCode.XDSRegistryMetadataError, "creationTime", "yesterday");
        single(errors, ErrorCode.XDSNonIdenticalSize, "1.2.3.100");
        single(errors, ErrorCode.UnresolvedReferenceException, UNKNOWN);
    }

    // ------------------------------------------------------------------ the sample ITI-42 message

    static final String S_DOC = "Document01";
    static final String S_SS = "SubmissionSet01";
    static final String S_FOLDER = "Folder01";

    /** The sample ITI-42 request, freshly unmarshalled (so each test may mutate it). */
    static SubmitObjectsRequest sample() {
        try {
            return Schemas.unmarshal(Iti42Sample.xml(), SubmitObjectsRequest.class);
        } catch (JAXBException e) {
            throw new AssertionError(e);
        }
    }

    List<XdsError> validateSample(SubmitObjectsRequest r) {
        registry.patient(Iti42Sample.PATIENT);
        validator = new SubmissionValidator(Iti42Sample.DOMAIN, validator.codeLists());
        return validate(r);
    }

    static ClassificationType classification(RegistryObjectType o, String scheme) {
        return o.getClassification().stream().filter(c -> scheme.equals(c.getClassificationScheme())).findFirst()
                .orElseThrow();
    }

    static void setIdentifier(RegistryObjectType o, String scheme, String value) {
        o.getExternalIdentifier().stream().filter(i -> scheme.equals(i.getIdentificationScheme()))
                .forEach(i -> i.setValue(value));
    }

    @Test
    void sampleIsClean() {
        assertEquals(List.of(), validateSample(sample()), describe(validateSample(sample())));
    }

    @Test
    void sampleWithNestedSubmissionSetClassificationIsClean() {
        SubmitObjectsRequest r = sample();
        ClassificationType top = r.getRegistryObjectList().getIdentifiable().stream().map(JAXBElement::getValue)
                .filter(v -> v instanceof ClassificationType c && S_SS.equals(c.getClassifiedObject()))
                .map(ClassificationType.class::cast).findFirst().orElseThrow();
        r.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue() == top);
        object(r, RegistryPackageType.class, S_SS).getClassification().add(top);
        assertEquals(List.of(), validateSample(r));
    }

    @Test
    void sampleCodeWithoutDisplayName() {
        SubmitObjectsRequest r = sample();
        classification(object(r, ExtrinsicObjectType.class, S_DOC), Vocabulary.DE_FORMAT_CODE).setName(null);
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_DOC, "formatCode", "urn:ihe:pcc:xds-ms:2007",
                "display name");
    }

    @Test
    void sampleCodeWithoutCodingScheme() {
        SubmitObjectsRequest r = sample();
        classification(object(r, RegistryPackageType.class, S_FOLDER), Vocabulary.FOLDER_CODE_LIST).getSlot().clear();
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_FOLDER, "codeList", "394579002",
                "codingScheme");
    }

    @Test
    void sampleCodingSchemeGivenTwice() {
        SubmitObjectsRequest r = sample();
        ClassificationType c = classification(object(r, RegistryPackageType.class, S_SS), Vocabulary.SS_CONTENT_TYPE_CODE);
        setSlot(c, Vocabulary.SLOT_CODING_SCHEME, "2.16.840.1.113883.6.1", "2.16.840.1.113883.6.96");
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_SS, "34133-9", "2 codingScheme values");
    }

    @Test
    void sampleObjectTypeMissing() {
        SubmitObjectsRequest r = sample();
        object(r, ExtrinsicObjectType.class, S_DOC).setObjectType(null);
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_DOC, "objectType is missing");
    }

    @Test
    void sampleSourcePatientIdWithoutIsoAuthority() {
        SubmitObjectsRequest r = sample();
        setSlot(object(r, ExtrinsicObjectType.class, S_DOC), Vocabulary.SLOT_SOURCE_PATIENT_ID, "89765a87b^^^HOSP");
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_DOC, "sourcePatientId", "89765a87b^^^HOSP");
    }

    @Test
    void sampleSourcePatientIdOfAnyAuthorityIsAccepted() {
        SubmitObjectsRequest r = sample();
        setSlot(object(r, ExtrinsicObjectType.class, S_DOC), Vocabulary.SLOT_SOURCE_PATIENT_ID, "X9^^^&2.999.1&ISO");
        assertEquals(List.of(), validateSample(r));
    }

    @Test
    void sampleFolderTitleTooLong() {
        SubmitObjectsRequest r = sample();
        object(r, RegistryPackageType.class, S_FOLDER).setName(name("f".repeat(128)));
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_FOLDER, "title", "128");
    }

    @Test
    void sampleFolderLidDiffersFromId() {
        SubmitObjectsRequest r = sample();
        object(r, RegistryPackageType.class, S_FOLDER).setLid(OLD_FOLDER);
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_FOLDER, "lid", OLD_FOLDER, "ITI-57");
    }

    @Test
    void sampleBadAuthorTelecommunication() {
        SubmitObjectsRequest r = sample();
        ClassificationType author = classification(object(r, ExtrinsicObjectType.class, S_DOC), Vocabulary.DE_AUTHOR);
        setSlot(author, Vocabulary.SLOT_AUTHOR_TELECOMMUNICATION, "^^Internet^no-at-sign");
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_DOC, "authorTelecommunication",
                "no-at-sign");
    }

    @Test
    void sampleUnknownPatient() {
        SubmitObjectsRequest r = sample();
        validator = new SubmissionValidator(Iti42Sample.DOMAIN, CodeLists.NONE);
        only(validate(r), ErrorCode.XDSUnknownPatientId, S_SS, Iti42Sample.PATIENT);
    }

    @Test
    void samplePatientOutsideAffinityDomain() {
        validator = new SubmissionValidator("1.2.3.4.5", CodeLists.NONE);
        registry.patient(Iti42Sample.PATIENT);
        only(validate(sample()), ErrorCode.XDSUnknownPatientId, S_SS, Iti42Sample.PATIENT, "1.2.3.4.5");
    }

    @Test
    void sampleFolderPatientDiffers() {
        SubmitObjectsRequest r = sample();
        String other = "7654321^^^&" + Iti42Sample.DOMAIN + "&ISO";
        registry.patient(other);
        setIdentifier(object(r, RegistryPackageType.class, S_FOLDER), Vocabulary.FOLDER_PATIENT_ID, other);
        List<XdsError> errors = validateSample(r);
        // the folder differs from the SubmissionSet, and its FD-DE member differs from the folder
        assertEquals(2, errors.size(), describe(errors));
        assertTrue(errors.stream().allMatch(e -> e.code() == ErrorCode.XDSPatientIdDoesNotMatch
                && e.codeContext().contains(other)), describe(errors));
    }

    @Test
    void sampleSubmissionSetAndFolderShareUniqueId() {
        SubmitObjectsRequest r = sample();
        String ssUid = "1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.2";
        setIdentifier(object(r, RegistryPackageType.class, S_FOLDER), Vocabulary.FOLDER_UNIQUE_ID, ssUid);
        only(validateSample(r), ErrorCode.XDSRegistryDuplicateUniqueIdInMessage, S_FOLDER, ssUid);
    }

    @Test
    void sampleReferenceStatusForSubmittedDocument() {
        SubmitObjectsRequest r = sample();
        setSlot(association(r, S_SS, S_DOC), Vocabulary.SLOT_SUBMISSION_SET_STATUS, "Reference");
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, "Association01", "Reference", "Original");
    }

    @Test
    void sampleFolderMemberMissingFromRegistry() {
        SubmitObjectsRequest r = sample();
        association(r, S_FOLDER, S_DOC).setTargetObject(UNKNOWN);
        only(validateSample(r), ErrorCode.UnresolvedReferenceException, "Association03", UNKNOWN);
    }

    @Test
    void sampleInvalidAssociationType() {
        SubmitObjectsRequest r = sample();
        association(r, S_SS, S_FOLDER).setAssociationType("urn:oasis:names:tc:ebxml-regrep:AssociationType:Contains");
        List<XdsError> errors = validateSample(r);
        single(errors.stream().filter(e -> "Association02".equals(e.location())).toList(),
                ErrorCode.XDSRegistryMetadataError, "AssociationType:Contains", "invalid association type");
        // the folder consequently lacks its SubmissionSet membership
        single(errors.stream().filter(e -> S_FOLDER.equals(e.location())).toList(), ErrorCode.XDSRegistryMetadataError,
                "not a member");
        assertEquals(2, errors.size(), describe(errors));
    }

    @Test
    void sampleSlotValueTooLong() {
        SubmitObjectsRequest r = sample();
        addSlot(object(r, RegistryPackageType.class, S_SS), Vocabulary.SLOT_INTENDED_RECIPIENT, "|^" + "x".repeat(300));
        only(validateSample(r), ErrorCode.XDSRegistryMetadataError, S_SS, "intendedRecipient", "302");
    }

    @Test
    void sampleCodesRestrictedByCodeLists() throws IOException {
        validator = new SubmissionValidator(Iti42Sample.DOMAIN, CodeLists.parse("""
                typeCode = 11488-4^^2.16.840.1.113883.6.1
                contentTypeCode = 34133-9^^2.16.840.1.113883.6.1
                mimeType = text/xml
                """));
        registry.patient(Iti42Sample.PATIENT);
        only(validate(sample()), ErrorCode.XDSRegistryMetadataError, S_DOC, "typeCode",
                "18842-5^^2.16.840.1.113883.6.1", "11488-4^^2.16.840.1.113883.6.1");
    }

    @Test
    void sampleWithThreeDifferentProblems() {
        SubmitObjectsRequest r = sample();
        ExtrinsicObjectType d = object(r, ExtrinsicObjectType.class, S_DOC);
        setSlot(d, Vocabulary.SLOT_HASH, "not-a-sha1");
        setIdentifier(d, Vocabulary.DE_PATIENT_ID, OTHER_PID);
        registry.packageUniqueIds.add("1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.3");
        List<XdsError> errors = validateSample(r);
        single(errors, ErrorCode.XDSRegistryMetadataError, "hash", "not-a-sha1");
        single(errors.stream().filter(e -> S_DOC.equals(e.location())).toList(), ErrorCode.XDSPatientIdDoesNotMatch,
                OTHER_PID, Iti42Sample.PATIENT);
        single(errors, ErrorCode.XDSDuplicateUniqueIdInRegistry, "1.3.6.1.4.1.21367.2010.1.2.300.20240315102000.3");
        // the document's patient also differs from its folder's (FD-DE)
        assertEquals(4, errors.size(), describe(errors));
    }
}
