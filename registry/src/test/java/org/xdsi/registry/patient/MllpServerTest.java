package org.xdsi.registry.patient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xdsi.registry.patient.Hl7TestMessages.Ack;

import javax.net.ServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xdsi.registry.patient.Hl7TestMessages.DOMAIN;
import static org.xdsi.registry.patient.Hl7TestMessages.domainCx;
import static org.xdsi.registry.patient.Hl7TestMessages.msh;
import static org.xdsi.registry.patient.Hl7TestMessages.pid;
import static org.xdsi.registry.patient.Hl7TestMessages.resource;
import static org.xdsi.registry.patient.Hl7TestMessages.segments;
import static org.xdsi.registry.patient.Hl7TestMessages.xdsId;

@Timeout(30)
class MllpServerTest {

    private static final int MAX_BYTES = 64 * 1024;

    private final FakePatientIdentityIndex index = new FakePatientIdentityIndex();
    private MllpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MllpServer("127.0.0.1", 0, new PatientFeedHandler(DOMAIN, index),
                ServerSocketFactory.getDefault(), Duration.ofSeconds(10), MAX_BYTES, StandardCharsets.UTF_8);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ephemeralPortIsExposedAndA01IsAcknowledged() throws IOException {
        assertTrue(server.port() > 0);
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            Ack ack = ack(client.exchange(resource("a01-v231.hl7").getBytes(ISO_8859_1)));

            assertEquals("AA", ack.msa1());
            assertEquals("1001", ack.msa2());
        }
        assertEquals(Set.of(xdsId("1234567")), index.registered);
    }

    @Test
    void severalMessagesOnOneConnection() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            Ack first = ack(client.exchange(resource("a01-v231.hl7").getBytes(US_ASCII)));
            Ack second = ack(client.exchange(resource("a04-v25.hl7").getBytes(StandardCharsets.UTF_8)));
            Ack third = ack(client.exchange(resource("a40-v231.hl7").getBytes(US_ASCII)));

            assertEquals(List.of("AA", "1001"), List.of(first.msa1(), first.msa2()));
            assertEquals(List.of("AA", "1002"), List.of(second.msa1(), second.msa2()));
            assertEquals(List.of("AA", "1003"), List.of(third.msa1(), third.msa2()));
        }
        assertEquals(List.of(List.of(xdsId("7654321"), xdsId("1234567"))), index.merges);
    }

    @Test
    void garbageOutsideFramesIsSkipped() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("\r\nnoise before the frame\u001c\r".getBytes(US_ASCII));
            bytes.writeBytes(MllpServer.frame(resource("a01-v231.hl7").getBytes(US_ASCII)));
            client.sendRaw(bytes.toByteArray());

            Ack ack = ack(client.readAck());
            assertEquals("AA", ack.msa1());
            assertEquals("1001", ack.msa2());
        }
    }

    @Test
    void garbageInsideFrameGetsRejectAndConnectionStaysUsable() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            Ack rejected = ack(client.exchange("\u0000\u00ffnot hl7".getBytes(ISO_8859_1)));
            Ack accepted = ack(client.exchange(resource("a01-v231.hl7").getBytes(US_ASCII)));

            assertEquals("AR", rejected.msa1());
            assertEquals("207", rejected.errorCode());
            assertEquals("AA", accepted.msa1());
        }
    }

    @Test
    void unsupportedEventOverTheWire() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            Ack ack = ack(client.exchange(segments(msh("ADT^A03^ADT_A03", "9001", "2.3.1"), "EVN|A03",
                    pid(domainCx("1")), "PV1||O").getBytes(US_ASCII)));

            assertEquals("AR", ack.msa1());
            assertEquals("9001", ack.msa2());
            assertEquals("201", ack.errorCode());
        }
    }

    @Test
    void latin1MessageIsDecodedWithMsh18AndAnsweredInLatin1() throws IOException {
        String message = segments(msh("ADT^A01^ADT_A01", "9002", "2.3.1") + "||||||8859/1", "EVN|A01",
                "PID|||Müller-77^^^&" + DOMAIN + "&ISO||Müller^Jürgen||19700101|M", "PV1||O");
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            byte[] ackBytes = client.exchange(message.getBytes(ISO_8859_1));
            String ackText = new String(ackBytes, ISO_8859_1);
            Ack ack = ack(ackBytes);

            assertEquals("AA", ack.msa1());
            assertEquals("8859/1", ack.charset());
            assertTrue(ackText.contains("Müller-77"), ackText); // echoed in MSA-3, so the encoding is checked too
        }
        assertEquals(Set.of(xdsId("Müller-77")), index.registered);
    }

    @Test
    void oversizedMessageClosesTheConnection() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            byte[] huge = new byte[MAX_BYTES + 10];
            java.util.Arrays.fill(huge, (byte) 'A');
            client.sendRaw(new byte[] {MllpServer.START_BLOCK});
            try {
                client.sendRaw(huge);
            } catch (IOException alreadyClosed) {
                // the server may close before everything is written
            }
            assertTrue(client.closedByServer());
        }
        assertServerStillWorks();
    }

    @Test
    void connectionClosedMidMessageIsHarmless() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(new byte[] {MllpServer.START_BLOCK, 'M', 'S', 'H', '|'});
            socket.getOutputStream().flush();
        }
        assertServerStillWorks();
        assertTrue(index.registered.contains(xdsId("1234567")));
    }

    @Test
    void concurrentConnections() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Ack>> acks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "C" + i;
                acks.add(pool.submit(() -> {
                    try (MllpTestClient client = new MllpTestClient(server.port())) {
                        return ack(client.exchange(segments(msh("ADT^A04^ADT_A01", id, "2.5"), "EVN|A04",
                                pid(domainCx(id)), "PV1||O").getBytes(US_ASCII)));
                    }
                }));
            }
            for (int i = 0; i < acks.size(); i++) {
                Ack ack = acks.get(i).get();
                assertEquals("AA", ack.msa1());
                assertEquals("C" + i, ack.msa2());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, index.registered.size());
    }

    @Test
    void closeStopsAcceptingAndDropsOpenConnections() throws IOException {
        int port = server.port();
        try (MllpTestClient client = new MllpTestClient(port)) {
            assertEquals("AA", ack(client.exchange(resource("a01-v231.hl7").getBytes(US_ASCII))).msa1());
            server.close();

            assertNull(readAckOrNull(client));
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    @Test
    void readFrameAcceptsMissingCarriageReturnAndRestartsOnNewStartBlock() throws IOException {
        byte[] stream = {'x', 0x0B, 'a', 'b', 0x0B, 'c', 0x1C, 0x0B, 'd', 0x1C, 0x0D, 0x0B, 'e'};
        java.io.InputStream in = new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(stream));

        assertArrayEquals("c".getBytes(US_ASCII), MllpServer.readFrame(in, 100));
        assertArrayEquals("d".getBytes(US_ASCII), MllpServer.readFrame(in, 100));
        assertNull(MllpServer.readFrame(in, 100));
    }

    private void assertServerStillWorks() throws IOException {
        try (MllpTestClient client = new MllpTestClient(server.port())) {
            assertEquals("AA", ack(client.exchange(resource("a01-v231.hl7").getBytes(US_ASCII))).msa1());
        }
    }

    private static byte[] readAckOrNull(MllpTestClient client) {
        try {
            return client.readAck();
        } catch (IOException reset) {
            return null;
        }
    }

    private static Ack ack(byte[] bytes) {
        return Ack.parse(new String(bytes, ISO_8859_1));
    }
}
