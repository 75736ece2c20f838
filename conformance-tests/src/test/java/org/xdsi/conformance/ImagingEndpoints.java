package org.xdsi.conformance;

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

    static ImagingEndpoints of(StartupLines startup) {
        List<String> lines = startup.lines();
        String uid = value(lines, "imaging-source-uid ");
        String rad69 = value(lines, "endpoint imaging-rad69 ");
        String base = rad69.substring(0, rad69.length() - "/imaging-source".length());
        ImagingEndpoints e = new ImagingEndpoints(uid, base, rad69, value(lines, "endpoint wado-uri "),
                value(lines, "endpoint wado-rs "), value(lines, "endpoint stow-rs "));
        assertTrue(rad69.endsWith("/xdsi/imaging-source"), () -> "RAD-69 at <base>/imaging-source: " + lines);
        assertTrue(e.wadoUri().equals(base + "/wado"), () -> "WADO-URI at <base>/wado: " + lines);
        assertTrue(e.wadoRs().equals(base + "/dicomweb"), () -> "WADO-RS at <base>/dicomweb: " + lines);
        assertTrue(e.stowRs().equals(base + "/dicomweb/studies"), () -> "STOW-RS at <base>/dicomweb/studies: " + lines);
        return e;
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
