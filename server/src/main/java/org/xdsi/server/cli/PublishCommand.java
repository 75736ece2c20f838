package org.xdsi.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xdsi publish STUDY_UID}: has the running imaging source publish a study's manifest now (RAD-68). */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes the KOS manifest of a study of the running imaging source now (RAD-68), without"
                + " waiting for its quiet period; a manifest already published is replaced (RPLC) when the study"
                + " has new instances. A held or failed study is tried again.",
                "Prints 'result', then the study's publication state as 'key value' lines."},
        footer = {"", "Exit status: 0 published, 1 not published (held, failed, unknown study), 2 usage error or"
                + " the server cannot be reached.",
                "Example: xdsi publish 1.2.826.0.1.3680043.2.1143.1 --url http://127.0.0.1:8080/xdsi"})
public final class PublishCommand extends ImagingAdminCommand {

    @Parameters(index = "0", paramLabel = "STUDY_UID", description = "Study Instance UID.")
    String study;

    @Override
    int execute() throws Exception {
        String uid = studyUid(study);
        Answer a = call("POST", "/studies/" + uid + "/publish");
        String result = a.text("result");
        if (result == null) {
            throw new CliException(a.status() == 404 ? FAILURE : USAGE_OR_TRANSPORT,
                    "HTTP " + a.status() + ": " + a.text("error"), false);
        }
        out().println("result " + result);
        Map<String, Object> p = a.object("publication");
        if (p != null) {
            printPublication(p);
        }
        if (a.status() == 200 && "PUBLISHED".equals(result)) {
            return OK;
        }
        throw new CliException(FAILURE, result.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                + a.text("message"), false);
    }
}
