package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * Durability of acknowledged ITI-41 submissions: three Document Sources stream documents of 64 KB – 4 MB into the
 * repository of {@code xdsi run} (registry and repository in one process) for ~3 s after the first Success (or
 * until 60 successes); SIGKILL while at least one request is in flight; restart on the same data folder. Every submission answered Success is found by FindDocuments and retrieved
 * byte-identical; no DocumentEntry points to a missing document; no document file is left without its entry;
 * staging is empty once the restarted process is ready.
 */
class RepositoryCrashTest {
    private static final int CLIENTS = 3;
    private static final int MIN_BYTES = 64 * 1024;
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final long LOAD_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int ENOUGH_SUCCESSES = 60;
    private static final String MIME = "application/octet-stream";

    @TempDir
    Path tmp;

    /** One ITI-41 request of the load; the times are System.nanoTime(), 0 when not (yet) reached. */
    static final class Attempt {
        final String uniqueId;
        final String sha1;
        final long size;
        final AtomicLong sentBytes = new AtomicLong();
        volatile long firstByteAt;
        volatile long answeredAt;
        volatile long failedAt;
        volatile boolean success;

        Attempt(String uniqueId, String sha1, long size) {
            this.uniqueId = uniqueId;
            this.sha1 = sha1;
            this.size = size;
        }

        void sent(long n) {
            if (firstByteAt == 0) {
                firstByteAt = System.nanoTime();
            }
            sentBytes.addAndGet(n);
        }

        /** Sent at least one byte before {@code t} and never answered. */
        boolean inFlightAt(long t) {
            return firstByteAt != 0 && firstByteAt < t && answeredAt == 0;
        }
    }

