package org.xdsi.registry.patient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xdsi.registry.patient.Hl7TestMessages.Ack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.patient.Hl7TestMessages.DOMAIN;
import static org.xdsi.registry.patient.Hl7TestMessages.domainCx;
import static org.xdsi.registry.patient.Hl7TestMessages.msh;
import static org.xdsi.registry.patient.Hl7TestMessages.pid;
import static org.xdsi.registry.patient.Hl7TestMessages.resource;
import static org.xdsi.registry.patient.Hl7TestMessages.segments;
import static org.xdsi.registry.patient.Hl7TestMessages.xdsId;

class PatientFeedHandlerTest {

    private final FakePatientIdentityIndex index = new FakePatientIdentityIndex();
    private final PatientFeedHandler handler = new PatientFeedHandler(DOMAIN, index);

    private Ack send(String message) {
        return Ack.parse(handler.handle(message));
    }

    @Test
    void a01V231RegistersDomainIdAndAcknowledgesInSameVersion() {
        Ack ack = send(resource("a01-v231.hl7"));

        assertEquals("AA", ack.msa1());
        assertEquals("1001", ack.msa2());
        assertEquals("2.3.1", ack.version());
        assertEquals("ACK^A01^ACK", ack.type());
        assertEquals("XDSb_REG", ack.sendingApp());
        assertEquals("PAT_IDENTITY_X_REF_MGR_MISYS", ack.receivingApp());
        assertEquals("8859/1", ack.charset());
        assertEquals(Set.of(xdsId("1234567")), index.registered);
    }

