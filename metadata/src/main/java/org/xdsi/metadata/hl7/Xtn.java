package org.xdsi.metadata.hl7;

import java.util.List;

/**
 * HL7 XTN (telecommunication), used for authorTelecommunication. E-mail: {@code ^^Internet^name@example.org}
 * (XTN.2, if present, {@code NET}); phone: {@code ^PRS^PH^^31^^(042) 1123 4567}.
 */
public final class Xtn {
    private Xtn() {
    }

    /**
     * True for an e-mail address (XTN.3 {@code Internet} or {@code X.400} with an address in XTN.4, XTN.2 empty or
     * {@code NET}) or a telephone number (XTN.1, XTN.7 or XTN.12 present, XTN.3 not an e-mail type).
     */
    public static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        List<String> c = Hl7.split(value, '^');
        String use = Hl7.component(c, 2);
        String equipment = Hl7.component(c, 3);
        if ("Internet".equals(equipment) || "X.400".equals(equipment)) {
            String address = Hl7.component(c, 4);
            boolean useOk = use.isEmpty() || "NET".equals(use);
            if ("Internet".equals(equipment)) {
                int at = address.indexOf('@');
                return useOk && at > 0 && at < address.length() - 1 && address.indexOf(' ') < 0;
            }
            return useOk && !address.isBlank();
        }
        return !Hl7.component(c, 1).isBlank() || !Hl7.component(c, 7).isBlank() || !Hl7.component(c, 12).isBlank();
    }
}
