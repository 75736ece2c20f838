package org.xdsi.metadata.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7TypesTest {

    // ---- CX

    @ParameterizedTest
    @ValueSource(strings = {"543797436^^^&1.2.840.113619.6.197&ISO", "P1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO",
            "a-b.c^^^NS&1.2.3&ISO"})
    void xdsPatientIdGood(String v) {
        assertTrue(Cx.isValidXdsPatientId(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"543797436", "543797436^^^&1.2.3&L", "543797436^^^&1.2.3", "^^^&1.2.3&ISO",
            "1^x^^&1.2.3&ISO", "1^^x^&1.2.3&ISO", "1^^^&1.2.3&ISO^PI", "1^^^&abc&ISO", "1^^^NS", "1^^^&01.2&ISO",
            "1&2^^^&1.2.3&ISO", "1^^^&1.2.3&ISO&x"})
    void xdsPatientIdBad(String v) {
        assertFalse(Cx.isValidXdsPatientId(v), v);
    }

    @Test
    void assigningAuthority() {
        assertEquals("1.2.840.113619.6.197", Cx.assigningAuthority("543797436^^^&1.2.840.113619.6.197&ISO"));
        assertNull(Cx.assigningAuthority("543797436"));
        assertNull(Cx.assigningAuthority("543797436^^^NS"));
        assertNull(Cx.assigningAuthority(null));
        assertEquals("543797436", Cx.idNumber("543797436^^^&1.2.3&ISO"));
    }

    @Test
    void anyCx() {
        assertTrue(Cx.isValidCx("543797436^^^&1.2.840.113619.6.197&ISO"));
        assertTrue(Cx.isValidCx("X1^^^HOSP"));
        assertTrue(Cx.isValidCx("X1^^^&1.2.3&ISO^PI"));
        assertFalse(Cx.isValidCx("X1"));
        assertFalse(Cx.isValidCx("^^^&1.2.3&ISO"));
        assertFalse(Cx.isValidCx("X1^^^"));
        assertFalse(Cx.isValidCx("X1^^^&1.2.3"));
        assertFalse(Cx.isValidCx(null));
    }

    // ---- OID

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "0.0", "2.25.329800735698586629295641978511506172918",
            "1.3.6.1.4.1.21367.13.20.1000", "2.16.840.1.113883.6.1", "1.0.3"})
    void oidGood(String v) {
        assertTrue(Oid.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1", "1..2", ".1.2", "1.2.", "1.02.3", "01.2", "3.1", "1.2.a", "1.2 .3", "urn:oid:1.2.3",
            "1.2.3333333333333333333333333333333333333333333333333333333333333"})
    void oidBad(String v) {
        assertFalse(Oid.isValid(v), v);
    }

    @Test
    void oidUrn() {
        assertTrue(Oid.isValidUrn("urn:oid:1.2.3"));
        assertFalse(Oid.isValidUrn("1.2.3"));
    }

    // ---- UUID

    @ParameterizedTest
    @ValueSource(strings = {"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd", "urn:uuid:7EDCA82F-054D-47F2-A032-9B2A5B5186C1"})
    void uuidGood(String v) {
        assertTrue(Uuid.isUrnUuid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a54d6aa5-d40d-43f9-88c5-b4633d873bdd", "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bd",
            "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bddx", "urn:uuid:a54d6aa5d40d-43f9-88c5-b4633d873bdd0",
            "urn:uuid:g54d6aa5-d40d-43f9-88c5-b4633d873bdd", "urn:uuid:Document1", "urn:uuid:"})
    void uuidBad(String v) {
        assertFalse(Uuid.isUrnUuid(v), v);
    }

    // ---- CXi

    @ParameterizedTest
    @ValueSource(strings = {"2013001^^^&1.2.3.4.5.6&ISO^urn:ihe:iti:xds:2013:accession",
            "1.2.3.45.678^^^^urn:ihe:iti:xds:2016:studyInstanceUID", "A1^^^^urn:ihe:iti:xds:2013:order^x"})
    void cxiGood(String v) {
        assertTrue(Cxi.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2013001", "2013001^^^&1.2.3&ISO", "2013001^^^&1.2.3&ISO^", "^^^^urn:ihe:iti:xds:2013:order",
            "1^x^^^urn:ihe:iti:xds:2013:order"})
    void cxiBad(String v) {
        assertFalse(Cxi.isValid(v), v);
    }

    // ---- XCN

    @ParameterizedTest
    @ValueSource(strings = {"11375^Welby^Marcus^J^Jr. MD^Dr^^^&2.999.6.197&ISO", "^Welby^Marcus^^^Dr", "^Welby",
            "1.2.3.4^Welby", "11375^^^^^^^^&1.2.3&ISO", "^Smith&Van"})
    void xcnGood(String v) {
        assertTrue(Xcn.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"^^Marcus", "11375^Welby", "11375^Welby^^^^^^^&1.2.3&L", "11375^Welby^^^^^^^NS", "^^^^^^"})
    void xcnBad(String v) {
        assertFalse(Xcn.isValid(v), v);
    }

    // ---- XON

    @ParameterizedTest
    @ValueSource(strings = {"Some Hospital^^^^^^^^^1.2.3.4.5", "Some Hospital", "Some Hospital^^^^^&1.2.3&ISO^^^^H42"})
    void xonGood(String v) {
        assertTrue(Xon.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"^^^^^^^^^1.2.3.4.5", "Some Hospital^^^^^^^^^H42", "Some Hospital^^^^^&1.2.3&L^^^^H42"})
    void xonBad(String v) {
        assertFalse(Xon.isValid(v), v);
    }

    // ---- XTN

    @ParameterizedTest
    @ValueSource(strings = {"^^Internet^name@example.org", "^NET^Internet^a@b.org", "^PRS^PH^^31^^(042) 1123 4567",
            "(042) 1123 4567"})
    void xtnGood(String v) {
        assertTrue(Xtn.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"^^Internet^", "^^Internet^no-at-sign", "^WPN^Internet^a@b.org", "^PRS^PH", "^^Internet^@b.org"})
    void xtnBad(String v) {
        assertFalse(Xtn.isValid(v), v);
    }

    // ---- DTM

    @ParameterizedTest
    @ValueSource(strings = {"2024", "202402", "20240229", "2024022913", "202402291359", "20240229135959"})
    void dtmGood(String v) {
        assertTrue(Dtm.isValid(v), v);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"20230229", "20230230", "20240431", "2024022924", "20240229240000", "202413",
            "20240229135960", "2024022913595", "20240229135959.1", "20240229135959+0100", "24"})
    void dtmBad(String v) {
        assertFalse(Dtm.isValid(v), v);
    }

    @Test
    void dtmToNumber() {
        assertEquals(20240200000000L, Dtm.toNumber("202402"));
        assertNull(Dtm.toNumber("x"));
        assertTrue(Dtm.toNumber("20240101") < Dtm.toNumber("2024010100001"+"0"));
    }
}
