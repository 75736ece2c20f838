package org.xdsi.registry.store;

import org.xdsi.metadata.Vocabulary;

/** availabilityStatus as stored: a small number in the row, the URN on the wire. */
public enum Status {
    APPROVED(1, Vocabulary.STATUS_APPROVED),
    DEPRECATED(2, Vocabulary.STATUS_DEPRECATED);

    private final int code;
    private final String urn;

    Status(int code, String urn) {
        this.code = code;
        this.urn = urn;
    }

    public int code() {
        return code;
    }

    public String urn() {
        return urn;
    }

    public static Status ofCode(int code) {
        return code == 1 ? APPROVED : DEPRECATED;
    }

    /** The status for a URN, or null when the URN is not a status the registry knows. */
    public static Status ofUrn(String urn) {
        for (Status s : values()) {
            if (s.urn.equals(urn)) {
                return s;
            }
        }
        return null;
    }
}
