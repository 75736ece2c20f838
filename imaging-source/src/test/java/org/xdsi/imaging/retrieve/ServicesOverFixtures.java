package org.xdsi.imaging.retrieve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For {@code @RegisterExtension static final}: the test {@link Fixtures} in a folder of their own, and the retrieve
 * services over them on a loopback port, from a test class's first test to its last.
 */
final class ServicesOverFixtures implements BeforeAllCallback, AfterAllCallback {
    Fixtures fixtures;
    FolderInstanceLocator locator;
    RetrieveHarness harness;
    Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("xdsi-retrieve-test");
        fixtures = Fixtures.create(Files.createDirectories(dir.resolve("archive")));
        locator = new FolderInstanceLocator(fixtures.root);
        harness = new RetrieveHarness(locator, dir.resolve("tmp"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (harness != null) {
            harness.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