    @Test
    void a04V25RegistersOnlyTheDomainRepetitionOfPid3() {
        Ack ack = send(resource("a04-v25.hl7"));

        assertEquals("AA", ack.msa1());
        assertEquals("1002", ack.msa2());
        assertEquals("2.5", ack.version());
        assertEquals("ACK^A04^ACK", ack.type());
        assertEquals(Set.of(xdsId("7654321")), index.registered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A01", "A04", "A05", "A08"})
    void everyIdentityEventRegisters(String event) {
        Ack ack = send(segments(msh("ADT^" + event, "c-" + event, "2.5"), "EVN|" + event,
                pid(domainCx("42")), "PV1||O"));

        assertEquals("AA", ack.msa1());
        assertEquals("c-" + event, ack.msa2());
        assertEquals(Set.of(xdsId("42")), index.registered);
    }

    @Test
    void a08OfKnownPatientKeepsItRegistered() {
        send(resource("a01-v231.hl7"));
        Ack ack = send(segments(msh("ADT^A08^ADT_A01", "2001", "2.3.1"), "EVN|A08",
                "PID|||1234567^^^&" + DOMAIN + "&ISO||Doe^Johnny||19700101|M", "PV1||O"));

        assertEquals("AA", ack.msa1());
        assertEquals(Set.of(xdsId("1234567")), index.registered);
    }

    @Test
    void emptyUniversalIdTypeIsAccepted() {
        send(segments(msh("ADT^A01", "1", "2.3.1"), "EVN|A01", pid("55^^^&" + DOMAIN), "PV1||O"));

        assertEquals(Set.of(xdsId("55")), index.registered);
    }

    @Test
    void otherAuthoritiesAreAcknowledgedAndIgnored() {
        Ack ack = send(segments(msh("ADT^A01", "3001", "2.3.1"), "EVN|A01",
                pid("99^^^OTHER&1.2.3.4&ISO", "98^^^&" + DOMAIN + "&DNS", "97^^^IHERED"), "PV1||O"));

        assertEquals("AA", ack.msa1());
        assertEquals("3001", ack.msa2());
        assertTrue(index.registered.isEmpty());
    }

    @Test
    void a40MergesSubsumedIntoSurvivingWithoutMessageStructure() {
        Ack ack = send(resource("a40-v231.hl7"));

        assertEquals("AA", ack.msa1());
        assertEquals("1003", ack.msa2());
        assertEquals("Merged 7654321 into 1234567", ack.msa3());
        assertEquals("ACK^A40^ACK", ack.type());
        assertEquals(List.of(List.of(xdsId("7654321"), xdsId("1234567"))), index.merges);
    }

    @Test
    void a40V25MergesEveryPatientGroupWithDomainIds() {
        Ack ack = send(segments(msh("ADT^A40^ADT_A39", "4001", "2.5"), "EVN||20240101",
                pid(domainCx("1")), "MRG|" + domainCx("2"),
                pid("x^^^&1.2.3&ISO"), "MRG|y^^^&1.2.3&ISO",
                pid(domainCx("3")), "MRG|" + domainCx("4") + "~" + "z^^^&1.2.3&ISO"));

        assertEquals("AA", ack.msa1());
        assertEquals(List.of(List.of(xdsId("2"), xdsId("1")), List.of(xdsId("4"), xdsId("3"))), index.merges);
    }

    @Test
    void a40WithoutMrgIsRequiredFieldMissing() {
        Ack ack = send(segments(msh("ADT^A40^ADT_A39", "4002", "2.5"), "EVN||20240101", pid(domainCx("1"))));

        assertEquals("AE", ack.msa1());
        assertEquals("4002", ack.msa2());
        assertEquals("101", ack.errorCode());
        assertEquals("MRG^1^1", ack.errorLocation());
        assertTrue(index.merges.isEmpty());
    }

    @Test
    void unsupportedEventIsRejectedWith201() {
        Ack ack = send(segments(msh("ADT^A03^ADT_A03", "5001", "2.5"), "EVN|A03", pid(domainCx("1")), "PV1||O"));

        assertEquals("AR", ack.msa1());
        assertEquals("5001", ack.msa2());
        assertEquals("201", ack.errorCode());
        assertEquals("MSH^1^9", ack.errorLocation());
        assertEquals("ACK^A03^ACK", ack.type());
        assertTrue(index.registered.isEmpty());
    }

    @Test
    void unsupportedMessageTypeIsRejectedWith200() {
        Ack ack = send(segments(msh("ORU^R01^ORU_R01", "5002", "2.3.1"), pid(domainCx("1")), "OBR|1",
                "OBX|1|ST|x||y"));

        assertEquals("AR", ack.msa1());
        assertEquals("5002", ack.msa2());
        assertEquals("200", ack.errorCode());
        assertEquals("MSH^1^9", ack.errorLocation());
    }

    @Test
    void emptyPid3IsRequiredFieldMissingInV231Err1() {
        String ack = handler.handle(segments(msh("ADT^A01", "6001", "2.3.1"), "EVN|A01",
                "PID|||||Doe^John", "PV1||O"));
        Ack parsed = Ack.parse(ack);

        assertEquals("AE", parsed.msa1());
        assertEquals("6001", parsed.msa2());
        assertEquals("101", parsed.errorCode());
        assertEquals("PID^1^3", parsed.errorLocation());
        assertTrue(ack.contains("\rERR|PID^1^3^101&Required field missing&HL70357\r"), ack);
    }

    @Test
    void missingPidSegmentIsRequiredFieldMissingInV25Err2() {
        String ack = handler.handle(segments(msh("ADT^A04^ADT_A01", "6002", "2.5"), "EVN|A04", "PV1||O"));
        Ack parsed = Ack.parse(ack);

        assertEquals("AE", parsed.msa1());
        assertEquals("6002", parsed.msa2());
        assertEquals("101", parsed.errorCode());
        assertEquals("PID^1^3", parsed.errorLocation());
        assertTrue(ack.contains("\rERR||PID^1^3|101^Required field missing^HL70357|E\r"), ack);
    }

    @Test
    void garbageIsRejectedWithMinimalAck() {
        String ack = handler.handle("this is not HL7 at all");
        Ack parsed = Ack.parse(ack);

        assertEquals("AR", parsed.msa1());
        assertEquals("", nullToEmpty(parsed.msa2()));
        assertEquals("207", parsed.errorCode());
        assertEquals("2.5", parsed.version());
    }

    @Test
    void junkBeforeMshIsRejectedButControlIdIsSalvaged() {
        Ack ack = send("junk" + resource("a01-v231.hl7"));

        assertEquals("AR", ack.msa1());
        assertEquals("1001", ack.msa2());
        assertEquals("207", ack.errorCode());
        assertEquals("2.3.1", ack.version());
        assertTrue(index.registered.isEmpty());
    }

    @Test
    void indexFailureIsApplicationInternalError() {
        index.failure = new IllegalStateException("database down");
        Ack ack = send(resource("a01-v231.hl7"));

        assertEquals("AE", ack.msa1());
        assertEquals("1001", ack.msa2());
        assertEquals("207", ack.errorCode());
    }

    @Test
    void lineFeedSeparatedSegmentsAreAccepted() {
        Ack ack = send(resource("a01-v231.hl7").replace('\r', '\n'));

        assertEquals("AA", ack.msa1());
        assertEquals(Set.of(xdsId("1234567")), index.registered);
    }

    @Test
    void msh18Latin1IsHonouredForBytesAndAck() {
        String message = segments(msh("ADT^A01^ADT_A01", "7001", "2.3.1") + "||||||8859/1", "EVN|A01",
                "PID|||Müller-1^^^&" + DOMAIN + "&ISO||Müller^Jürgen||19700101|M", "PV1||O");

        byte[] ack = handler.handle(message.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);

        assertEquals(Set.of(xdsId("Müller-1")), index.registered);
        Ack parsed = Ack.parse(new String(ack, StandardCharsets.ISO_8859_1));
        assertEquals("AA", parsed.msa1());
        assertEquals("8859/1", parsed.charset());
        assertTrue(parsed.msa3().contains("Müller-1"), parsed.msa3());
    }

    @Test
    void msh18Utf8IsHonouredForBytes() {
        String message = segments(msh("ADT^A04^ADT_A01", "7002", "2.5") + "||||||UNICODE UTF-8", "EVN|A04",
                pid(domainCx("Ærø-2")), "PV1||O");

        byte[] ack = handler.handle(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertEquals(Set.of(xdsId("Ærø-2")), index.registered);
        assertTrue(new String(ack, StandardCharsets.UTF_8).contains("Ærø-2"));
    }

    @Test
    void fallbackCharsetIsUsedWithoutMsh18() {
        String message = segments(msh("ADT^A04^ADT_A01", "7003", "2.5"), "EVN|A04", pid(domainCx("Ø-3")), "PV1||O");

        handler.handle(message.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);

        assertEquals(Set.of(xdsId("Ø-3")), index.registered);
    }

    @Test
    void identifierWithHl7DelimiterIsIgnored() {
        Ack ack = send(segments(msh("ADT^A04^ADT_A01", "7004", "2.5"), "EVN|A04", pid(domainCx("a\\T\\b")), "PV1||O"));

        assertEquals("AA", ack.msa1());
        assertTrue(index.registered.isEmpty());
    }

    @Test
    void ackLayoutIsExact() {
        String[] ack = handler.handle(resource("a01-v231.hl7")).split("\r");

        assertEquals(2, ack.length);
        assertTrue(ack[0].matches("MSH\\|\\^~\\\\&\\|XDSb_REG\\|IHE\\|PAT_IDENTITY_X_REF_MGR_MISYS\\|ALLSCRIPTS\\|"
                + "\\d{14}[+-]\\d{4}\\|\\|ACK\\^A01\\^ACK\\|\\d{1,20}\\|P\\|2\\.3\\.1\\|\\|\\|\\|\\|\\|8859/1"), ack[0]);
        assertEquals("MSA|AA|1001|Registered 1234567", ack[1]);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
