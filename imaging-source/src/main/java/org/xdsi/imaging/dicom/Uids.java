package org.xdsi.imaging.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** UIDs derived from random UUIDs (PS3.5 B.2): no registered root and no coordination between nodes needed. */
public final class Uids {
    private Uids() {
    }

    /** A new {@code 2.25.<uuid as unsigned decimal>} UID (at most 44 characters). */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }

    /** True for a syntactically valid UID: dot-separated numbers without leading zeros, at most 64 characters. */
    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    }
}
