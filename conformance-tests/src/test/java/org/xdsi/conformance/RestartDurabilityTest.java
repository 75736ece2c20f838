package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/** Stop and start on the same data folder: identity, registry entries and the patient index survive. */
class RestartDurabilityTest {
    @TempDir
    Path tmp;

    @Test
    void domainEntriesAndPatientsSurviveARestart() throws IOException {
        Path data = tmp.resolve("data");
        String domain;
        String patient;
        DocumentEntryBuilder doc;
        SubmissionBuilder s;

        // first start: no --domain, so the domain is generated and kept in data/identity.properties
        try (InProcessXdsi first = InProcessXdsi.start(data, null)) {
            domain = first.startup.domain();
            assertTrue(domain.matches("2\\.25\\.[1-9][0-9]*"), domain);
            assertEquals(domain, storedDomain(data), "identity.properties keeps the generated domain");
            patient = Registry.patient("RS" + System.nanoTime(), domain);
            first.mllp().feedAccepted(Mllp.a01v231(patient, "Restart", "Rita"));
            s = Registry.submission(patient);
            doc = Registry.document(s, "before restart");
            first.soap().register(Registry.xml(s)).assertSuccess();
        }

        try (InProcessXdsi second = InProcessXdsi.start(data, null)) {
            assertEquals(domain, second.startup.domain(), "same domain after the restart");
            assertEquals(domain, storedDomain(data));
            Soap soap = second.soap();

            Soap.Reply found = soap.query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
            found.assertSuccess();
            assertEquals(Set.of(doc.uniqueIdValue()),
                    Set.copyOf(Soap.Reply.identifiers(found.documentEntries(), Vocabulary.DE_UNIQUE_ID)), found.body);
            Soap.Reply ss = soap.query(Registry.getSubmissionSetAndContents(s.uniqueId()));
            ss.assertSuccess();
            assertEquals(1, ss.submissionSets().size(), ss.body);

            // the patient is still known: no new feed needed
            SubmissionBuilder after = Registry.submission(patient);
            Registry.document(after, "after restart");
            soap.register(Registry.xml(after)).assertSuccess();
            // the same SubmissionSet uniqueId is still taken
            SubmissionBuilder dup = Registry.submission(patient).uniqueId(s.uniqueId());
            Registry.document(dup, "duplicate SubmissionSet uniqueId");
            soap.register(Registry.xml(dup)).assertFailure("XDSDuplicateUniqueIdInRegistry");
            // and an unfed patient is still unknown
            SubmissionBuilder stranger = Registry.submission(Registry.patient("NOFEED" + System.nanoTime(), domain));
            Registry.document(stranger, "unfed");
            soap.register(Registry.xml(stranger)).assertFailure("XDSUnknownPatientId");
        }
    }

    private static String storedDomain(Path data) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("identity.properties"))) {
            p.load(r);
        }
        return p.getProperty("domain");
    }
}
