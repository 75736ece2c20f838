package org.xdsi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.archive.ImagingDatabase;
import org.xdsi.server.ServerSettings;
import org.xdsi.server.XdsiServer;
import org.xdsi.server.cli.ClientCommandsEndToEndTest.Run;

/**
 * {@code xdsi publish} and {@code xdsi status} against the whole system started in this JVM (registry, repository,
 * imaging source), with studies put into the imaging source's index as the archive does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagingCommandsEndToEndTest {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String STUDY = "1.2.826.0.1.3680043.9.7.3001";
    static final String MAPPED_STUDY = "1.2.826.0.1.3680043.9.7.3002";
    static final String HELD_STUDY = "1.2.826.0.1.3680043.9.7.3003";

    private XdsiServer server;
    private ImagingDatabase index;
    private String base;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path map = tmp.resolve("patient-map.properties");
        Files.writeString(map, "issuer.HOSP_A = domain\n");
        Map<String, String> flags = new HashMap<>();
        flags.put(ServerSettings.DATA, data.toString());
        flags.put(ServerSettings.HTTP_PORT, "0");
        flags.put(ServerSettings.MLLP_PORT, "0");
        flags.put(ServerSettings.BIND, "127.0.0.1");
        flags.put(ServerSettings.DOMAIN, DOMAIN);
        flags.put(ServerSettings.ACCEPT_UNFED_PATIENTS, "true");
        flags.put(ServerSettings.IMAGING_QUIET_SECONDS, "3600"); // only the command publishes here
        flags.put(ServerSettings.IMAGING_PATIENT_MAP, map.toString());
        ServerSettings settings = ServerSettings.resolve(null, flags, tmp);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        server = new XdsiServer(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        server.start(settings);
        for (String line : stdout.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("endpoint registry ")) {
                base = line.substring("endpoint registry ".length()).replaceFirst("/registry$", "");
            }
        }
        assertNotNull(base, stdout::toString);
        // the same H2 database as the running imaging source (one database per URL in a JVM)
        index = ImagingDatabase.open("jdbc:h2:file:" + data.toAbsolutePath().resolve("imaging/index/imaging"));
        insertStudy(STUDY, "P-1", DOMAIN);
        insertStudy(MAPPED_STUDY, "P-2", "HOSP_A");
        insertStudy(HELD_STUDY, "P-3", "HOSP_UNKNOWN");
    }

    @AfterAll
    void stop() {
        if (index != null) {
            index.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void insertStudy(String uid, String patientId, String issuer) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = index.dataSource().getConnection()) {
            exec(c, "INSERT INTO study (study_uid, patient_id, patient_issuer, accession_number, study_date,"
                    + " study_description, revision, updated_at) VALUES (?, ?, ?, 'A1', '20240301', 'CT chest', 1, ?)",
                    uid, patientId, issuer, now);
            exec(c, "INSERT INTO series (series_uid, study_uid, modality, body_part, series_number)"
                    + " VALUES (?, ?, 'CT', 'CHEST', 1)", uid + ".1", uid);
            exec(c, "INSERT INTO instance (sop_instance_uid, series_uid, study_uid, sop_class_uid,"
                    + " transfer_syntax_uid, instance_number, file_path, file_size, received_at)"
                    + " VALUES (?, ?, ?, '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', 1, 'x.dcm', 10, ?)",
                    uid + ".1.1", uid + ".1", uid, now);
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void publishThenStatus() {
        Run pending = ClientCommandsEndToEndTest.xdsi("status", STUDY, "--url", base);
        assertEquals(0, pending.exit(), pending::toString);
        assertEquals("PENDING", pending.value("state"));

        Run published = ClientCommandsEndToEndTest.xdsi("publish", STUDY, "--url", base);
        assertEquals(0, published.exit(), published::toString);
        assertEquals("PUBLISHED", published.value("result"));
        assertEquals("PUBLISHED", published.value("state"));
        assertEquals("1", published.value("published-revision"));
        String manifest = published.value("manifest");
        assertTrue(manifest.matches("[0-9.]+"), manifest);
        assertTrue(published.value("entry-uuid").startsWith("urn:uuid:"));

        Run status = ClientCommandsEndToEndTest.xdsi("status", STUDY, "--url", base + "/");
        assertEquals(0, status.exit(), status::toString);
        assertEquals("PUBLISHED", status.value("state"));
        assertEquals(manifest, status.value("manifest"));

        // the patient map of the settings: HOSP_A's IDs are the domain's
        Run mapped = ClientCommandsEndToEndTest.xdsi("publish", MAPPED_STUDY, "--url", base);
        assertEquals(0, mapped.exit(), mapped::toString);
    }

    @Test
    void aHeldStudyFailsTheCommandsWithItsReason() {
        Run held = ClientCommandsEndToEndTest.xdsi("publish", HELD_STUDY, "--url", base);
        assertEquals(1, held.exit(), held::toString);
        assertEquals("HELD", held.value("result"));
        assertTrue(held.value("last-error").contains("HOSP_UNKNOWN"), held::toString);
        assertTrue(held.err().startsWith("xdsi publish: held: "), held::toString);

        Run table = ClientCommandsEndToEndTest.xdsi("status", "--url", base);
        assertEquals(1, table.exit(), table::toString);
        assertTrue(table.lines().get(0).startsWith("STUDY"), table::toString);
        String heldRow = table.lines().stream().filter(l -> l.startsWith(HELD_STUDY)).findFirst().orElseThrow();
        assertTrue(heldRow.contains("HELD") && heldRow.contains("HOSP_UNKNOWN"), heldRow);
        assertTrue(table.lines().stream().anyMatch(l -> l.startsWith(STUDY + " ")), table::toString);
    }

    @Test
    void unknownStudiesBadArgumentsAndNoServer() throws Exception {
        Run unknown = ClientCommandsEndToEndTest.xdsi("publish", "1.2.3.999", "--url", base);
        assertEquals(1, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("unknown study"), unknown::toString);
        Run unknownStatus = ClientCommandsEndToEndTest.xdsi("status", "1.2.3.999", "--url", base);
        assertEquals(1, unknownStatus.exit(), unknownStatus::toString);

        Run badUid = ClientCommandsEndToEndTest.xdsi("publish", "not-a-uid", "--url", base);
        assertEquals(2, badUid.exit(), badUid::toString);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run down = ClientCommandsEndToEndTest.xdsi("status", "--url", "http://127.0.0.1:" + port + "/xdsi");
        assertEquals(2, down.exit(), down::toString);
        assertTrue(down.err().contains("cannot connect"), down::toString);

        // a server that is not the imaging source's admin API
        Run notAdmin = ClientCommandsEndToEndTest.xdsi("status", "--url", base + "/registry");
        assertEquals(2, notAdmin.exit(), notAdmin::toString);
    }
}
