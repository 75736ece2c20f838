package org.xdsi.server.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.model.Code;
import org.xdsi.registry.client.RegistryCallException;
import org.xdsi.repository.client.RemoteCallException;
import org.xdsi.schema.rs.RegistryError;
import org.xdsi.schema.rs.RegistryErrorList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the client commands (submit, register, query, retrieve, feed) share: exit codes, {@code -v}, {@code --timeout},
 * the output conventions (facts on stdout as {@code key value} lines, problems on stderr as one
 * {@code xdsi <command>: ...} line, stack traces only with {@code -v}) and the parsing of XDS values.
 */
abstract class ClientCommand implements Callable<Integer> {
    /** The transaction succeeded. */
    static final int OK = 0;
    /** The peer answered Failure (or a negative ACK). */
    static final int FAILURE = 1;
    /** Bad usage, or no answer (unreachable, timeout, not a SOAP/MLLP peer). */
    static final int USAGE_OR_TRANSPORT = 2;
    /** ITI-43 answered PartialSuccess. */
    static final int PARTIAL = 3;

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern DTM = Pattern.compile("[0-9]{4}([0-9]{2}){0,5}");

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up when the peer does not connect or answer within this time"
                    + " (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** A problem to report in one line with an exit code, without a stack trace. */
    static final class CliException extends RuntimeException {
        final int exitCode;
        final boolean suggestHelp;

        CliException(int exitCode, String message, boolean suggestHelp) {
            super(message);
            this.exitCode = exitCode;
            this.suggestHelp = suggestHelp;
        }
    }

    /** The command itself; returns the exit code. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            int code = execute();
            out().flush();
            return code;
        } catch (CliException e) {
            return report(e.getMessage(), e, e.exitCode);
        } catch (RemoteCallException e) {
            // a SOAP fault is the peer's refusal (1); no answer at all is a transport problem (2)
            return report(e.getMessage(), e, e.isTransportFailure() ? USAGE_OR_TRANSPORT : FAILURE);
        } catch (RegistryCallException e) {
            return report(e.getMessage(), e, e.kind() == RegistryCallException.Kind.FAULT ? FAILURE
                    : USAGE_OR_TRANSPORT);
        } catch (Exception e) {
            return report(describe(e), e, USAGE_OR_TRANSPORT);
        }
    }

    private int report(String message, Throwable e, int exitCode) {
        out().flush();
        PrintWriter err = err();
        if (verbose) {
            e.printStackTrace(err);
        }
        err.println("xdsi " + spec.name() + ": " + message);
        if (e instanceof CliException c && c.suggestHelp) {
            err.println("Try 'xdsi " + spec.name() + " --help'.");
        }
        err.flush();
        return exitCode;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw usage("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Bad input: exit 2, with a pointer to --help. */
    static CliException usage(String message) {
        return new CliException(USAGE_OR_TRANSPORT, message, true);
    }

    /** No answer from the peer: exit 2. */
    static CliException transport(String message) {
        return new CliException(USAGE_OR_TRANSPORT, message, false);
    }

    /** One line: the distinct messages along the cause chain. */
    static String describe(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            String first = m.strip().lines().findFirst().orElse("").strip();
            if (parts.stream().noneMatch(p -> p.contains(first))) {
                parts.add(first);
            }
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    // ------------------------------------------------------------------------------------------ values

    /** An http(s) endpoint URL given with {@code option}. */
    static URI endpoint(String option, String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw usage(option + " must be an http:// or https:// URL, not '" + url + "'");
    }

    /**
     * A patient ID as the registry wants it, {@code id^^^&OID&ISO}. A bare {@code id} gets the {@code --domain}
     * assigning authority.
     */
    static String patientId(String option, String value, String domain) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw usage(option + " is empty");
        }
        if (v.contains("^")) {
            if (!v.contains("^^^&") || !v.endsWith("&ISO")) {
                throw usage(option + " '" + v + "' is not a patient ID of an affinity domain: expected"
                        + " id^^^&OID&ISO (or a bare id and --domain OID)");
            }
            return v;
        }
        if (domain == null) {
            throw usage(option + " '" + v + "' has no assigning authority: give id^^^&OID&ISO, or add --domain OID");
        }
        return v + "^^^&" + oid("--domain", domain) + "&ISO";
    }

    static String oid(String option, String value) {
        String v = value.trim();
        if (!OID.matcher(v).matches()) {
            throw usage(option + " must be an OID (digits and dots, e.g. 1.2.3), not '" + value + "'");
        }
        return v;
    }

    /** An HL7 DTM (YYYY[MM[DD[HH[MM[SS]]]]]), as XDS time attributes and query bounds use it. */
    static String dtm(String option, String value) {
        String v = value.trim();
        if (!DTM.matcher(v).matches()) {
            throw usage(option + " must be a date/time YYYY[MM[DD[hh[mm[ss]]]]] (e.g. 20240301 or 20240301120000),"
                    + " not '" + value + "'");
        }
        return v;
    }

    /**
     * A coded value: {@code code^scheme^display} (display optional) or the query form {@code code^^scheme}.
     */
    static Code code(String option, String value) {
        String[] p = value.trim().split("\\^", -1);
        String code = p[0].trim();
        String scheme;
        String display;
        if (p.length >= 3 && p[1].isBlank()) { // code^^scheme[^display]
            scheme = p[2].trim();
            display = p.length > 3 ? p[3].trim() : "";
        } else if (p.length >= 2) {
            scheme = p[1].trim();
            display = p.length > 2 ? p[2].trim() : "";
        } else {
            scheme = "";
            display = "";
        }
        if (code.isEmpty() || scheme.isEmpty()) {
            throw usage(option + " must be code^codingScheme[^displayName] (e.g. 18748-4^2.16.840.1.113883.6.1^"
                    + "Diagnostic imaging study), not '" + value + "'");
        }
        return new Code(code, scheme, display.isEmpty() ? code : display);
    }

    // ------------------------------------------------------------------------------------------ output

    /** Success, Failure or PartialSuccess: the last part of the status URN. */
    static String statusName(String status) {
        if (status == null) {
            return "(none)";
        }
        String s = status.trim();
        return s.substring(s.lastIndexOf(':') + 1);
    }

    static boolean isSuccess(String status) {
        return status != null && Vocabulary.RESPONSE_SUCCESS.equals(status.trim());
    }

    static boolean isPartialSuccess(String status) {
        return status != null && Vocabulary.RESPONSE_PARTIAL_SUCCESS.equals(status.trim());
    }

    static List<RegistryError> errors(RegistryErrorList list) {
        return list == null ? List.of() : list.getRegistryError();
    }

    /** One line per error or warning: {@code error <code> <codeContext> (location <location>)}. */
    static void printErrors(PrintWriter out, List<RegistryError> errors) {
        for (RegistryError e : errors) {
            boolean warning = Vocabulary.SEVERITY_WARNING.equals(e.getSeverity());
            String context = e.getCodeContext() == null ? "" : " " + oneLine(e.getCodeContext());
            String location = e.getLocation() == null || e.getLocation().isBlank() ? ""
                    : " (location " + oneLine(e.getLocation()) + ")";
            out.println((warning ? "warning " : "error ") + e.getErrorCode() + context + location);
        }
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
