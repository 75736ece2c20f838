package org.xdsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheFolderAndGeneratesTheDomainOnce() {
        Path dir = tmp.resolve("nested/data");
        DataFolder first = DataFolder.open(dir);
        assertTrue(Files.isDirectory(dir));
        assertNull(first.storedDomain());

        String domain = first.domain();
        assertTrue(ServerSettings.isOid(domain), domain);
        assertTrue(domain.startsWith("2.25."), domain);
        assertTrue(Files.exists(dir.resolve(DataFolder.IDENTITY_FILE)));
        assertEquals(domain, first.domain());

        // next start: same folder, same domain
        DataFolder again = DataFolder.open(dir);
        assertEquals(domain, again.storedDomain());
        assertEquals(domain, again.domain());
    }

    @Test
    void aDomainGivenOnTheFirstStartIsKeptForLaterStarts() {
        DataFolder first = DataFolder.open(tmp.resolve("given"));
        first.rememberDomain("1.3.6.1.4.1.21367.13.20.1000");
        assertEquals("1.3.6.1.4.1.21367.13.20.1000", DataFolder.open(tmp.resolve("given")).domain());
        first.rememberDomain("1.2.3");
        assertEquals("1.3.6.1.4.1.21367.13.20.1000", first.storedDomain(), "a stored domain is never replaced");
    }

    @Test
    void anotherFolderGetsAnotherDomain() {
        assertNotEquals(DataFolder.open(tmp.resolve("a")).domain(), DataFolder.open(tmp.resolve("b")).domain());
    }

    @Test
    void uuidOidIsTheUnsignedDecimalOfA128BitNumber() {
        for (int i = 0; i < 100; i++) {
            String oid = DataFolder.newUuidOid();
            String number = oid.substring("2.25.".length());
            assertTrue(number.matches("0|[1-9][0-9]{0,38}"), oid);
            assertTrue(new java.math.BigInteger(number).bitLength() <= 128, oid);
        }
    }

    @Test
    void defaultJdbcUrlIsAnAbsoluteH2FileUnderTheDataFolder() {
        DataFolder data = DataFolder.open(tmp.resolve("d"));
        String url = data.defaultRegistryJdbcUrl();
        assertEquals("jdbc:h2:file:" + data.dir().resolve("registry/registry") + "", url);
        assertTrue(data.dir().isAbsolute());
    }
}
