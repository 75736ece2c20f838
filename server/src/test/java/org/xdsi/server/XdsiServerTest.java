package org.xdsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up lines of {@code xdsi run} for each set of actors. */
class XdsiServerTest {
    @TempDir
    Path tmp;

    private List<String> startupLines(String... kv) {
        Map<String, String> flags = new HashMap<>();
        flags.put(ServerSettings.DATA, tmp.resolve("data").toString());
        flags.put(ServerSettings.HTTP_PORT, "0");
        flags.put(ServerSettings.MLLP_PORT, "0");
        flags.put(ServerSettings.DOMAIN, "1.3.6.1.4.1.21367.13.20.1000");
        for (int i = 0; i < kv.length; i += 2) {
            flags.put(kv[i], kv[i + 1]);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (XdsiServer server = new XdsiServer(new PrintStream(stdout, true, StandardCharsets.UTF_8))) {
            server.start(ServerSettings.resolve(null, flags, tmp));
        }
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void aRepositoryWithARemoteRegistryPrintsNoDatabaseLine() {
        String remote = "http://127.0.0.1:9/xdsi/registry"; // never called during start-up
        List<String> lines = startupLines(ServerSettings.ACTORS, "repository", ServerSettings.REGISTRY_URL, remote);
        assertEquals(0, count(lines, "database "), lines::toString);
        assertTrue(lines.contains("registry " + remote), lines::toString);
        assertEquals(1, count(lines, "endpoint repository "), lines::toString);
        assertEquals("xdsi ready", lines.get(lines.size() - 1), lines::toString);
    }

    @Test
    void theRegistryPrintsItsDatabase() {
        List<String> lines = startupLines(ServerSettings.ACTORS, "registry");
        assertEquals(1, count(lines, "database jdbc:h2:file:"), lines::toString);
        assertEquals(0, count(lines, "endpoint repository "), lines::toString);
        assertEquals("xdsi ready", lines.get(lines.size() - 1), lines::toString);
    }
}
