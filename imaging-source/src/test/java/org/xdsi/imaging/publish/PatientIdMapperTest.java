package org.xdsi.imaging.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.imaging.kos.PatientInfo;

class PatientIdMapperTest {
    private static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";

    @TempDir
    Path dir;

    private static PatientInfo patient(String id, String issuer) {
        return new PatientInfo(id, issuer, null, null, null);
    }

    @Test
    void theDomainsOwnIssuerMapsToItself() {
        PatientIdMapper mapper = PatientIdMapper.identity(DOMAIN);
        assertEquals("P1^^^&" + DOMAIN + "&ISO", mapper.map(patient("P1", DOMAIN)).patientId());
        // the issuer as the Issuer of Patient ID Qualifiers' Universal Entity ID, written as an HD
        assertEquals("P1^^^&" + DOMAIN + "&ISO", mapper.map(patient("P1", "&" + DOMAIN + "&ISO")).patientId());
        assertEquals("P1^^^&" + DOMAIN + "&ISO", mapper.map(patient(" P1 ", "HOSP&" + DOMAIN + "&ISO")).patientId());
    }

    @Test
    void anyOtherIssuerIsUnmappableWithoutAMap() {
        PatientIdMapper mapper = PatientIdMapper.identity(DOMAIN);
        PatientIdMapper.Mapping other = mapper.map(patient("P1", "1.2.3.4"));
        assertFalse(other.mapped());
        assertNull(other.patientId());
        assertTrue(other.problem().contains("'P1' issued by '1.2.3.4'"), other.problem());
        PatientIdMapper.Mapping none = mapper.map(patient("P1", null));
        assertFalse(none.mapped());
        assertTrue(none.problem().contains("no Issuer of Patient ID"), none.problem());
    }

    @Test
    void theMapFileMapsIssuersAndSinglePatients() throws Exception {
        Path file = dir.resolve("map.properties");
        Files.writeString(file, """
                # HOSP_A uses the domain's numbers
                issuer.HOSP_A = domain
                issuer.1.2.3.4 = %s
                patient.HOSP_B/12345 = 98765
                patient./NOISSUER-1 = 555
                """.formatted(DOMAIN));
        PatientIdMapper mapper = PatientIdMapper.load(DOMAIN, file);
        assertEquals("A7^^^&" + DOMAIN + "&ISO", mapper.map(patient("A7", "HOSP_A")).patientId());
        assertEquals("X^^^&" + DOMAIN + "&ISO", mapper.map(patient("X", "1.2.3.4")).patientId());
        assertEquals("98765^^^&" + DOMAIN + "&ISO", mapper.map(patient("12345", "HOSP_B")).patientId());
        assertEquals("555^^^&" + DOMAIN + "&ISO", mapper.map(patient("NOISSUER-1", null)).patientId());
        assertFalse(mapper.map(patient("12346", "HOSP_B")).mapped(), "only the listed patient of HOSP_B");
    }

    @Test
    void anIdThatIsNoValidCxIsNotPublished() {
        PatientIdMapper.Mapping m = PatientIdMapper.identity(DOMAIN).map(patient("A^B", DOMAIN));
        assertFalse(m.mapped());
        assertTrue(m.problem().contains("HL7 delimiters"), m.problem());
    }

    @Test
    void badEntriesAreRefusedWithTheirName() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "issuer.HOSP_A = 1.2.3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatientIdMapper.load(DOMAIN, file));
        assertTrue(e.getMessage().contains("issuer.HOSP_A"), e.getMessage());
        Files.writeString(file, "HOSP_A/1 = 2\n");
        e = assertThrows(IllegalArgumentException.class, () -> PatientIdMapper.load(DOMAIN, file));
        assertTrue(e.getMessage().contains("unknown entry 'HOSP_A/1'"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PatientIdMapper.load(DOMAIN, dir.resolve("absent.properties")));
        assertTrue(missing.getMessage().contains("absent.properties"), missing.getMessage());
    }
}
