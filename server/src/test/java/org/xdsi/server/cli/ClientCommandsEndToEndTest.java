package org.xdsi.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.schema.Schemas;
import org.xdsi.server.ServerSettings;
import org.xdsi.server.Xdsi;
import org.xdsi.server.XdsiServer;
import picocli.CommandLine;

/**
 * The client commands against the whole system started in this JVM (as {@code xdsi run} starts it), through the
 * picocli command line exactly as a user types them: feed, submit (3 MB and a PDF), query (table and XML),
 * retrieve (byte-identical, SHA-1), register (ITI-42 from a file), and the error paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCommandsEndToEndTest {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000"; // the one docs/examples use
    static final String PATIENT = "1234567^^^&" + DOMAIN + "&ISO";

    private Path tmp;

    private XdsiServer server;
    private String registryUrl;
    private String repositoryUrl;
    private String mllpUrl;
    private String repositoryId;

    // what the scenario carries from step to step
    private byte[] big;
    private byte[] pdf;
    private String bigUniqueId;
    private String pdfUniqueId;

    /** One command run: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The values of every {@code key value} line with this key. */
        List<String> values(String key) {
            List<String> values = new ArrayList<>();
            for (String line : lines()) {
                if (line.startsWith(key + " ")) {
                    values.add(line.substring(key.length() + 1));
                }
            }
            return values;
        }

        String value(String key) {
            List<String> v = values(key);
            assertEquals(1, v.size(), () -> "one '" + key + "' line expected in:\n" + this);
            return v.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run xdsi(String... args) {
        CommandLine cl = Xdsi.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path data = tmp.resolve("data");
        Map<String, String> flags = new HashMap<>();
        flags.put(ServerSettings.DATA, data.toString());
        flags.put(ServerSettings.HTTP_PORT, "0");
        flags.put(ServerSettings.MLLP_PORT, "0");
        flags.put(ServerSettings.BIND, "127.0.0.1");
        flags.put(ServerSettings.DOMAIN, DOMAIN);
        ServerSettings settings = ServerSettings.resolve(null, flags, tmp);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        server = new XdsiServer(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        server.start(settings);
        for (String line : stdout.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("endpoint registry ")) {
                registryUrl = line.substring("endpoint registry ".length());
            } else if (line.startsWith("endpoint repository ")) {
                repositoryUrl = line.substring("endpoint repository ".length());
            } else if (line.startsWith("endpoint mllp ")) {
                mllpUrl = line.substring("endpoint mllp ".length());
            } else if (line.startsWith("repository-unique-id ")) {
                repositoryId = line.substring("repository-unique-id ".length());
            }
        }
        assertNotNull(registryUrl, stdout::toString);
        assertNotNull(repositoryUrl, stdout::toString);
        assertNotNull(mllpUrl, stdout::toString);
        assertNotNull(repositoryId, stdout::toString);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------------------------ round trip

    @Test
    @Order(1)
    void feedThePatient() {
        Run r = xdsi("feed", "--mllp", mllpUrl, "--patient", PATIENT, "--name", "Doe^Jane", "--birth-date",
                "19560527", "--sex", "F");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("AA", r.value("ack"), r::toString);
        assertTrue(r.value("message-control-id").startsWith("XDSI"), r::toString);
        assertEquals("", r.err(), r::toString);

        // A08 with host:port instead of the mllp:// URL, and a bare id with --domain
        Run update = xdsi("feed", "--mllp", mllpUrl.replace("mllp://", ""), "--patient", "1234567", "--domain",
                DOMAIN, "--event", "a08", "--name", "Doe^Jane^Q");
        assertEquals(0, update.exit(), update::toString);
        assertEquals("AA", update.value("ack"));
    }

    @Test
    @Order(2)
    void submitA3MegabyteFileAndAPdf() throws Exception {
        big = new byte[3 * 1024 * 1024];
        new Random(11).nextBytes(big);
        Path bigFile = Files.write(tmp.resolve("scan.bin"), big);
        pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path pdfFile = Files.write(tmp.resolve("report.pdf"), pdf);

        Run r = xdsi("submit", "--repository", repositoryUrl, "--patient", PATIENT, bigFile.toString(),
                pdfFile.toString(), "--author-person", "^Welby^Marcus^^^Dr", "--author-institution",
                "Springfield Radiology^^^^^^^^^1.3.6.1.4.1.21367.13.70.1",
                "--class-code", "18748-4^2.16.840.1.113883.6.1^Diagnostic imaging study");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("Success", r.value("status"));
        assertTrue(r.value("submission-set-unique-id").matches("2\\.25\\.\\d+"), r::toString);
        List<String> ids = r.values("document-unique-id");
        assertEquals(2, ids.size(), r::toString);
        bigUniqueId = ids.get(0);
        pdfUniqueId = ids.get(1);
        assertEquals(List.of(bigFile.toString(), pdfFile.toString()), r.values("file"));
        assertEquals(List.of("application/octet-stream", "application/pdf"), r.values("mime-type"));
        assertEquals(List.of(Integer.toString(big.length), Integer.toString(pdf.length)), r.values("size"));
        assertEquals(List.of(sha1(big), sha1(pdf)), r.values("sha1"));
        assertEquals("", r.err(), r::toString);
    }

    @Test
    @Order(3)
    void queryAsATable() {
        Run r = xdsi("query", "--registry", registryUrl, "--patient", PATIENT);
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.lines();
        assertTrue(lines.get(0).matches("UNIQUE-ID +TITLE +MIME-TYPE +CREATION-TIME +STATUS +REPOSITORY-UNIQUE-ID"
                + " +SIZE"), r::toString);
        assertEquals(3, lines.size(), r::toString);
        String bigRow = row(lines, bigUniqueId);
        assertTrue(bigRow.matches(java.util.regex.Pattern.quote(bigUniqueId) + " +scan\\.bin +application/octet-stream"
                + " +\\d{12,14} +Approved +" + java.util.regex.Pattern.quote(repositoryId) + " +" + big.length),
                bigRow);
        String pdfRow = row(lines, pdfUniqueId);
        assertTrue(pdfRow.contains(" report.pdf ") && pdfRow.contains(" application/pdf ")
                && pdfRow.endsWith(" " + pdf.length), pdfRow);
        assertFalse(r.out().contains("status "), "no status line on Success: a pure table");

        Run filtered = xdsi("query", "--registry", registryUrl, "--patient", PATIENT, "--format-code",
                SubmitCommand.FORMAT_PDF.code() + "^^" + SubmitCommand.FORMAT_PDF.codingScheme(),
                "--from", "2000", "--to", "29991231");
        assertEquals(0, filtered.exit(), filtered::toString);
        assertEquals(2, filtered.lines().size(), filtered::toString);
        assertTrue(filtered.lines().get(1).startsWith(pdfUniqueId + " "), filtered::toString);

        Run none = xdsi("query", "--registry", registryUrl, "--patient", PATIENT, "--status", "deprecated");
        assertEquals(0, none.exit(), "Success with no documents is exit 0: " + none);
        assertEquals(1, none.lines().size(), none::toString);
    }

    private static String row(List<String> lines, String uniqueId) {
        return lines.stream().filter(l -> l.startsWith(uniqueId + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + uniqueId + " in " + lines));
    }

    @Test
    @Order(4)
    void queryAsXml() throws Exception {
        Run r = xdsi("query", "--registry", registryUrl, "--patient", PATIENT, "--xml");
        assertEquals(0, r.exit(), r::toString);
        DocumentBuilderFactory f = Schemas.secureDocumentBuilderFactory();
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                r.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals("AdhocQueryResponse", doc.getDocumentElement().getLocalName());
        assertEquals(Schemas.NS_QUERY, doc.getDocumentElement().getNamespaceURI());
        assertEquals(2, doc.getElementsByTagNameNS(Schemas.NS_RIM, "ExtrinsicObject").getLength());
        assertTrue(r.out().contains(bigUniqueId) && r.out().contains(pdfUniqueId), r::toString);
    }

    @Test
    @Order(5)
    void retrieveByteIdenticalWithSha1() throws Exception {
        Path out = tmp.resolve("retrieved");
        Run r = xdsi("retrieve", "--repository", repositoryUrl, "--repository-id", repositoryId, "--out",
                out.toString(), bigUniqueId, pdfUniqueId);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("Success", r.value("status"));
        assertEquals(List.of(bigUniqueId, pdfUniqueId), r.values("document-unique-id"));
        Path bigPath = out.resolve(bigUniqueId + ".bin");
        Path pdfPath = out.resolve(pdfUniqueId + ".pdf");
        assertEquals(List.of(bigPath.toString(), pdfPath.toString()), r.values("path"));
        assertArrayEquals(big, Files.readAllBytes(bigPath));
        assertArrayEquals(pdf, Files.readAllBytes(pdfPath));
        assertEquals(List.of(sha1(big), sha1(pdf)), r.values("sha1"));
        assertEquals(List.of(Integer.toString(big.length), Integer.toString(pdf.length)), r.values("size"));
        assertEquals(List.of("application/octet-stream", "application/pdf"), r.values("mime-type"));
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "only the documents, no temporary files");
        }

        Run partial = xdsi("retrieve", "--repository", repositoryUrl, "--repository-id", repositoryId, "--out",
                out.toString(), pdfUniqueId, "1.2.3.999999");
        assertEquals(3, partial.exit(), partial::toString);
        assertEquals("PartialSuccess", partial.value("status"));
        assertTrue(partial.value("error").startsWith("XDSDocumentUniqueIdError ")
                && partial.value("error").endsWith("(location 1.2.3.999999)"), partial::toString);

        Run failure = xdsi("retrieve", "--repository", repositoryUrl, "--repository-id", "1.2.3.4", "--out",
                out.toString(), pdfUniqueId);
        assertEquals(1, failure.exit(), failure::toString);
        assertEquals("Failure", failure.value("status"));
        assertTrue(failure.value("error").startsWith("XDSUnknownRepositoryId "), failure::toString);
    }

    @Test
    @Order(6)
    void registerFromFiles() throws Exception {
        // the README's example file: a SOAP envelope around the SubmitObjectsRequest
        Path example = Path.of("../docs/examples/iti42-register.xml");
        assertTrue(Files.isRegularFile(example), "run from the server module folder");
        Run r = xdsi("register", "--registry", registryUrl, example.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals("Success", r.value("status"));
        assertEquals(1, r.values("document-unique-id").size(), r::toString);

        // a bare lcm:SubmitObjectsRequest, as a repository would register a document it holds
        SubmissionBuilder s = new SubmissionBuilder(PATIENT, "1.3.6.1.4.1.21367.13.40.216")
                .author("^Welby^Marcus^^^Dr", null);
        DocumentEntryBuilder d = s.addDocument().title("registered directly").mimeType("text/plain")
                .hashAndSize(sha1("x".getBytes(StandardCharsets.US_ASCII)), 1).repositoryUniqueId(repositoryId);
        Path bare = Files.writeString(tmp.resolve("iti42.xml"), Schemas.marshal(s.build()));
        Run bareRun = xdsi("register", "--registry", registryUrl, bare.toString());
        assertEquals(0, bareRun.exit(), bareRun::toString);
        assertEquals(s.uniqueId(), bareRun.value("submission-set-unique-id"));
        assertEquals(d.uniqueIdValue(), bareRun.value("document-unique-id"));

        Run again = xdsi("register", "--registry", registryUrl, bare.toString());
        assertEquals(1, again.exit(), again::toString);
        assertEquals("Failure", again.value("status"));
        assertTrue(again.out().contains("error XDSDuplicateUniqueIdInRegistry "), again::toString);

        Run all = xdsi("query", "--registry", registryUrl, "--patient", PATIENT);
        assertEquals(0, all.exit(), all::toString);
        assertEquals(5, all.lines().size(), "header + 2 submitted + 2 registered: " + all);
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    @Order(10)
    void unknownPatientIsAFailureNamingTheCode() throws Exception {
        Path f = Files.writeString(tmp.resolve("note.txt"), "hello");
        Run r = xdsi("submit", "--repository", repositoryUrl, "--patient", "unfed-" + System.nanoTime(), "--domain",
                DOMAIN, f.toString());
        assertEquals(1, r.exit(), r::toString);
        assertEquals("Failure", r.value("status"));
        assertTrue(r.value("error").startsWith("XDSUnknownPatientId "), r::toString);
        assertTrue(r.values("document-unique-id").isEmpty(), "no identifiers of a failed submission");
    }

    @Test
    @Order(11)
    void refusedConnectionsAreExit2WithAClearMessage() throws Exception {
        int port = closedPort();
        Path f = Files.writeString(tmp.resolve("a.txt"), "a");
        String repo = "http://127.0.0.1:" + port + "/xdsi/repository";
        Run submit = xdsi("submit", "--repository", repo, "--patient", PATIENT, f.toString());
        assertEquals(2, submit.exit(), submit::toString);
        assertEquals("", submit.out());
        assertEquals("xdsi submit: repository " + repo + " is not reachable: connection refused",
                submit.err().strip(), submit::toString);

        Run retrieve = xdsi("retrieve", "--repository", repo, "--repository-id", "1.2.3", "--out",
                tmp.resolve("none").toString(), "1.2.3.4");
        assertEquals(2, retrieve.exit(), retrieve::toString);
        assertTrue(retrieve.err().contains("connection refused"), retrieve::toString);

        String registry = "http://127.0.0.1:" + port + "/xdsi/registry";
        Run query = xdsi("query", "--registry", registry, "--patient", PATIENT);
        assertEquals(2, query.exit(), query::toString);
        assertTrue(query.err().startsWith("xdsi query: registry " + registry + " is not reachable"), query::toString);
        assertFalse(query.err().contains("\tat "), "no stack trace without -v");

        Run feed = xdsi("feed", "--mllp", "127.0.0.1:" + port, "--patient", PATIENT);
        assertEquals(2, feed.exit(), feed::toString);
        assertEquals("xdsi feed: cannot reach mllp://127.0.0.1:" + port + ": connection refused", feed.err().strip());

        Run verbose = xdsi("feed", "-v", "--mllp", "127.0.0.1:" + port, "--patient", PATIENT);
        assertTrue(verbose.err().contains("\tat "), "-v prints the stack trace: " + verbose);
    }

    @Test
    @Order(12)
    void repositoryUrlThatIsARegistry() throws Exception {
        Path f = Files.writeString(tmp.resolve("b.txt"), "b");
        // the registry is no repository: it refuses ITI-41 with a SOAP fault, the peer's refusal (1)
        Run r = xdsi("submit", "--repository", registryUrl, "--patient", PATIENT, f.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().startsWith("xdsi submit: repository " + registryUrl + " answered with a SOAP fault"),
                r::toString);
        assertTrue(r.err().contains("ActionNotSupported"), r::toString);
    }

    @Test
    @Order(16)
    void endpointsThatGiveNoXdsAnswer() {
        String nowhere = registryUrl.replace("/xdsi/registry", "/xdsi/nothing");
        Run notFound = xdsi("query", "--registry", nowhere, "--patient", PATIENT);
        assertEquals(2, notFound.exit(), notFound::toString);
        assertEquals("", notFound.out());
        assertTrue(notFound.err().startsWith("xdsi query: registry " + nowhere + " answered HTTP 40"),
                notFound::toString);

        Run retrieve = xdsi("retrieve", "--repository", nowhere, "--repository-id", repositoryId, "--out",
                tmp.resolve("nowhere").toString(), "1.2.3");
        assertEquals(2, retrieve.exit(), retrieve::toString);
        assertTrue(retrieve.err().startsWith("xdsi retrieve: repository " + nowhere + " answered HTTP 40"),
                retrieve::toString);

        // the repository is no registry: it refuses a plain SOAP ITI-18 with a fault sent as MTOM, which the
        // registry client does not read: no XDS answer (2), one line naming the URL
        Run repository = xdsi("query", "--registry", repositoryUrl, "--patient", PATIENT);
        assertEquals(2, repository.exit(), repository::toString);
        assertTrue(repository.err().startsWith("xdsi query: registry " + repositoryUrl + " answered HTTP"),
                repository::toString);
        assertEquals(1, repository.err().lines().count(), repository::toString);
    }

    @Test
    @Order(13)
    void usageErrors() throws Exception {
        Run missing = xdsi("submit", "--repository", repositoryUrl, "--patient", PATIENT,
                tmp.resolve("nope.pdf").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("nope.pdf: no such file"), missing::toString);

        Run noPatient = xdsi("query", "--registry", registryUrl);
        assertEquals(2, noPatient.exit(), noPatient::toString);
        assertTrue(noPatient.err().contains("--patient"), noPatient::toString);

        Run bareId = xdsi("query", "--registry", registryUrl, "--patient", "1234567");
        assertEquals(2, bareId.exit(), bareId::toString);
        assertTrue(bareId.err().contains("--domain"), bareId::toString);

        Run badCode = xdsi("query", "--registry", registryUrl, "--patient", PATIENT, "--class-code", "only-a-code");
        assertEquals(2, badCode.exit(), badCode::toString);
        assertTrue(badCode.err().contains("code^codingScheme"), badCode::toString);

        Run badUrl = xdsi("retrieve", "--repository", "ftp://x", "--repository-id", "1.2", "1.2.3");
        assertEquals(2, badUrl.exit(), badUrl::toString);

        Run a40 = xdsi("feed", "--mllp", mllpUrl, "--patient", PATIENT, "--event", "A40");
        assertEquals(2, a40.exit(), a40::toString);
        assertTrue(a40.err().contains("--merge-from"), a40::toString);

        Path notXml = Files.writeString(tmp.resolve("not.xml"), "<html>hello</html>");
        Run register = xdsi("register", "--registry", registryUrl, notXml.toString());
        assertEquals(2, register.exit(), register::toString);
        assertTrue(register.err().contains("SubmitObjectsRequest"), register::toString);
    }

    @Test
    @Order(14)
    void everyCommandHasHelp() {
        for (String command : List.of("submit", "register", "query", "retrieve", "feed")) {
            Run r = xdsi(command, "--help");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("Usage: xdsi " + command), r::toString);
            assertTrue(r.out().contains("Exit status"), r::toString);
        }
        Run top = xdsi("--help");
        for (String command : List.of("run", "submit", "register", "query", "retrieve", "feed")) {
            assertTrue(top.out().contains("  " + command + " "), top::toString);
        }
    }

    @Test
    @Order(15)
    void mergeFeed() {
        String survivor = "MS" + System.nanoTime();
        String subsumed = "MX" + System.nanoTime();
        assertEquals(0, xdsi("feed", "--mllp", mllpUrl, "--domain", DOMAIN, "--patient", survivor).exit());
        assertEquals(0, xdsi("feed", "--mllp", mllpUrl, "--domain", DOMAIN, "--patient", subsumed).exit());
        Run merge = xdsi("feed", "--mllp", mllpUrl, "--domain", DOMAIN, "--event", "A40", "--patient", survivor,
                "--merge-from", subsumed);
        assertEquals(0, merge.exit(), merge::toString);
        assertEquals("AA", merge.value("ack"));

        Run outside = xdsi("feed", "--mllp", mllpUrl, "--patient", "x^^^&9.9.9&ISO", "--event", "A40",
                "--merge-from", "y^^^&9.9.9&ISO");
        assertTrue(outside.exit() == 0 || outside.exit() == 1, outside::toString);
        assertFalse(outside.values("ack").isEmpty(), outside::toString);
    }
}