    @Test
    void acknowledgedDocumentsSurviveSigkillMidStream() throws Exception {
        Path data = tmp.resolve("data");
        String patient = Registry.patient("RK9" + System.nanoTime());
        Attempts attempts = new Attempts();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicReference<Throwable> clientError = new AtomicReference<>();
        long killAt;
        int exit;
        int[] atKill;

        try (XdsiProcess xdsi = XdsiProcess.runRegistry(data)) {
            StartupLines startup = xdsi.awaitReady(Duration.ofSeconds(60));
            startup.mllp().feedAccepted(Mllp.a01v231(patient, "Crash", "Carla"));
            Mtom repository = startup.repository();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> submitUntilStopped(repository, patient, client, attempts, stop, killed,
                        clientError), "document-source-" + c);
                t.start();
                clients.add(t);
            }
            // load for ~3 s from the first Success (the first requests warm the JVM up), or until enough
            // successes, then wait for a request that is on the wire right now
            long deadlineFirst = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (attempts.successes() == 0 && System.nanoTime() < deadlineFirst && clientError.get() == null) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < LOAD_NANOS && attempts.successes() < ENOUGH_SUCCESSES
                    && clientError.get() == null) {
                Thread.sleep(20);
            }
            // best: a document half-way into staging (a staging folder without meta.properties yet), up to 5 s;
            // in any case a request that is sent and not answered
            Path staging = data.resolve("repository").resolve("staging");
            long midStreamDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (staged(staging)[0] == 0 && System.nanoTime() < midStreamDeadline && clientError.get() == null) {
                Thread.onSpinWait();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (attempts.inFlightNow() == 0 && System.nanoTime() < deadline && clientError.get() == null) {
                Thread.onSpinWait();
            }
            killed.set(true);
            killAt = System.nanoTime();
            exit = xdsi.kill9(Duration.ofSeconds(20));
            atKill = staged(staging);
            stop.set(true);
            for (Thread t : clients) {
                t.join(TimeUnit.SECONDS.toMillis(40));
                assertTrue(!t.isAlive(), t.getName() + " ended");
            }
        }
        if (clientError.get() != null) {
            throw new AssertionError("a Document Source failed before the kill", clientError.get());
        }
        assertEquals(137, exit, "SIGKILL");

        List<Attempt> all = attempts.all();
        List<Attempt> acked = all.stream().filter(a -> a.success).toList();
        List<Attempt> inFlight = all.stream().filter(a -> a.inFlightAt(killAt)).toList();
        long acknowledgedBytes = acked.stream().mapToLong(a -> a.size).sum();
        System.out.printf("RepositoryCrashTest: %d ITI-41 sent, %d answered Success (%d MB), %d in flight at the"
                        + " kill; staging at the kill: %d document(s) being received, %d received and awaiting"
                        + " registration/publication%n", all.size(), acked.size(), acknowledgedBytes >> 20,
                inFlight.size(), atKill[0], atKill[1]);
        assertTrue(acked.size() >= 5, "enough acknowledged submissions before the kill: " + acked.size());
        assertTrue(!inFlight.isEmpty(), "the kill should hit at least one request in flight");

        Map<String, Attempt> byUid = new HashMap<>();
        all.forEach(a -> byUid.put(a.uniqueId, a));
        Set<String> inFlightUids = new HashSet<>();
        inFlight.forEach(a -> inFlightUids.add(a.uniqueId));

        try (XdsiProcess again = XdsiProcess.runRegistry(data)) {
            StartupLines startup = again.awaitReady(Duration.ofSeconds(60));
            // the sweep ran before 'xdsi ready': nothing may be left in staging
            Path store = data.resolve("repository");
            assertEquals(List.of(), list(store.resolve("staging")), "staging after the restart");
            List<Path> spill = list(store.resolve("mime-spill"));
            System.out.printf("RepositoryCrashTest: files left in %s after the restart: %d%n",
                    store.resolve("mime-spill"), spill.size());

            Soap.Reply found = startup.soap().query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
            found.assertSuccess();
            Map<String, Element> entries = new HashMap<>();
            for (Element e : found.documentEntries()) {
                entries.put(Soap.Reply.identifier(e, Vocabulary.DE_UNIQUE_ID), e);
            }

            // every acknowledged submission is registered with the hash and size of what the source sent
            List<String> lost = new ArrayList<>();
            for (Attempt a : acked) {
                Element e = entries.get(a.uniqueId);
                if (e == null) {
                    lost.add(a.uniqueId);
                    continue;
                }
                assertEquals(a.sha1, Registry.slot(e, Vocabulary.SLOT_HASH), "hash of " + a.uniqueId);
                assertEquals(Long.toString(a.size), Registry.slot(e, Vocabulary.SLOT_SIZE), "size of " + a.uniqueId);
                assertEquals(startup.repositoryUniqueId(), Registry.slot(e, Vocabulary.SLOT_REPOSITORY_UNIQUE_ID));
            }
            assertTrue(lost.isEmpty(), "answered Success but not found after SIGKILL: " + lost);

            // the only unacknowledged entries are submissions that were in flight at the kill
            Set<String> extra = new HashSet<>(entries.keySet());
            acked.forEach(a -> extra.remove(a.uniqueId));
            assertTrue(inFlightUids.containsAll(extra), "registered but neither acknowledged nor in flight: "
                    + extra + " (in flight " + inFlightUids + ")");
            System.out.printf("RepositoryCrashTest: after the restart %d DocumentEntries (%d acknowledged, %d of the"
                    + " in-flight submissions)%n", entries.size(), acked.size(), extra.size());

            // every entry is retrievable, byte-identical to what its source sent
            Mtom repository = startup.repository();
            Path target = tmp.resolve("retrieved");
            for (Map.Entry<String, Element> e : entries.entrySet()) {
                Mtom.Retrieved got = repository.retrieve(e.getKey(), target);
                got.assertSuccess();
                Attempt a = byUid.get(e.getKey());
                assertEquals(a.sha1, got.sha1(), "SHA-1 of the retrieved " + e.getKey());
                assertEquals(a.size, got.size(), "size of the retrieved " + e.getKey());
                assertEquals(MIME, got.mimeType());
            }

            // and no document file without its entry: the published documents are exactly the entries
            List<Path> published = documentDirectories(store.resolve("documents"));
            assertEquals(entries.size(), published.size(), "published documents vs DocumentEntries: " + published);
            for (Path dir : published) {
                assertEquals(Set.of("content", "meta.properties"),
                        Set.copyOf(list(dir).stream().map(p -> p.getFileName().toString()).toList()), dir.toString());
            }

            // the restarted repository takes new documents
            byte[] after = new byte[100_000];
            ThreadLocalRandom.current().nextBytes(after);
            SubmissionBuilder s = Registry.submission(patient);
            DocumentEntryBuilder d = Registry.sourceDocument(s, "after the kill", MIME);
            repository.provide(s, d, MIME, Mtom.bytes(after)).assertSuccess();
            Mtom.Retrieved back = repository.retrieve(d.uniqueIdValue(), target);
            back.assertSuccess();
            assertEquals(Mtom.sha1(after), back.sha1());
        }
    }

    private static void submitUntilStopped(Mtom repository, String patient, int client, Attempts attempts,
                                           AtomicBoolean stop, AtomicBoolean killed,
                                           AtomicReference<Throwable> clientError) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; !stop.get(); n++) {
            byte[] document = new byte[random.nextInt(MIN_BYTES, MAX_BYTES + 1)];
            random.nextBytes(document);
            SubmissionBuilder s = Registry.submission(patient);
            DocumentEntryBuilder d = Registry.sourceDocument(s, "crash load " + client + "." + n, MIME);
            Attempt a = new Attempt(d.uniqueIdValue(), Mtom.sha1(document), document.length);
            if (killed.get()) {
                return;
            }
            attempts.add(a);
            Mtom.Answer answer;
            try {
                answer = repository.send(s, d, MIME, Mtom.bytes(document), a::sent, Duration.ofSeconds(30));
            } catch (Soap.WireException e) {
                a.failedAt = System.nanoTime();
                if (!killed.get()) {
                    clientError.compareAndSet(null, e);
                }
                return; // connection refused or reset: the server is gone
            }
            a.answeredAt = System.nanoTime();
            try {
                Soap.Reply reply = Mtom.check(answer);
                reply.assertSuccess();
                a.success = true;
            } catch (AssertionError e) {
                if (!killed.get()) {
                    clientError.compareAndSet(null, e);
                }
                return;
            }
        }
    }

    /** The attempts of all clients. */
    static final class Attempts {
        private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

        void add(Attempt a) {
            attempts.add(a);
        }

        List<Attempt> all() {
            return List.copyOf(attempts);
        }

        long successes() {
            return attempts.stream().filter(a -> a.success).count();
        }

        long inFlightNow() {
            long now = System.nanoTime();
            return attempts.stream().filter(a -> a.inFlightAt(now) && a.failedAt == 0).count();
        }
    }

    /**
     * Staging folders as the store leaves them: [0] without meta.properties (a document streaming in), [1] with it
     * (received, not yet published). Folders vanish while we look; that is fine.
     */
    private static int[] staged(Path staging) {
        int[] counts = new int[2];
        try (Stream<Path> dirs = Files.list(staging)) {
            for (Path dir : dirs.toList()) {
                if (Files.exists(dir.resolve("meta.properties"))) {
                    counts[1]++;
                } else if (Files.exists(dir.resolve("content"))) {
                    counts[0]++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a folder was published or removed while listing
        }
        return counts;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** documents/ab/cd/&lt;key&gt;/ folders. */
    private static List<Path> documentDirectories(Path documents) throws IOException {
        try (Stream<Path> s = Files.find(documents, 3, (p, attrs) -> attrs.isDirectory()
                && documents.relativize(p).getNameCount() == 3)) {
            return s.toList();
        }
    }
}
