package org.xdsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("etc"));
        return Files.writeString(dir.resolve("xdsi.properties"), text);
    }

    private static Map<String, String> flags(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsNeedNoFile() {
        ServerSettings s = ServerSettings.resolve(null, flags(), tmp);
        assertEquals(tmp.resolve("data"), s.dataDir());
        assertEquals("127.0.0.1", s.bind());
        assertEquals(8080, s.httpPort());
        assertEquals(2575, s.mllpPort());
        assertEquals(List.of("registry", "repository", "imaging-source"), s.actors());
        assertNull(s.domain());
        assertNull(s.repositoryUniqueId());
        assertNull(s.registryUrl());
        assertNull(s.dbUrl());
        assertFalse(s.acceptUnfedPatients());
        assertNull(s.codeLists());
        assertNull(s.homeCommunityId());
        assertEquals(10_000, s.maxQueryResults());
    }

    @Test
    void repositoryAloneNeedsARemoteRegistry() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(null, flags("actors", "repository"), tmp));
        assertTrue(e.getMessage().contains("registry-url"), e.getMessage());
        ServerSettings s = ServerSettings.resolve(null,
                flags("actors", "repository", "registry-url", "http://10.0.0.5:8080/xdsi/registry"), tmp);
        assertEquals(List.of("repository"), s.actors());
        assertEquals("http://10.0.0.5:8080/xdsi/registry", s.registryUrl().toString());
        assertThrows(SettingsException.class, () -> ServerSettings.resolve(null,
                flags("registry-url", "http://10.0.0.5:8080/xdsi/registry"), tmp));
    }

    @Test
    void actorsStartInDependencyOrder() {
        assertEquals(List.of("registry", "repository"),
                ServerSettings.resolve(null, flags("actors", "repository, registry"), tmp).actors());
    }

    @Test
    void fileOverridesDefaultsAndFlagsOverrideTheFile() throws IOException {
        Path file = config("""
                http.port = 9090
                mllp.port = 3000
                domain = 1.2.3
                accept-unfed-patients = true
                max-query-results = 50
                home-community-id = 1.2.3.4
                """);
        ServerSettings fileOnly = ServerSettings.resolve(file, flags(), tmp);
        assertEquals(9090, fileOnly.httpPort());
        assertEquals(3000, fileOnly.mllpPort());
        assertEquals("1.2.3", fileOnly.domain());
        assertTrue(fileOnly.acceptUnfedPatients());
        assertEquals(50, fileOnly.maxQueryResults());
        assertEquals("urn:oid:1.2.3.4", fileOnly.homeCommunityId());

        ServerSettings withFlags = ServerSettings.resolve(file,
                flags(ServerSettings.HTTP_PORT, "0", ServerSettings.DOMAIN, "1.2.9",
                        ServerSettings.ACCEPT_UNFED_PATIENTS, "false", ServerSettings.MLLP_PORT, null), tmp);
        assertEquals(0, withFlags.httpPort());
        assertEquals("1.2.9", withFlags.domain());
        assertFalse(withFlags.acceptUnfedPatients());
        assertEquals(3000, withFlags.mllpPort(), "a flag not given keeps the file's value");
        assertEquals(50, withFlags.maxQueryResults());
    }

    @Test
    void pathsInTheFileAreRelativeToTheFileAndFlagPathsToTheCallersDirectory() throws IOException {
        Path file = config("data = ../var/xdsi\n");
        assertEquals(tmp.resolve("var/xdsi"), ServerSettings.resolve(file, flags(), tmp.resolve("elsewhere")).dataDir());
        assertEquals(tmp.resolve("cwd/mine"),
                ServerSettings.resolve(file, flags(ServerSettings.DATA, "mine"), tmp.resolve("cwd")).dataDir());
    }

    @Test
    void unknownActorOnTheCommandLineIsAUsageError() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(null, flags(ServerSettings.ACTORS, "registry,bogus"), tmp));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("--actors") && e.getMessage().contains("bogus"), e.getMessage());
    }

    @Test
    void badValuesInTheFileNameTheFileAndKey() throws IOException {
        Path file = config("http.port = eighty\n");
        SettingsException e = assertThrows(SettingsException.class, () -> ServerSettings.resolve(file, flags(), tmp));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("http.port") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void unknownKeysAndMissingFilesAreRejected() throws IOException {
        Path typo = config("http-port = 80\n");
        assertEquals(1, assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(typo, flags(), tmp)).exitCode());
        assertEquals(1, assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(tmp.resolve("missing.properties"), flags(), tmp)).exitCode());
    }

    @Test
    void rejectsMalformedDomainAndPorts() {
        assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(null, flags(ServerSettings.DOMAIN, "1.2.x"), tmp));
        assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(null, flags(ServerSettings.DOMAIN, "01.2"), tmp));
        assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(null, flags(ServerSettings.HTTP_PORT, "70000"), tmp));
    }

    @Test
    void printedJdbcUrlHidesThePassword() {
        assertEquals("jdbc:postgresql://db/xdsi?user=x&password=***&ssl=true",
                XdsiServer.withoutPassword("jdbc:postgresql://db/xdsi?user=x&password=s3cret&ssl=true"));
        assertEquals("jdbc:h2:file:/d/r;PASSWORD=***", XdsiServer.withoutPassword("jdbc:h2:file:/d/r;PASSWORD=pw"));
    }
}
