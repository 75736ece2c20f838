package org.xdsi.registry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.wire.Wire.context;
import static org.xdsi.registry.wire.Wire.list;
import static org.xdsi.registry.wire.Wire.slot;

import jakarta.xml.bind.JAXBElement;
import java.util.List;
import java.util.Set;
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
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.IdentifiableType;

/**
 * A document registered again (ITI-42 with a DocumentEntry whose uniqueId, hash and size are already registered):
 * accepted, as the digest's rule for identical hash and size says, but the registry keeps one DocumentEntry for it,
 * which the new SubmissionSet lists as a Reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResubmissionOverTheWireTest {
    static final String HASH = "7c196f11f35b2a52d5edb9a7d79d55448fcd3da8";

    RegistryHarness h;
    int patients;

    @BeforeAll
    void start() {
        h = RegistryHarness.start("h2");
    }

    @AfterAll
    void stop() {
        h.close();
    }

    private SoapClient.Response register(SubmitObjectsRequest request) {
        return h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(request));
    }

    /** The DocumentEntries (Approved and Deprecated) registered under a uniqueId. */
    private Set<String> entriesOf(String uniqueId) {
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(Queries.GET_DOCUMENTS,
                "ObjectRef", List.of(slot("$XDSDocumentEntryUniqueId", list(uniqueId)))));
        Wire.assertSuccess(r);
        return Wire.ids(r, "ObjectRef");
    }

    private SoapClient.Response submissionSetsOf(String entryUuid) {
        SoapClient.Response r = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.adhoc(
                StoredQueriesOverTheWireContract.GET_SUBMISSION_SETS, "LeafClass",
                List.of(slot("$uuid", list(entryUuid)))));
        Wire.assertSuccess(r);
        return r;
    }

    private static SubmitObjectsRequest withDocumentId(SubmissionBuilder s, DocumentEntryBuilder d, String id) {
        SubmitObjectsRequest r = s.build();
        for (JAXBElement<? extends IdentifiableType> e : r.getRegistryObjectList().getIdentifiable()) {
            IdentifiableType o = e.getValue();
            if (d.id().equals(o.getId())) {
                o.setId(id);
            } else if (o instanceof AssociationType1 a && d.id().equals(a.getTargetObject())) {
                a.setTargetObject(id);
            }
        }
        return r;
    }

    @Test
    void theSameDocumentInANewSubmissionSetIsAcceptedAndKeepsOneEntry() {
        String pid = h.fedPatient("RESUBMIT" + (patients++));
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize(HASH, 92).title("first");
        Wire.assertSuccess(register(first.build()));
        Set<String> registered = entriesOf(d.uniqueIdValue());
        assertEquals(1, registered.size());
        String entry = registered.iterator().next();

        SubmissionBuilder second = RegistryHarness.submission(pid);
        RegistryHarness.document(second).uniqueId(d.uniqueIdValue()).hashAndSize(HASH.toUpperCase(), 92)
                .title("second");
        Wire.assertSuccess(register(second.build()));

        assertEquals(Set.of(entry), entriesOf(d.uniqueIdValue()), "still one DocumentEntry for the uniqueId");
        SoapClient.Response found = h.soap.call(Vocabulary.ACTION_STORED_QUERY,
                Queries.findDocuments(pid, "LeafClass", Queries.APPROVED, Queries.DEPRECATED));
        List<Element> entries = Wire.objects(found, "ExtrinsicObject");
        assertEquals(1, entries.size(), found.body());
        assertEquals("first", Wire.nameOf(entries.get(0)), "the registered metadata stays");

        // both SubmissionSets list the entry: the first as Original, the second as Reference
        SoapClient.Response sets = submissionSetsOf(entry);
        assertEquals(Set.of(first.uniqueId(), second.uniqueId()), Set.copyOf(Wire.objects(sets, "RegistryPackage")
                .stream().map(Wire::uniqueIdOf).toList()), sets.body());
        List<String> statuses = Wire.objects(sets, "Association").stream()
                .filter(a -> entry.equals(a.getAttribute("targetObject")))
                .flatMap(a -> Wire.slotValues(a, Vocabulary.SLOT_SUBMISSION_SET_STATUS).stream()).sorted().toList();
        assertEquals(List.of(Vocabulary.SUBMISSION_SET_STATUS_ORIGINAL, Vocabulary.SUBMISSION_SET_STATUS_REFERENCE),
                statuses, sets.body());
    }

    @Test
    void theSameDocumentWithItsOwnEntryUuidIsAcceptedToo() {
        String pid = h.fedPatient("RESUBMIT" + (patients++));
        String uuid = "urn:uuid:" + UUID.randomUUID();
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder d = RegistryHarness.document(first).hashAndSize(HASH, 92);
        Wire.assertSuccess(register(withDocumentId(first, d, uuid)));

        SubmissionBuilder second = RegistryHarness.submission(pid);
        DocumentEntryBuilder again = RegistryHarness.document(second).uniqueId(d.uniqueIdValue()).hashAndSize(HASH, 92);
        Wire.assertSuccess(register(withDocumentId(second, again, uuid)));

        assertEquals(Set.of(uuid), entriesOf(d.uniqueIdValue()));
    }

    @Test
    void aReplacedDocumentCannotBeSubmittedAgain() {
        String pid = h.fedPatient("RESUBMIT" + (patients++));
        SubmissionBuilder first = RegistryHarness.submission(pid);
        DocumentEntryBuilder original = RegistryHarness.document(first).hashAndSize(HASH, 92);
        Wire.assertSuccess(register(first.build()));
        String originalUuid = entriesOf(original.uniqueIdValue()).iterator().next();
        SubmissionBuilder second = RegistryHarness.submission(pid);
        second.relate(Vocabulary.RPLC, RegistryHarness.document(second).id(), originalUuid);
        Wire.assertSuccess(register(second.build()));

        SubmissionBuilder third = RegistryHarness.submission(pid);
        DocumentEntryBuilder again = RegistryHarness.document(third).uniqueId(original.uniqueIdValue())
                .hashAndSize(HASH, 92);
        SoapClient.Response r = register(third.build());

        Element e = Wire.assertFailure(r, "XDSRegistryDeprecatedDocumentError");
        assertTrue(context(e).contains(original.uniqueIdValue()) && context(e).contains("Deprecated"), context(e));
        assertEquals(again.id(), e.getAttribute("location"));
        assertEquals(Set.of(originalUuid), entriesOf(original.uniqueIdValue()));
    }
}
