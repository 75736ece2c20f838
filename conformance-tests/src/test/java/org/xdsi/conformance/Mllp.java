package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An ITI-8 Patient Identity Source: HL7 v2 ADT messages over MLLP (0x0B ... 0x1C 0x0D), one connection per message. */
final class Mllp {
    private static final int START = 0x0B;
    private static final int END = 0x1C;
    private static final int CR = 0x0D;
    private static final AtomicInteger CONTROL_IDS = new AtomicInteger(1);

    private final String host;
    private final int port;

    /** From the {@code endpoint mllp mllp://host:port} start-up line. */
    Mllp(String mllpUrl) {
        URI uri = URI.create(mllpUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** Sends one message (segments separated by CR) and returns the ACK text (segments separated by CR). */
    String exchange(String message) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(START);
            out.write(message.getBytes(StandardCharsets.ISO_8859_1));
            out.write(END);
            out.write(CR);
            out.flush();
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) != START) {
                if (b < 0) {
                    throw new IOException("connection closed before the ACK");
                }
            }
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            while ((b = in.read()) != END) {
                if (b < 0) {
                    throw new IOException("connection closed inside the ACK frame");
                }
                ack.write(b);
            }
            if (in.read() != CR) {
                throw new IOException("0x1C not followed by 0x0D");
            }
            return ack.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("MLLP exchange with " + host + ":" + port + " failed", e);
        }
    }

    /** Sends the message and asserts an application-accept ACK for its control id. */
    void feedAccepted(String message) {
        String controlId = message.split("\r")[0].split("\\|")[9];
        String ack = exchange(message);
        assertTrue(ack.startsWith("MSH|"), () -> "ACK starts with MSH: " + ack.replace('\r', '\n'));
        assertTrue(ack.contains("\rMSA|AA|" + controlId), () -> "MSA|AA|" + controlId + " expected: " + ack.replace('\r', '\n'));
    }

    // ---- messages as a Patient Identity Source (e.g. a hospital MPI) writes them -----------------------------

    static String nextControlId() {
        return "MSG" + System.currentTimeMillis() % 100000 + "-" + CONTROL_IDS.getAndIncrement();
    }

    private static String msh(String type, String version) {
        return "MSH|^~\\&|PAT_IDENTITY_X_REF_MGR_MISYS|ALLSCRIPTS|XDSb_REG|IHE|20240101120000||" + type + "|"
                + nextControlId() + "|P|" + version;
    }

    /** ADT^A01 (admit) in HL7 v2.3.1, the ITI-8 base version. */
    static String a01v231(String cx, String family, String given) {
        return String.join("\r",
                msh("ADT^A01", "2.3.1"),
                "EVN|A01|20240101120000",
                "PID|||" + cx + "||" + family + "^" + given + "||19700101|M|||1 Main St^^Springfield^IL^62701",
                "PV1||I|WARD1^101^1") + "\r";
    }

    /** ADT^A04 (register outpatient) in HL7 v2.5, with the message structure in MSH-9-3. */
    static String a04v25(String cx, String family, String given) {
        return String.join("\r",
                msh("ADT^A04^ADT_A01", "2.5"),
                "EVN|A04|20240101120000",
                "PID|||" + cx + "~LOCAL77^^^HOSP&1.2.3.4.5.6&ISO||" + family + "^" + given + "||19810215|F",
                "PV1||O") + "\r";
    }

    /** ADT^A40 merge (v2.3.1, structure ADT_A39): PID-3 the surviving id, MRG-1 the subsumed id. */
    static String a40v231(String survivingCx, String subsumedCx) {
        return String.join("\r",
                msh("ADT^A40^ADT_A39", "2.3.1"),
                "EVN|A40|20240101130000",
                "PID|||" + survivingCx + "||Doe^Jane||19810215|F",
                "MRG|" + subsumedCx) + "\r";
    }
}
