package org.xdsi.repository.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the repository's store folder holds under {@code staging/} and {@code documents/}: path → size. */
public record StoreFiles(Map<String, Long> files) {

    public static StoreFiles of(Path store) {
        Map<String, Long> files = new TreeMap<>();
        for (String sub : new String[] {"staging", "documents"}) {
            Path dir = store.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    if (Files.isRegularFile(p)) {
                        files.put(store.relativize(p).toString().replace('\\', '/'), Files.size(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new StoreFiles(files);
    }

    /** The store holds exactly the files it held before: nothing new in staging/ or documents/, nothing lost. */
    public void assertUnchanged(Path store) {
        assertEquals(files, of(store).files(), "the store's staging/ and documents/ must hold no new file");
    }

    /** Files under {@code staging/}. */
    public long staged() {
        return files.keySet().stream().filter(p -> p.startsWith("staging/")).count();
    }

    /** Committed documents: folders under {@code documents/} with a content file. */
    public long documents() {
        return files.keySet().stream().filter(p -> p.startsWith("documents/") && p.endsWith("/content")).count();
    }
}
