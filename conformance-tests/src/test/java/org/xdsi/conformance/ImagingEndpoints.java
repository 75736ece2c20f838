package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.xdsi.server.Xdsi;

/**
 * The imaging source's start-up lines ({@code imaging-source-uid <oid>}, {@code endpoint imaging-rad69|wado-uri|
 * wado-rs|stow-rs <url>}) and the URLs the contract derives from the base {@code http://host:port/xdsi}.
 */
record ImagingEndpoints(String sourceUid, String base, String rad69, String wadoUri, String wadoRs, String stowRs) {

    /**
     * The URLs the contract derives from the base (taken from the repository endpoint line), and the imaging source
     * UID line. {@link #assertAnnounced} checks the endpoint lines separately.
     */
    static ImagingEndpoints of(StartupLines startup) {
        List<String> lines = startup.lines();
        String uid = value(lines, "imaging-source-uid ");
        String repository = value(lines, "endpoint repository ");
        String base = repository.substring(0, repository.length() - "/repository".length());
        return new ImagingEndpoints(uid, base, base + "/imaging-source", base + "/wado", base + "/dicomweb",
                base + "/dicomweb/studies");
    }

    /** The start-up lines announce the four imaging endpoints at the contract's URLs. */
    void assertAnnounced(StartupLines startup) {
        List<String> lines = startup.lines();
        assertEquals(rad69, value(lines, "endpoint imaging-rad69 "), "RAD-69 at <base>/imaging-source");
        assertEquals(wadoUri, value(lines, "endpoint wado-uri "), "WADO-URI at <base>/wado");
        assertEquals(wadoRs, value(lines, "endpoint wado-rs "), "WADO-RS at <base>/dicomweb");
        assertEquals(stowRs, value(lines, "endpoint stow-rs "), "STOW-RS at <base>/dicomweb/studies");
        int ready = lines.indexOf("xdsi ready");
        assertTrue(lines.stream().filter(l -> l.startsWith("endpoint ")).allMatch(l -> lines.indexOf(l) < ready),
                () -> "endpoint lines before xdsi ready: " + lines);
        assertTrue(sourceUid.matches("[0-2](\\.(0|[1-9][0-9]*))+"), () -> "imaging-source-uid is an OID: " + sourceUid);
    }

    private static String value(List<String> lines, String prefix) {
        String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        assertNotNull(line, () -> "no start-up line '" + prefix.trim() + " ...' in " + lines);
        return line.substring(prefix.length()).trim();
    }

    /** Publication admin REST: {@code <base>/imaging}. */
    String admin() {
        return base + "/imaging";
    }

    /**
     * Waits until the admin REST reports the study PUBLISHED at its current revision: then RAD-68 has finished
     * (the registry entry alone does not say so: the repository registers before it makes the document
     * retrievable). Fails after {@code timeout}; returns the publication's JSON.
     */
    String awaitPublished(org.xdsi.conformance.imaging.DicomWebClient web, String studyUid, java.time.Duration timeout)
            throws InterruptedException {
        java.util.regex.Pattern done = java.util.regex.Pattern.compile(
                "\"state\":\"PUBLISHED\",\"studyRevision\":(\\d+),\"publishedRevision\":(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        org.xdsi.conformance.imaging.DicomWebClient.Answer a;
        do {
            a = web.get(admin() + "/studies/" + studyUid, null);
            java.util.regex.Matcher m = done.matcher(a.body());
            if (a.status() == 200 && m.find() && m.group(1).equals(m.group(2))) {
                return a.body();
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        org.xdsi.conformance.imaging.DicomWebClient.Answer last = a;
        return org.junit.jupiter.api.Assertions.fail("study " + studyUid + " not published within " + timeout + ": "
                + last);
    }

    /** Exit code and output of one {@code xdsi} command run in this JVM. */
    record Cli(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** Runs {@code xdsi <args> --url <base>} through the real command line. */
    Cli xdsi(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = java.util.Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--url";
        full[args.length + 1] = base;
        int code = Xdsi.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(full);
        return new Cli(code, out.toString(), err.toString());
    }
}
