package org.xdsi.registry.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.XdsException;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.registry.patient.JdbcPatientIdentityIndex;
import org.xdsi.registry.patient.PatientIdentityIndex;
import org.xdsi.registry.store.RegistryDatabase;
import org.xdsi.registry.testing.RegistryHarness;
import org.xdsi.registry.testing.TestDatabases;

/**
 * Two submissions of one new document, both validated before either committed: the database lets only the first
 * add an entry, and the second is told to send again (XDSRegistryBusy) with nothing of it stored. The race is
 * staged deterministically: the second submission's validation, right after finding the uniqueId free, lets the
 * first register and commit.
 */
class ConcurrentRegistrationTest {
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    static List<String> databases() {
        return List.of("h2", "derby");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ofTwoSubmissionsOfOneNewDocumentAtTheSameMomentOnlyOneAddsAnEntry(String kind) throws Exception {
        try (RegistryDatabase db = RegistryDatabase.open(TestDatabases.url(kind), null, null)) {
            PatientIdentityIndex patients = new JdbcPatientIdentityIndex(db);
            String pid = RegistryHarness.patient("RACE");
            patients.register(pid);
            SubmissionValidator validator = new SubmissionValidator(RegistryHarness.DOMAIN, CodeLists.NONE);
            RegistryLookup registry = new JdbcRegistryLookup(db.dataSource(), patients);
            RegisterHandler first = new RegisterHandler(db, validator, patients, RegistryHarness.DOMAIN, false);

            SubmissionBuilder late = RegistryHarness.submission(pid);
            DocumentEntryBuilder document = RegistryHarness.document(late).hashAndSize(HASH, 92);
            SubmissionBuilder early = RegistryHarness.submission(pid);
            RegistryHarness.document(early).uniqueId(document.uniqueIdValue()).hashAndSize(HASH, 92);

            RegistryLookup racing = new DelegatingLookup(registry) {
                private boolean raced;

                @Override
                public List<StoredDocument> documentsByUniqueId(String uniqueId) {
                    List<StoredDocument> seen = super.documentsByUniqueId(uniqueId);
                    if (!raced && uniqueId.equals(document.uniqueIdValue())) {
                        raced = true;
                        try {
                            first.register(early.build());
                        } catch (XdsException e) {
                            throw new AssertionError("the competing submission must succeed", e);
                        }
                    }
                    return seen;
                }
            };
            RegisterHandler second = new RegisterHandler(db, validator, patients, racing, RegistryHarness.DOMAIN,
                    false);

            XdsException refused = assertThrows(XdsException.class, () -> second.register(late.build()));

            assertEquals(ErrorCode.XDSRegistryBusy, refused.errors().get(0).code());
            assertTrue(refused.errors().get(0).codeContext().contains("send this submission again"),
                    refused.errors().get(0).codeContext());
            assertEquals(1, registry.documentsByUniqueId(document.uniqueIdValue()).size(), "one entry: the first's");
            assertFalse(registry.packageUniqueIdExists(late.uniqueId()), "nothing of the refused submission");
        }
    }

    /** A lookup that answers from another; tests override what they stage. */
    private static class DelegatingLookup implements RegistryLookup {
        private final RegistryLookup delegate;

        DelegatingLookup(RegistryLookup delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StoredObject> object(String entryUuid) {
            return delegate.object(entryUuid);
        }

        @Override
        public List<StoredDocument> documentsByUniqueId(String uniqueId) {
            return delegate.documentsByUniqueId(uniqueId);
        }

        @Override
        public boolean packageUniqueIdExists(String uniqueId) {
            return delegate.packageUniqueIdExists(uniqueId);
        }

        @Override
        public boolean isKnownPatient(String patientId) {
            return delegate.isKnownPatient(patientId);
        }
    }
}
