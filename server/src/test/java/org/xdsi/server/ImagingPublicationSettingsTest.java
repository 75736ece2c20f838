package org.xdsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imaging source's RAD-68 settings: patient map file and the affinity domain's codes. */
class ImagingPublicationSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void patientMapAndCodesFromTheConfigFile() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("patients.properties"), "issuer.HOSP_A = domain\n");
        Path config = Files.writeString(etc.resolve("xdsi.properties"), """
                imaging-patient-map = patients.properties
                imaging-class-code = DI^1.2.3^Diagnostic images
                imaging-language-code = de-CH
                """);
        ServerSettings s = ServerSettings.resolve(config, Map.of(), tmp);
        assertEquals(etc.resolve("patients.properties"), s.imagingPatientMap());
        assertEquals("DI^1.2.3^Diagnostic images", s.imagingCode(ServerSettings.IMAGING_CLASS_CODE));
        assertNull(s.imagingCode(ServerSettings.IMAGING_TYPE_CODE));
        assertEquals("de-CH", s.imagingLanguageCode());
    }

    @Test
    void aMissingPatientMapOrABadCodeStopsTheStart() throws Exception {
        SettingsException missing = assertThrows(SettingsException.class, () -> ServerSettings.resolve(null,
                Map.of(ServerSettings.IMAGING_PATIENT_MAP, "absent.properties"), tmp));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getMessage().startsWith("--imaging-patient-map: file "), missing.getMessage());
        Path config = Files.writeString(tmp.resolve("x.properties"), "imaging-type-code = 18748-4\n");
        SettingsException bad = assertThrows(SettingsException.class,
                () -> ServerSettings.resolve(config, Map.of(), tmp));
        assertTrue(bad.getMessage().contains("imaging-type-code") && bad.getMessage().contains("code^codingScheme"),
                bad.getMessage());
    }

    @Test
    void anUnusablePatientMapStopsTheStartWithItsEntry() throws Exception {
        Path map = Files.writeString(tmp.resolve("map.properties"), "HOSP_A = domain\n");
        ServerSettings s = ServerSettings.resolve(null, Map.of(ServerSettings.DATA, tmp.resolve("data").toString(),
                ServerSettings.HTTP_PORT, "0", ServerSettings.MLLP_PORT, "0",
                ServerSettings.IMAGING_PATIENT_MAP, map.toString()), tmp);
        try (XdsiServer server = new XdsiServer(new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
            SettingsException e = assertThrows(SettingsException.class, () -> server.start(s));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().contains("unknown entry 'HOSP_A'"), e.getMessage());
        }
    }

    @Test
    void theRunCommandHasTheFlag() {
        RunCommand run = new RunCommand();
        new picocli.CommandLine(run).parseArgs("--imaging-patient-map", "map.properties");
        assertEquals("map.properties", run.flags().get(ServerSettings.IMAGING_PATIENT_MAP));
    }
}
