package org.xdsi.repository.store;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every store test again with buffered I/O, the path of file systems that refuse direct I/O. */
class BufferedFileDocumentStoreTest extends FileDocumentStoreTest {
    @Override
    FileDocumentStore newStore(Path root) {
        return new FileDocumentStore(root, false);
    }

    @Test
    void usesBufferedIo() {
        assertFalse(store.directIo());
    }
}
