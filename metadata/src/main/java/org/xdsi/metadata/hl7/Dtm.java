package org.xdsi.metadata.hl7;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** HL7 DTM as XDS uses it: {@code YYYY[MM[DD[hh[mm[ss]]]]]}, UTC, no fraction, no zone. */
public final class Dtm {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}(\\d{2}){0,5}");
    // STRICT + uuuu: SMART would turn 20230230 into 20230228 and accept hour 24
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    private Dtm() {
    }

    /** True when {@code value} is a well-formed DTM with valid calendar fields. */
    public static boolean isValid(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return false;
        }
        // missing month/day count as the first, missing time fields as zero, so partial values check as dates
        String normalized = value.substring(0, 4)
                + (value.length() >= 6 ? value.substring(4, 6) : "01")
                + (value.length() >= 8 ? value.substring(6, 8) : "01")
                + pad(value.length() > 8 ? value.substring(8) : "", '0').substring(0, 6);
        try {
            LocalDateTime.parse(normalized, SECONDS);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * The value as a 14-digit number (missing trailing fields are zeros), the form stored and compared in queries.
     * Returns null for a value that is not a DTM.
     */
    public static Long toNumber(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return null;
        }
        return Long.parseLong(pad(value, '0'));
    }

    /** Now, in UTC, to the second. */
    public static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(SECONDS);
    }

    private static String pad(String value, char with) {
        StringBuilder sb = new StringBuilder(value);
        while (sb.length() < 14) {
            sb.append(with);
        }
        return sb.toString();
    }
}
