package org.xdsi.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.schema.Schemas;
import org.xdsi.server.Xdsi;
import picocli.CommandLine;

/**
 * {@code xdsi register} and {@code xdsi query} against small fake registries: the exit code depends on what kind of
 * answer came back, never on the words of an error the registry sent.
 */
class RegistryCommandsAgainstFakeRegistryTest {
    static final String PATIENT = "1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
    private static final Pattern MESSAGE_ID = Pattern.compile("<wsa:MessageID>([^<]+)</wsa:MessageID>");

    @TempDir
    Path tmp;
    private final List<HttpServer> fakes = new ArrayList<>();

    @AfterEach
    void stop() {
        fakes.forEach(s -> s.stop(0));
    }

    record Run(int exit, String out, String err) {
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

    private String fake(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        fakes.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/registry";
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A registry answering every ITI-42 with Failure and one XDSRegistryError; codeContext gets the registry's URL. */
    private String failingRegistry(UnaryOperator<String> codeContext) throws IOException {
        return fake(exchange -> {
            String self = "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/registry";
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = MESSAGE_ID.matcher(request);
            String relatesTo = id.find() ? id.group(1) : "";
            answer(exchange, 200, "application/soap+xml; charset=UTF-8",
                    "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
                            + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>"
                            + "<wsa:Action>" + Vocabulary.ACTION_REGISTER_RESPONSE + "</wsa:Action>"
                            + "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo></soap:Header><soap:Body>"
                            + "<rs:RegistryResponse xmlns:rs=\"" + Schemas.NS_RS + "\" status=\""
                            + Vocabulary.RESPONSE_FAILURE + "\"><rs:RegistryErrorList><rs:RegistryError"
                            + " errorCode=\"XDSRegistryError\" codeContext=\"" + codeContext.apply(self) + "\" severity=\""
                            + Vocabulary.SEVERITY_ERROR + "\"/></rs:RegistryErrorList></rs:RegistryResponse>"
                            + "</soap:Body></soap:Envelope>");
        });
    }

    private Path submission() throws Exception {
        SubmissionBuilder s = new SubmissionBuilder(PATIENT, "1.3.6.1.4.1.21367.13.40.216");
        s.addDocument().hashAndSize("0".repeat(40), 1).repositoryUniqueId("1.2.3");
        return Files.writeString(tmp.resolve("iti42.xml"), Schemas.marshal(s.build()));
    }

    @Test
    void aRegistryErrorWordedLikeTheClientsOwnMessagesIsStillTheRegistrysAnswer() throws Exception {
        String url = failingRegistry(self -> "registry " + self + " answered HTTP 500 with a SOAP fault: disk full");
        Run r = xdsi("register", "--registry", url, submission().toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error XDSRegistryError registry " + url + " answered"), r::toString);
        assertTrue(r.out().contains("status Failure"), r::toString);
        assertEquals("", r.err(), r::toString);

        String other = failingRegistry(self -> "registry " + self + " is out of disk space");
        Run again = xdsi("register", "--registry", other, submission().toString());
        assertEquals(1, again.exit(), "the registry answered Failure, this is no transport problem: " + again);
        assertTrue(again.out().contains("error XDSRegistryError registry " + other + " is out of disk space"),
                again::toString);
    }

    @Test
    void aProxyAnswering503IsExit2SayingTheRegistryIsNotAvailable() throws Exception {
        String url = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 503, "text/html", "<html><body>Service Unavailable</body></html>");
        });
        Run query = xdsi("query", "--registry", url, "--patient", PATIENT);
        assertEquals(2, query.exit(), query::toString);
        assertEquals("", query.out(), query::toString);
        assertTrue(query.err().startsWith("xdsi query: registry " + url + " is not available: it answered HTTP 503"),
                query::toString);

        Run register = xdsi("register", "--registry", url, submission().toString());
        assertEquals(2, register.exit(), register::toString);
        assertTrue(register.err().contains("HTTP 503"), register::toString);
    }

    @Test
    void aSoapFaultIsTheRegistrysRefusalExit1() throws Exception {
        String url = fake(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 500, "application/soap+xml", "<soap:Envelope"
                    + " xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault><soap:Code>"
                    + "<soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">"
                    + "no thanks</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>");
        });
        Run r = xdsi("query", "--registry", url, "--patient", PATIENT);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().startsWith("xdsi query: registry " + url + " answered HTTP 500 with a SOAP fault"),
                r::toString);
        assertTrue(r.err().contains("no thanks"), r::toString);
    }
}
