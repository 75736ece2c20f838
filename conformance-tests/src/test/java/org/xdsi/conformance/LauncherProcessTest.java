package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;

/** The start-up contract of {@code xdsi run} as a real process: stdout lines, one transaction, SIGTERM, exit codes. */
class LauncherProcessTest {
    @TempDir
    Path tmp;

    @Test
    void startsPrintsTheContractServesAndStopsOnSigterm() throws Exception {
        try (XdsiProcess xdsi = XdsiProcess.runRegistry(tmp.resolve("data"))) {
            StartupLines startup = xdsi.awaitReady(Duration.ofSeconds(60));
            assertEquals(Registry.DOMAIN, startup.domain());
            List<String> lines = startup.lines();
            int domain = lines.indexOf("domain " + Registry.DOMAIN);
            int registry = lines.indexOf("endpoint registry " + startup.registryUrl());
            int mllp = lines.indexOf("endpoint mllp " + startup.mllpUrl());
            int ready = lines.indexOf("xdsi ready");
            assertTrue(0 <= domain && domain < registry && registry < mllp && mllp < ready, lines::toString);
            assertEquals(ready, lines.size() - 1, "xdsi ready is the last start-up line");
            assertTrue(lines.contains("data " + tmp.resolve("data").toAbsolutePath().normalize()), lines::toString);

            // one real transaction: feed, register, find
            String patient = Registry.patient("LP" + System.nanoTime());
            startup.mllp().feedAccepted(Mllp.a01v231(patient, "Process", "Paul"));
            SubmissionBuilder s = Registry.submission(patient);
            DocumentEntryBuilder doc = Registry.document(s, "over the launcher");
            Soap soap = startup.soap();
            soap.register(Registry.xml(s)).assertSuccess();
            Soap.Reply found = soap.query(Registry.findDocuments(patient, "LeafClass", Registry.APPROVED));
            found.assertSuccess();
            assertEquals(Set.of(doc.uniqueIdValue()),
                    Set.copyOf(Soap.Reply.identifiers(found.documentEntries(), Vocabulary.DE_UNIQUE_ID)));

            // SIGTERM: listeners and database closed, "xdsi stopped", exit within 20 s. Sent through the
            // ProcessHandle: Process.destroy() sends the same SIGTERM but also closes our end of the child's
            // stdout at once, so the 'xdsi stopped' line would be lost on our side.
            xdsi.process.toHandle().destroy();
            long t0 = System.nanoTime();
            int exit = xdsi.awaitExit(Duration.ofSeconds(20));
            List<String> after = xdsi.remainingStdout(Duration.ofSeconds(2));
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(after.contains("xdsi stopped"), () -> "stdout after SIGTERM (exit " + exit + " after " + stopMillis
                    + " ms): " + after + "; stderr:\n" + xdsi.stderr());
            assertTrue(exit == 143 || exit == 0, "exit status after SIGTERM: " + exit);
            System.out.printf("xdsi stopped in %d ms after SIGTERM, exit %d%n", stopMillis, exit);
            assertTrue(!xdsi.stderr().contains("Exception"), () -> "no exception on shutdown:\n" + xdsi.stderr());
        }
    }

    @Test
    void badStartsExitWithAClearLineAndNoStackTrace() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            // both launched at once to keep the module fast
            XdsiProcess unknownActor = XdsiProcess.run("--data", tmp.resolve("a").toString(), "--http-port", "0",
                    "--mllp-port", "0", "--domain", Registry.DOMAIN, "--actors", "registry,nonsense");
            XdsiProcess portInUse = XdsiProcess.run("--data", tmp.resolve("b").toString(), "--http-port",
                    Integer.toString(busy.getLocalPort()), "--mllp-port", "0", "--domain", Registry.DOMAIN);
            try (unknownActor; portInUse) {
                assertEquals(2, unknownActor.awaitExit(Duration.ofSeconds(60)), unknownActor.stderr());
                String err = unknownActor.stderr();
                List<String> xdsiLines = err.lines().filter(l -> l.startsWith("xdsi: ")).toList();
                assertEquals(1, xdsiLines.size(), err);
                assertTrue(xdsiLines.get(0).contains("nonsense") && xdsiLines.get(0).contains("registry"), err);
                assertNoStackTrace(err);
                assertTrue(unknownActor.remainingStdout(Duration.ofSeconds(1)).stream().noneMatch(l -> l.startsWith("endpoint ")));

                assertEquals(1, portInUse.awaitExit(Duration.ofSeconds(60)), portInUse.stderr());
                String err2 = portInUse.stderr();
                List<String> xdsiLines2 = err2.lines().filter(l -> l.startsWith("xdsi:")).toList();
                assertEquals(1, xdsiLines2.size(), err2);
                assertTrue(xdsiLines2.get(0).contains(Integer.toString(busy.getLocalPort())), err2);
                assertNoStackTrace(err2);
                List<String> out2 = portInUse.remainingStdout(Duration.ofSeconds(1));
                assertTrue(out2.stream().noneMatch(l -> l.startsWith("endpoint ") || l.equals("xdsi ready")), out2::toString);
            }
        }
    }

    private static void assertNoStackTrace(String stderr) {
        assertTrue(stderr.lines().noneMatch(l -> l.matches("\\s+at [\\w.$]+\\(.*") || l.startsWith("Caused by:")),
                () -> "stack trace on stderr:\n" + stderr);
    }
}
