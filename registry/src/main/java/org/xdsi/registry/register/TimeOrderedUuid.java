package org.xdsi.registry.register;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The entryUUIDs the registry assigns to symbolically identified objects: RFC 9562 version 7, a millisecond Unix
 * time in the high 48 bits. Consecutive UUIDs sort in the order they were made (a 12-bit counter orders those of
 * one millisecond), so each new row's key lands at the end of the uuid, lid and association indexes, in a page
 * that the other submissions of the same group commit are writing anyway. Random (version 4) UUIDs put every
 * submission's keys into pages of their own across the whole index: with 10^6 entries that was half of the index
 * pages one submission made H2 rewrite.
 */
public final class TimeOrderedUuid {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SEQUENCE = 0xFFF;

    private static long lastMillis;
    private static int sequence;

    private TimeOrderedUuid() {
    }

    public static UUID next() {
        long millis;
        int seq;
        synchronized (TimeOrderedUuid.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = 0;
            } else if (++sequence > MAX_SEQUENCE) {
                // more than 4096 in one millisecond, or the clock stepped back: borrow from the next millisecond
                lastMillis++;
                sequence = 0;
            }
            millis = lastMillis;
            seq = sequence;
        }
        return of(millis, seq, RANDOM.nextLong());
    }

    static UUID of(long unixMillis, int sequence, long random) {
        long msb = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (sequence & MAX_SEQUENCE);
        long lsb = random & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
