package org.xdsi.registry.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void layoutIsRfc9562Version7() {
        long millis = 0x0189_ABCD_EF01L;
        UUID u = TimeOrderedUuid.of(millis, 0xABC, -1L);
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals("0189abcd-ef01-7abc-bfff-ffffffffffff", u.toString());
        assertEquals(millis, u.getMostSignificantBits() >>> 16);
        assertEquals("00000000-0000-7000-8000-000000000000", TimeOrderedUuid.of(0, 0, 0).toString());
    }

    @Test
    void carriesTheTimeItWasMade() {
        long before = System.currentTimeMillis();
        UUID u = TimeOrderedUuid.next();
        long after = System.currentTimeMillis();
        long millis = u.getMostSignificantBits() >>> 16;
        // at most one millisecond borrowed per 4096 UUIDs made in one millisecond by other tests
        assertTrue(millis >= before && millis <= after + 100, millis + " not in [" + before + ", " + after + "]");
    }

    @Test
    void textSortsInTheOrderTheyWereMadeEvenBeyond4096PerMillisecond() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            made.add("urn:uuid:" + TimeOrderedUuid.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertTrue(made.get(i - 1).compareTo(made.get(i)) < 0, made.get(i - 1) + " >= " + made.get(i));
        }
        assertEquals(made.size(), new HashSet<>(made).size());
    }

    @Test
    void concurrentCallersGetDistinctUuids() throws Exception {
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        all.add(TimeOrderedUuid.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(160_000, all.size());
    }
}
