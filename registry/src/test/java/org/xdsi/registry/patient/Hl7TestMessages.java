package org.xdsi.registry.patient;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test messages and an ACK reader that goes through HAPI, so that every ACK is also checked to be parseable. */
final class Hl7TestMessages {

    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    private static final HapiContext HAPI = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));

    static {
        HAPI.setValidationContext(ValidationContextFactory.noValidation());
    }

    private Hl7TestMessages() {
    }

    /** A message from {@code src/test/resources/hl7}, one segment per line, returned with CR separators. */
    static String resource(String name) {
        try (InputStream in = Hl7TestMessages.class.getResourceAsStream("/hl7/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + name);
            }
            return segments(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\r?\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String segments(String... segments) {
        return String.join("\r", segments) + "\r";
    }

    static String msh(String type, String controlId, String version) {
        return "MSH|^~\\&|PAT_IDENTITY_X_REF_MGR_MISYS|ALLSCRIPTS|XDSb_REG|IHE|20240101120000||" + type + "|"
                + controlId + "|P|" + version;
    }

    static String pid(String... cx) {
        return "PID|||" + String.join("~", cx) + "||Doe^John||19700101|M";
    }

    static String domainCx(String id) {
        return id + "^^^&" + DOMAIN + "&ISO";
    }

    static String xdsId(String id) {
        return id + "^^^&" + DOMAIN + "&ISO";
    }

    /** The fields of an ACK that the tests assert on. */
    record Ack(String msa1, String msa2, String msa3, String errorCode, String errorLocation, String version,
               String type, String sendingApp, String receivingApp, String charset) {

        static Ack parse(String text) {
            try {
                Message message = HAPI.getPipeParser().parse(text);
                Terser t = new Terser(message);
                String version = t.get("/MSH-12");
                boolean v25 = AckWriter.atLeast25(version);
                String errorCode = v25 ? t.get("/ERR-3-1") : t.get("/ERR-1-4-1");
                String location = v25 ? join(t.get("/ERR-2-1"), t.get("/ERR-2-2"), t.get("/ERR-2-3"))
                        : join(t.get("/ERR-1-1"), t.get("/ERR-1-2"), t.get("/ERR-1-3"));
                return new Ack(t.get("/MSA-1"), t.get("/MSA-2"), t.get("/MSA-3"), errorCode, location, version,
                        join(t.get("/MSH-9-1"), t.get("/MSH-9-2"), t.get("/MSH-9-3")),
                        t.get("/MSH-3-1"), t.get("/MSH-5-1"), t.get("/MSH-18"));
            } catch (HL7Exception e) {
                throw new AssertionError("ACK is not parseable HL7: " + text.replace('\r', '\n'), e);
            }
        }

        private static String join(String... parts) {
            StringBuilder s = new StringBuilder();
            for (String part : parts) {
                if (part == null) {
                    break;
                }
                s.append(s.length() == 0 ? "" : "^").append(part);
            }
            return s.toString();
        }
    }
}
