package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * Durability of acknowledged ITI-42 submissions (registry part): SIGKILL while a Document Source is submitting,
 * restart on the same data folder; every submission answered Success is there, nothing is half-written.
 */
class KillNineTest {
    /** Acknowledged submissions before the kill: enough that the kill lands amid a steady stream of commits. */
    private static final int KILL_AFTER = 20;

    @TempDir
    Path tmp;

    @Test
    void acknowledgedSubmissionsSurviveSigkill() throws Exception {
        Path data = tmp.resolve("data");
        String patient = Registry.patient("K9" + System.nanoTime());
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> inFlight = new AtomicReference<>();
        AtomicReference<Throwable> clientError = new AtomicReference<>();
        AtomicBoolean killed = new AtomicBoolean();
        int sent;

        try (XdsiProcess xdsi = XdsiProcess.runRegistry(data)) {
            StartupLines startup = xdsi.awaitReady(Duration.ofSeconds(60));
            startup.mllp().feedAccepted(Mllp.a01v231(patient, "Nine", "Kim"));
            Soap soap = startup.soap();
            int[] count = {0};
            Thread client = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    SubmissionBuilder s = Registry.submission(patient);
                    String uid = Registry.document(s, "load " + count[0]).uniqueIdValue();
                    String envelope = envelope(startup.registryUrl(), Registry.xml(s));
                    inFlight.set(uid);
                    count[0]++;
                    try {
                        HttpResponse<String> r = soap.send(envelope, Vocabulary.ACTION_REGISTER);
                        if (r.statusCode() == 200 && r.body().contains("status=\"" + Vocabulary.RESPONSE_SUCCESS + "\"")) {
                            acknowledged.add(uid);
                            inFlight.set(null);
                        } else if (!killed.get()) {
                            clientError.set(new AssertionError("submission refused: " + r.body()));
                            return;
                        } else {
                            return;
                        }
                    } catch (Soap.WireException e) {
                        if (!killed.get()) {
                            clientError.set(e);
                        }
                        return; // connection refused/reset: the server is gone
                    }
                }
            }, "document-source");
            client.start();
            // kill once a steady stream is going, however slow the machine is today
            long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acknowledged.size() < KILL_AFTER && client.isAlive() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            killed.set(true);
            xdsi.process.destroyForcibly();
            assertEquals(137, xdsi.awaitExit(Duration.ofSeconds(20)), "SIGKILL");
            client.join(35_000);
            assertTrue(!client.isAlive(), "client ended");
            sent = count[0];
        }
        if (clientError.get() != null) {
            throw new AssertionError("client failed before the kill", clientError.get());
        }
        List<String> acked = List.copyOf(acknowledged);
        String maybe = inFlight.get();
        System.out.printf("sent %d, acknowledged %d, in flight at the kill: %s%n", sent, acked.size(), maybe);
        assertTrue(acked.size() >= KILL_AFTER, "enough submissions before the kill: " + acked.size());

        try (XdsiProcess again = XdsiProcess.runRegistry(data)) {
            StartupLines startup = again.awaitReady(Duration.ofSeconds(60));
            Soap soap = startup.soap();

            // every acknowledged document is found by its uniqueId
            Soap.Reply docs = soap.query(Registry.getDocumentsByUniqueId(acked));
            docs.assertSuccess();
            List<String> foundUids = Soap.Reply.identifiers(docs.documentEntries(), Vocabulary.DE_UNIQUE_ID);
            Set<String> missing = new HashSet<>(acked);
            foundUids.forEach(missing::remove);
            assertTrue(missing.isEmpty(), "acknowledged but lost after SIGKILL: " + missing);
            assertEquals(acked.size(), foundUids.size(), "each acknowledged uniqueId exactly once");

            // FindDocuments: acknowledged, plus at most the one in flight
            Soap.Reply all = soap.query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
            all.assertSuccess();
            List<Element> entries = all.documentEntries();
            Set<String> extra = new HashSet<>(Soap.Reply.identifiers(entries, Vocabulary.DE_UNIQUE_ID));
            extra.removeAll(acked);
            assertTrue(extra.isEmpty() || extra.equals(Set.of(String.valueOf(maybe))),
                    "only the in-flight submission may be there unacknowledged: " + extra + " (in flight " + maybe + ")");
            assertTrue(entries.size() == acked.size() || entries.size() == acked.size() + 1,
                    "FindDocuments " + entries.size() + " vs acknowledged " + acked.size());

            // no half-written entry: each DocumentEntry has its SubmissionSet and the SS-DE HasMember
            List<String> entryUuids = entries.stream().map(e -> e.getAttribute("id")).toList();
            Soap.Reply sets = soap.query(Registry.getSubmissionSets(entryUuids));
            sets.assertSuccess();
            Set<String> ssIds = new HashSet<>();
            sets.submissionSets().forEach(p -> ssIds.add(p.getAttribute("id")));
            assertEquals(entries.size(), ssIds.size(), "one SubmissionSet per submission: " + sets.body.length());
            Set<String> withSet = new HashSet<>();
            for (Element a : sets.associations()) {
                if (Vocabulary.HAS_MEMBER.equals(a.getAttribute("associationType")) && ssIds.contains(a.getAttribute("sourceObject"))) {
                    withSet.add(a.getAttribute("targetObject"));
                }
            }
            Set<String> orphans = new HashSet<>(entryUuids);
            orphans.removeAll(withSet);
            assertTrue(orphans.isEmpty(), "DocumentEntries without their SubmissionSet: " + orphans);

            // and the registry still takes submissions for the patient
            SubmissionBuilder s = Registry.submission(patient);
            Registry.document(s, "after the kill");
            soap.register(Registry.xml(s)).assertSuccess();
        }
    }

    private static String envelope(String url, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Soap.NS_SOAP + "\" xmlns:a=\""
                + Soap.NS_WSA + "\"><s:Header><a:Action s:mustUnderstand=\"1\">" + Vocabulary.ACTION_REGISTER
                + "</a:Action><a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID><a:ReplyTo><a:Address>"
                + "http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo><a:To s:mustUnderstand=\"1\">"
                + url + "</a:To></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }
}
