package org.xdsi.registry.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.testing.Queries;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.SoapClient;

/** ITI-8 over MLLP into the real registry, then ITI-42/ITI-18 over SOAP: feed, register, merge, query. */
class PatientFeedOverTheWireTest {
    private RegistryHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    static List<String> databases() {
        return List.of("h2", "derby");
    }

    private String feed(String message) throws Exception {
        try (MllpTestClient client = new MllpTestClient(h.registry.mllpPort())) {
            return new String(client.exchange(message.replace('\n', '\r').getBytes(StandardCharsets.ISO_8859_1)),
                    StandardCharsets.ISO_8859_1);
        }
    }

    private static String a01(String controlId, String pid) {
        return "MSH|^~\\&|PAT_IDENTITY_X_REF_MGR_MISYS|ALLSCRIPTS|XDSb_REG|IHE|20240101120000||ADT^A01^ADT_A01|"
                + controlId + "|P|2.3.1\nEVN|A01|20240101120000\nPID|||" + pid + "||Doe^John||19700101|M\nPV1||O\n";
    }

    private SoapClient.Response register(String pid) {
        SubmissionBuilder s = RegistryHarness.submission(pid);
        RegistryHarness.document(s);
        return h.soap.call(Vocabulary.ACTION_REGISTER, RegistryHarness.xml(s.build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void fedPatientsCanBeRegisteredAndMergesMoveTheirEntries(String database) throws Exception {
        h = RegistryHarness.start(database);
        String surviving = RegistryHarness.patient("SURV" + System.nanoTime());
        String subsumed = RegistryHarness.patient("SUBS" + System.nanoTime());

        // before the feed the registry does not know the patient
        SoapClient.Response early = register(surviving);
        assertTrue(early.body().contains("XDSUnknownPatientId"), early.body());

        assertTrue(feed(a01("1", surviving)).contains("MSA|AA|1"));
        assertTrue(feed(a01("2", subsumed)).contains("MSA|AA|2"));
        assertTrue(register(surviving).body().contains(Vocabulary.RESPONSE_SUCCESS));
        assertTrue(register(subsumed).body().contains(Vocabulary.RESPONSE_SUCCESS));

        String a40 = "MSH|^~\\&|PAT_IDENTITY_X_REF_MGR_MISYS|ALLSCRIPTS|XDSb_REG|IHE|20240101130000||ADT^A40^ADT_A39|3|P|2.3.1\n"
                + "EVN|A40|20240101130000\nPID|||" + surviving + "||Doe^John||19700101|M\nMRG|" + subsumed + "\n";
        assertTrue(feed(a40).contains("MSA|AA|3"));

        SoapClient.Response found = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.findDocuments(surviving, "LeafClass"));
        assertEquals(2, found.document().getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "ExtrinsicObject").getLength(), found.body());
        org.w3c.dom.NodeList ids = found.document().getElementsByTagNameNS(
                "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0", "ExternalIdentifier");
        int patientIds = 0;
        for (int i = 0; i < ids.getLength(); i++) {
            org.w3c.dom.Element id = (org.w3c.dom.Element) ids.item(i);
            if (Vocabulary.DE_PATIENT_ID.equals(id.getAttribute("identificationScheme"))) {
                assertEquals(surviving, id.getAttribute("value"), "entries show the surviving id");
                patientIds++;
            }
        }
        assertEquals(2, patientIds);

        SoapClient.Response gone = h.soap.call(Vocabulary.ACTION_STORED_QUERY, Queries.findDocuments(subsumed, "ObjectRef"));
        assertEquals(0, gone.document().getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "ObjectRef").getLength(), gone.body());

        SoapClient.Response late = register(subsumed);
        assertTrue(late.body().contains("XDSUnknownPatientId"), "subsumed id is no longer accepted: " + late.body());
    }
}
