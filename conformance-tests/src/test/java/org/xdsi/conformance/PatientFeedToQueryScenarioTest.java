package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.conformance.Registry.APPROVED;
import static org.xdsi.conformance.Registry.DEPRECATED;
import static org.xdsi.conformance.Soap.Reply.identifier;
import static org.xdsi.conformance.Soap.Reply.identifiers;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * Connectathon-style registry scenario against the whole system, over the wire only: ITI-8 feeds (v2.3.1 A01,
 * v2.5 A04) over MLLP, ITI-42 registration of a SubmissionSet with two documents in a folder, the ITI-18 stored
 * queries a Document Consumer uses, an RPLC replacement, and an ADT^A40 merge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientFeedToQueryScenarioTest {
    private InProcessXdsi xdsi;
    private Soap soap;
    private Mllp mllp;

    @BeforeAll
    void start(@TempDir Path tmp) {
        xdsi = InProcessXdsi.start(tmp.resolve("data"), Registry.DOMAIN);
        assertEquals(Registry.DOMAIN, xdsi.startup.domain());
        soap = xdsi.soap();
        mllp = xdsi.mllp();
    }

    @AfterAll
    void stop() {
        if (xdsi != null) {
            xdsi.close();
        }
    }

    private static Set<String> uniqueIds(Soap.Reply r) {
        return Set.copyOf(identifiers(r.documentEntries(), Vocabulary.DE_UNIQUE_ID));
    }

    @Test
    void feedRegisterQueryReplaceMerge() {
        String jane = Registry.patient("JD" + System.nanoTime());   // fed by A01 v2.3.1
        String janeB = Registry.patient("JB" + System.nanoTime());  // fed by A04 v2.5 (same person, other id)

        // ---- before any feed the registry does not know the patient
        SubmissionBuilder early = Registry.submission(jane);
        Registry.document(early, "early");
        soap.register(Registry.xml(early)).assertFailure("XDSUnknownPatientId");

        // ---- ITI-8: A01 (v2.3.1) and A04 (v2.5)
        mllp.feedAccepted(Mllp.a01v231(jane, "Doe", "Jane"));
        mllp.feedAccepted(Mllp.a04v25(janeB, "Doe", "Jane"));

        // ---- ITI-42: SubmissionSet with two documents, both filed in a new folder
        SubmissionBuilder s1 = Registry.submission(jane);
        DocumentEntryBuilder report = Registry.document(s1, "CT chest report");
        DocumentEntryBuilder kos = Registry.document(s1, "CT chest key images").mimeType("application/dicom")
                .formatCode(new org.xdsi.metadata.model.Code("1.2.840.10008.5.1.4.1.1.88.59",
                        "1.2.840.10008.2.6.1", "Key Object Selection Document"));
        String folder = s1.addFolder("CT chest 2024-03-01",
                new org.xdsi.metadata.model.Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study"));
        s1.addToFolder(folder, report.id()).addToFolder(folder, kos.id());
        soap.register(Registry.xml(s1)).assertSuccess();

        // ---- ITI-18 FindDocuments (LeafClass): both entries, Approved, with the submitted metadata
        Soap.Reply found = soap.query(Registry.findDocuments(jane, "LeafClass", APPROVED));
        found.assertSuccess();
        assertEquals(Set.of(report.uniqueIdValue(), kos.uniqueIdValue()), uniqueIds(found), found.body);
        for (Element de : found.documentEntries()) {
            assertEquals(APPROVED, de.getAttribute("status"));
            assertEquals(jane, identifier(de, Vocabulary.DE_PATIENT_ID));
            assertTrue(de.getAttribute("id").startsWith("urn:uuid:"), "registry-assigned entryUUID");
        }
        String reportUuid = found.documentEntries().stream()
                .filter(de -> identifier(de, Vocabulary.DE_UNIQUE_ID).equals(report.uniqueIdValue()))
                .findFirst().orElseThrow().getAttribute("id");
        assertTrue(found.body.contains("application/dicom"), "mimeType kept");

        // ---- GetAll: SubmissionSet, Folder, 2 DocumentEntries and the 7 HasMembers
        Soap.Reply all = soap.query(Registry.getAll(jane));
        all.assertSuccess();
        assertEquals(1, all.submissionSets().size(), all.body);
        assertEquals(1, all.folders().size(), all.body);
        assertEquals(2, all.documentEntries().size(), all.body);
        assertEquals(s1.uniqueId(), identifier(all.submissionSets().get(0), Vocabulary.SS_UNIQUE_ID));
        // SS-DE x2, SS-FD, FD-DE x2, SS-(FD-DE) x2
        assertEquals(7, all.associations().size(), all.body);
        assertTrue(all.associations().stream().allMatch(a -> Vocabulary.HAS_MEMBER.equals(a.getAttribute("associationType"))));
        String folderUniqueId = identifier(all.folders().get(0), Vocabulary.FOLDER_UNIQUE_ID);
        String folderUuid = all.folders().get(0).getAttribute("id");

        // ---- GetFolderAndContents: the folder, its two documents, the FD-DE HasMembers
        Soap.Reply fc = soap.query(Registry.getFolderAndContents(folderUniqueId));
        fc.assertSuccess();
        assertEquals(1, fc.folders().size(), fc.body);
        assertEquals(Set.of(report.uniqueIdValue(), kos.uniqueIdValue()), uniqueIds(fc), fc.body);
        List<Element> fdDe = fc.associations().stream()
                .filter(a -> folderUuid.equals(a.getAttribute("sourceObject"))).toList();
        assertEquals(2, fdDe.size(), fc.body);

        // ---- GetSubmissionSetAndContents: the SS, both documents, the folder and the associations among them
        Soap.Reply ssc = soap.query(Registry.getSubmissionSetAndContents(s1.uniqueId()));
        ssc.assertSuccess();
        assertEquals(1, ssc.submissionSets().size(), ssc.body);
        assertEquals(1, ssc.folders().size(), ssc.body);
        assertEquals(Set.of(report.uniqueIdValue(), kos.uniqueIdValue()), uniqueIds(ssc), ssc.body);
        String ssUuid = ssc.submissionSets().get(0).getAttribute("id");
        Set<String> ssMembers = ssc.associations().stream().filter(a -> ssUuid.equals(a.getAttribute("sourceObject")))
                .map(a -> a.getAttribute("targetObject")).collect(Collectors.toSet());
        assertTrue(ssMembers.contains(reportUuid) && ssMembers.contains(folderUuid), ssc.body);

        // ---- RPLC: an amended report replaces the first one
        SubmissionBuilder s2 = Registry.submission(jane);
        DocumentEntryBuilder amended = Registry.document(s2, "CT chest report (amended)");
        s2.relate(Vocabulary.RPLC, amended.id(), reportUuid);
        soap.register(Registry.xml(s2)).assertSuccess();

        Soap.Reply approved = soap.query(Registry.findDocuments(jane, "LeafClass", APPROVED));
        approved.assertSuccess();
        assertEquals(Set.of(amended.uniqueIdValue(), kos.uniqueIdValue()), uniqueIds(approved),
                "Approved: the replacement, not the original");
        Soap.Reply deprecated = soap.query(Registry.findDocuments(jane, "LeafClass", DEPRECATED));
        deprecated.assertSuccess();
        assertEquals(Set.of(report.uniqueIdValue()), uniqueIds(deprecated), "Deprecated: the original only");
        assertEquals(DEPRECATED, deprecated.documentEntries().get(0).getAttribute("status"));
        // the replacement is filed in the folder that held the original (ITI-42 RPLC folder rule)
        Soap.Reply fcAfter = soap.query(Registry.getFolderAndContents(folderUniqueId));
        fcAfter.assertSuccess();
        assertTrue(uniqueIds(fcAfter).contains(amended.uniqueIdValue()),
                () -> "replacement should be in the folder: " + fcAfter.body);

        // ---- a document for the second id, then ADT^A40: janeB survives, jane is subsumed
        SubmissionBuilder s3 = Registry.submission(janeB);
        DocumentEntryBuilder mri = Registry.document(s3, "MRI knee report");
        soap.register(Registry.xml(s3)).assertSuccess();
        mllp.feedAccepted(Mllp.a40v231(janeB, jane));

        Soap.Reply merged = soap.query(Registry.findDocuments(janeB, "LeafClass", APPROVED));
        merged.assertSuccess();
        assertEquals(Set.of(amended.uniqueIdValue(), kos.uniqueIdValue(), mri.uniqueIdValue()), uniqueIds(merged),
                "surviving id finds both patients' entries");
        for (Element de : merged.documentEntries()) {
            assertEquals(janeB, identifier(de, Vocabulary.DE_PATIENT_ID), "entries show the surviving id");
        }
        Soap.Reply mergedAll = soap.query(Registry.findDocuments(janeB, "ObjectRef", APPROVED, DEPRECATED));
        mergedAll.assertSuccess();
        assertEquals(4, mergedAll.objectRefIds().size(), mergedAll.body);

        Soap.Reply subsumed = soap.query(Registry.findDocuments(jane, "LeafClass", APPROVED, DEPRECATED));
        assertTrue(subsumed.documentEntries().isEmpty(), () -> "subsumed id finds nothing: " + subsumed.body);
        assertTrue(subsumed.success() || subsumed.errorCodes().contains("XDSUnknownPatientId"), subsumed.body);

        SubmissionBuilder late = Registry.submission(jane);
        Registry.document(late, "late report for the subsumed id");
        soap.register(Registry.xml(late)).assertFailure("XDSUnknownPatientId");
        // and the surviving id still accepts new documents
        SubmissionBuilder s4 = Registry.submission(janeB);
        Registry.document(s4, "follow-up");
        soap.register(Registry.xml(s4)).assertSuccess();
    }
}
