package org.xdsi.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xdsi run}: starts the actors and serves until SIGTERM / Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the xdsi actors and serves until stopped (SIGTERM or Ctrl-C).",
                "Prints 'domain', 'data', 'database', one 'endpoint <name> <url>' line per endpoint, then"
                        + " 'xdsi ready' on stdout; logs go to stderr.",
                "Precedence: built-in defaults < --config file < flags."},
        footer = {"", "Config file keys (Java properties): " + "data, bind, http.port, mllp.port, actors, domain,"
                + " db.url, db.user, db.password, accept-unfed-patients, code-lists, home-community-id,"
                + " max-query-results, repository-unique-id, registry-url, max-document-bytes"})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
    String data;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port of the SOAP endpoints; 0 = any free port (default: 8080).")
    Integer httpPort;

    @Option(names = "--mllp-port", paramLabel = "N", description = "MLLP port of ITI-8; 0 = any free port (default: 2575).")
    Integer mllpPort;

    @Option(names = "--actors", paramLabel = "LIST", description = "Comma-separated actors to run (default: registry,repository,imaging-source; available: registry, repository, imaging-source).")
    String actors;

    @Option(names = "--domain", paramLabel = "OID", description = "Affinity domain patient ID assigning authority (default: config file, else generated once and kept in the data folder).")
    String domain;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (keys below).")
    Path config;

    @Option(names = {"--bind", "--http-host"}, paramLabel = "HOST", description = "Address the HTTP and MLLP listeners bind to (default: 127.0.0.1).")
    String bind;

    @Option(names = "--db-url", paramLabel = "URL", description = "Registry JDBC URL (default: H2 file database in <data>/registry/).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password (prefer db.password in a config file).")
    String dbPassword;

    @Option(names = "--accept-unfed-patients", negatable = true, description = "Demo switch: accept documents for unknown patients of the domain without an ITI-8 feed (default: off).")
    Boolean acceptUnfedPatients;

    @Option(names = "--code-lists", paramLabel = "FILE", description = "The affinity domain's code lists; codes outside them are rejected (default: no restriction).")
    String codeLists;

    @Option(names = "--home-community-id", paramLabel = "OID", description = "Home community ID (urn:oid:...) put on query results.")
    String homeCommunityId;

    @Option(names = "--max-query-results", paramLabel = "N", description = "Stored query result cap (default: 10000).")
    Integer maxQueryResults;

    @Option(names = "--repository-unique-id", paramLabel = "OID", description = "The repository's uniqueId (default: config file, else generated once and kept in the data folder).")
    String repositoryUniqueId;

    @Option(names = "--registry-url", paramLabel = "URL", description = "ITI-42 endpoint of a remote registry, for --actors repository without a registry in this process.")
    String registryUrl;

    @Option(names = "--max-document-bytes", paramLabel = "N", description = "Largest document the repository accepts (default: 4294967296).")
    Long maxDocumentBytes;

    @Option(names = "--imaging-source-uid", paramLabel = "OID", description = "The imaging source's Retrieve Location UID, consumers' RAD-69 repositoryUniqueId (default: config file, else generated once and kept in the data folder).")
    String imagingSourceUid;

    @Option(names = "--imaging-ae-title", paramLabel = "AET", description = "Retrieve AE Title put in manifests (default: XDSI).")
    String imagingAeTitle;

    @Option(names = "--imaging-quiet-seconds", paramLabel = "N", description = "Publish a study's manifest once no instance has arrived for N seconds (default: 30).")
    Integer imagingQuietSeconds;

    @Option(names = "--repository-url", paramLabel = "URL", description = "ITI-41 endpoint of a remote repository, for --actors imaging-source without a repository in this process.")
    String repositoryUrl;

    @Option(names = "--imaging-patient-map", paramLabel = "FILE", description = "Patient map of the imaging source: Java properties with 'issuer.<issuer> = domain' and 'patient.<issuer>/<id> = <domain id>' entries; other issuers than the affinity domain's are not published without one.")
    String imagingPatientMap;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of start-up errors.")
    boolean verbose;

    private final PrintStream out;

    public RunCommand() {
        this(System.out);
    }

    RunCommand(PrintStream out) {
        this.out = out;
    }

    Map<String, String> flags() {
        Map<String, String> f = new HashMap<>();
        f.put(ServerSettings.DATA, data);
        f.put(ServerSettings.HTTP_PORT, str(httpPort));
        f.put(ServerSettings.MLLP_PORT, str(mllpPort));
        f.put(ServerSettings.ACTORS, actors);
        f.put(ServerSettings.DOMAIN, domain);
        f.put(ServerSettings.BIND, bind);
        f.put(ServerSettings.DB_URL, dbUrl);
        f.put(ServerSettings.DB_USER, dbUser);
        f.put(ServerSettings.DB_PASSWORD, dbPassword);
        f.put(ServerSettings.ACCEPT_UNFED_PATIENTS, str(acceptUnfedPatients));
        f.put(ServerSettings.CODE_LISTS, codeLists);
        f.put(ServerSettings.HOME_COMMUNITY_ID, homeCommunityId);
        f.put(ServerSettings.MAX_QUERY_RESULTS, str(maxQueryResults));
        f.put(ServerSettings.REPOSITORY_UNIQUE_ID, repositoryUniqueId);
        f.put(ServerSettings.REGISTRY_URL, registryUrl);
        f.put(ServerSettings.MAX_DOCUMENT_BYTES, str(maxDocumentBytes));
        f.put(ServerSettings.IMAGING_SOURCE_UID, imagingSourceUid);
        f.put(ServerSettings.IMAGING_AE_TITLE, imagingAeTitle);
        f.put(ServerSettings.IMAGING_QUIET_SECONDS, str(imagingQuietSeconds));
        f.put(ServerSettings.REPOSITORY_URL, repositoryUrl);
        f.put(ServerSettings.IMAGING_PATIENT_MAP, imagingPatientMap);
        return f;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = ServerSettings.resolve(config, flags(), Xdsi.callerDirectory());
        XdsiServer server = new XdsiServer(out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            out.println("xdsi stopped");
            out.flush();
            stopped.countDown();
        }, "xdsi-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start(settings);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw e;
        }
        stopped.await(); // the JVM ends after the shutdown hooks; this thread just waits for it
        return 0;
    }
}
