package org.xdsi.repository.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.repository.store.DocumentStore;
import org.xdsi.repository.store.IncomingDocument;
import org.xdsi.repository.store.StoredDocument;

class RetrieveHandlerTest {
    static final String REPOSITORY = "1.3.6.1.4.1.21367.13.50.7";

    /** A store whose files cannot be read: the failure names a server path and a Java class. */
    static final class BrokenStore implements DocumentStore {
        @Override
        public IncomingDocument receive(String uniqueId, String mimeType, InputStream content, long maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredDocument> find(String uniqueId) throws IOException {
            throw new IOException("unreadable document metadata in /srv/xdsi/data/repository/documents/ab/cd",
                    new NoSuchFileException("/srv/xdsi/data/repository/documents/ab/cd/meta.properties"));
        }

        @Override
        public List<IncomingDocument> leftovers() {
            return List.of();
        }
    }

    @Test
    void aStoreThatCannotBeReadIsAGenericRepositoryErrorWithoutItsDetails() {
        Retrieval r = new RetrieveHandler(new BrokenStore(), REPOSITORY)
                .retrieve(List.of(new DocumentRequest(null, REPOSITORY, "1.2.3.4")));

        assertEquals(Vocabulary.RESPONSE_FAILURE, r.status());
        assertEquals(1, r.errors().size());
        XdsError e = r.errors().get(0);
        assertEquals(ErrorCode.XDSRepositoryError, e.code());
        assertEquals("1.2.3.4", e.location());
        assertTrue(e.codeContext().contains("1.2.3.4") && e.codeContext().contains(REPOSITORY), e.codeContext());
        assertFalse(e.codeContext().contains("/srv"), "no server path: " + e.codeContext());
        assertFalse(e.codeContext().contains("Exception") || e.codeContext().contains("meta.properties"),
                e.codeContext());
    }
}
