package org.xdsi.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xdsi status [STUDY_UID]}: the publication state of the running imaging source's studies. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows the publication state (RAD-68) of the studies of the running imaging source:"
                + " PENDING (waiting for its quiet period), PUBLISHED, FAILED (retried with back-off) or HELD"
                + " (needs a person, e.g. a patient that cannot be mapped to the affinity domain).",
                "With STUDY_UID: that study as 'key value' lines; without: a table of the most recently changed"
                        + " studies."},
        footer = {"", "Exit status: 0 nothing failed or held, 1 a study shown is FAILED or HELD (or unknown), 2 usage"
                + " error or the server cannot be reached.",
                "Example: xdsi status --url http://127.0.0.1:8080/xdsi"})
public final class StatusCommand extends ImagingAdminCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY_UID", description = "Study Instance UID.")
    String study;

    @Override
    int execute() throws Exception {
        if (study != null) {
            Answer a = call("GET", "/studies/" + studyUid(study));
            if (a.status() != 200) {
                throw new CliException(a.status() == 404 ? FAILURE : USAGE_OR_TRANSPORT,
                        "HTTP " + a.status() + ": " + a.text("error"), false);
            }
            return printPublication(a.json());
        }
        Answer a = call("GET", "/studies");
        Object list = a.json().get("studies");
        if (a.status() != 200 || !(list instanceof List<?> studies)) {
            throw transport("HTTP " + a.status() + ": " + a.text("error"));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STUDY", "STATE", "REVISION", "PUBLISHED", "ATTEMPTS", "NEXT-ATTEMPT", "LAST-ERROR"});
        boolean troubled = false;
        for (Object o : studies) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) o;
            troubled |= troubled(p);
            rows.add(new String[] {str(p.get("studyInstanceUid")), str(p.get("state")), str(p.get("studyRevision")),
                    str(p.get("publishedRevision")), str(p.get("attempts")), str(p.get("nextAttemptAt")),
                    compactLine(str(p.get("lastError")))});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out().println(sb.toString().stripTrailing());
        }
        out().println(studies.size() + " stud" + (studies.size() == 1 ? "y" : "ies"));
        return troubled ? FAILURE : OK;
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String compactLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
