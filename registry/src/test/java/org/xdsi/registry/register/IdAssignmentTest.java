package org.xdsi.registry.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.model.Submission;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;

class IdAssignmentTest {

    @Test
    void symbolicIdsBecomeTimeOrderedUuidsAndEveryReferenceFollows() throws Exception {
        Submission s = EbrimReader.read(Schemas.unmarshal(Iti42Sample.xml(), SubmitObjectsRequest.class),
                new ErrorCollector());
        IdAssignment ids = IdAssignment.assign(s, new ResubmittedDocuments());

        String ss = s.submissionSets().get(0).ebrim().getId();
        String doc = s.documents().get(0).ebrim().getId();
        String folder = s.folders().get(0).ebrim().getId();
        assertEquals(ss, ids.resolve("SubmissionSet01"));
        assertEquals(doc, ids.resolve("Document01"));
        assertEquals(folder, ids.resolve("Folder01"));
        // assigned in the order the objects are defined, so they sort that way in the uuid indexes
        List<String> assigned = List.of(ss, doc, folder, s.associations().get(0).ebrim().getId());
        for (int i = 0; i < assigned.size(); i++) {
            assertEquals(7, UUID.fromString(assigned.get(i).substring("urn:uuid:".length())).version(), assigned.get(i));
            assertTrue(i == 0 || assigned.get(i - 1).compareTo(assigned.get(i)) < 0, assigned.toString());
        }
        AssociationType1 ssToDoc = s.associations().get(0).ebrim();
        assertEquals(ss, ssToDoc.getSourceObject());
        assertEquals(doc, ssToDoc.getTargetObject());
        s.documents().get(0).ebrim().getClassification().forEach(c -> assertEquals(doc, c.getClassifiedObject()));
        // a UUID the source chose is kept
        assertEquals("urn:uuid:1c42b4a6-9b2e-4c0f-8f0f-2c5a0b1f6a01",
                s.documents().get(0).ebrim().getClassification().get(0).getId());
    }
}
