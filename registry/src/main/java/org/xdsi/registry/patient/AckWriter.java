package org.xdsi.registry.patient;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the ACK by hand rather than with HAPI's {@code generateACK}: it must work for messages HAPI cannot parse,
 * keep the request's version (HAPI would answer with the model version), and copy MSH fields verbatim.
 */
final class AckWriter {

    static final String FALLBACK_VERSION = "2.5";
    private static final String ERROR_TABLE = "HL70357";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    /** Seeded with the clock so that control ids stay unique across restarts; at most 20 characters (ST). */
    private static final AtomicLong CONTROL_IDS = new AtomicLong(System.currentTimeMillis());

    private AckWriter() {
    }

    /** The ACK text (segments ended by CR) for {@code request}, which is null when even MSH was unreadable. */
    static String write(Hl7Header request, FeedOutcome outcome) {
        char fs = request != null ? request.fieldSeparator() : '|';
        String enc = request != null ? request.encodingCharacters() : Hl7Header.DEFAULT_ENCODING_CHARACTERS;
        char cs = enc.charAt(0);
        String version = request != null && !request.version().isEmpty() ? request.version() : FALLBACK_VERSION;
        String trigger = request != null ? request.triggerEvent() : "";
        String processingId = request != null && !request.field(11).isEmpty() ? request.field(11) : "P";
        String charset = request != null ? request.characterSetField() : "";

        StringBuilder msh = new StringBuilder("MSH").append(fs).append(enc);
        for (int field : new int[] {5, 6, 3, 4}) { // sender and receiver swapped
            msh.append(fs).append(request != null ? request.field(field) : "");
        }
        msh.append(fs).append(ZonedDateTime.now().format(TIMESTAMP))
                .append(fs)
                .append(fs).append(trigger.isEmpty() ? "ACK" : "ACK" + cs + trigger + cs + "ACK")
                .append(fs).append(CONTROL_IDS.incrementAndGet())
                .append(fs).append(processingId)
                .append(fs).append(version);
        if (!charset.isEmpty()) {
            msh.append(String.valueOf(fs).repeat(6)).append(charset);
        }

        EncodingCharacters encoding = new EncodingCharacters(fs, enc);
        StringBuilder ack = new StringBuilder(msh).append('\r')
                .append("MSA").append(fs).append(outcome.ack().name())
                .append(fs).append(request != null ? request.controlId() : "")
                .append(fs).append(escape(outcome.text(), encoding))
                .append('\r');
        if (outcome.error() != null) {
            ack.append(errSegment(outcome, fs, enc, atLeast25(version))).append('\r');
        }
        return ack.toString();
    }

    /** v2.5 moved the location to ERR-2 (ERL) and the code to ERR-3 (CWE); earlier versions put both in ERR-1. */
    private static String errSegment(FeedOutcome outcome, char fs, String enc, boolean v25) {
        char cs = enc.charAt(0);
        char ss = enc.charAt(3);
        String segment = outcome.errorSegment() != null ? outcome.errorSegment() : "";
        String sequence = segment.isEmpty() ? "" : "1";
        String field = outcome.errorField() > 0 ? String.valueOf(outcome.errorField()) : "";
        int code = outcome.error().getCode();
        String meaning = outcome.error().getMessage();
        if (v25) {
            String location = segment.isEmpty() ? "" : segment + cs + sequence + (field.isEmpty() ? "" : cs + field);
            return "ERR" + fs + fs + location + fs + code + cs + meaning + cs + ERROR_TABLE + fs + "E";
        }
        return "ERR" + fs + segment + cs + sequence + cs + field + cs + code + ss + meaning + ss + ERROR_TABLE;
    }

    private static String escape(String text, EncodingCharacters encoding) {
        String oneLine = text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
        return Escape.escape(oneLine, encoding);
    }

    static boolean atLeast25(String version) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0].trim());
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
            return major > 2 || (major == 2 && minor >= 5);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
