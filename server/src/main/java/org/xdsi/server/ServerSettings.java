package org.xdsi.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything {@code xdsi run} needs to know, merged from three layers: built-in defaults, then the config file
 * ({@code --config}, Java properties), then command line flags. Each layer uses the same keys ({@link #KEYS}).
 *
 * <p>Relative paths are resolved against the config file's folder for values from the file, and against the
 * caller's working directory for defaults and flags.
 */
public final class ServerSettings {

    public static final String DATA = "data";
    public static final String BIND = "bind";
    public static final String HTTP_PORT = "http.port";
    public static final String MLLP_PORT = "mllp.port";
    public static final String ACTORS = "actors";
    public static final String DOMAIN = "domain";
    public static final String DB_URL = "db.url";
    public static final String DB_USER = "db.user";
    public static final String DB_PASSWORD = "db.password";
    public static final String ACCEPT_UNFED_PATIENTS = "accept-unfed-patients";
    public static final String CODE_LISTS = "code-lists";
    public static final String HOME_COMMUNITY_ID = "home-community-id";
    public static final String MAX_QUERY_RESULTS = "max-query-results";
    public static final String REPOSITORY_UNIQUE_ID = "repository-unique-id";
    public static final String REGISTRY_URL = "registry-url";
    public static final String MAX_DOCUMENT_BYTES = "max-document-bytes";
    public static final String IMAGING_SOURCE_UID = "imaging-source-uid";
    public static final String IMAGING_AE_TITLE = "imaging-ae-title";
    public static final String IMAGING_QUIET_SECONDS = "imaging-quiet-seconds";
    public static final String REPOSITORY_URL = "repository-url";
    public static final String IMAGING_PATIENT_MAP = "imaging-patient-map";
    /** RAD-68 affinity domain codes, each {@code code^codingScheme^display name} (config file only). */
    public static final String IMAGING_CLASS_CODE = "imaging-class-code";
    public static final String IMAGING_TYPE_CODE = "imaging-type-code";
    public static final String IMAGING_PRACTICE_SETTING_CODE = "imaging-practice-setting-code";
    public static final String IMAGING_FACILITY_TYPE_CODE = "imaging-facility-type-code";
    public static final String IMAGING_CONFIDENTIALITY_CODE = "imaging-confidentiality-code";
    public static final String IMAGING_CONTENT_TYPE_CODE = "imaging-content-type-code";
    public static final String IMAGING_LANGUAGE_CODE = "imaging-language-code";
    static final List<String> IMAGING_CODE_KEYS = List.of(IMAGING_CLASS_CODE, IMAGING_TYPE_CODE,
            IMAGING_PRACTICE_SETTING_CODE, IMAGING_FACILITY_TYPE_CODE, IMAGING_CONFIDENTIALITY_CODE,
            IMAGING_CONTENT_TYPE_CODE);

    public static final List<String> KEYS = List.of(DATA, BIND, HTTP_PORT, MLLP_PORT, ACTORS, DOMAIN, DB_URL,
            DB_USER, DB_PASSWORD, ACCEPT_UNFED_PATIENTS, CODE_LISTS, HOME_COMMUNITY_ID, MAX_QUERY_RESULTS,
            REPOSITORY_UNIQUE_ID, REGISTRY_URL, MAX_DOCUMENT_BYTES, IMAGING_SOURCE_UID, IMAGING_AE_TITLE,
            IMAGING_QUIET_SECONDS, REPOSITORY_URL,
            IMAGING_PATIENT_MAP, IMAGING_CLASS_CODE, IMAGING_TYPE_CODE, IMAGING_PRACTICE_SETTING_CODE,
            IMAGING_FACILITY_TYPE_CODE, IMAGING_CONFIDENTIALITY_CODE, IMAGING_CONTENT_TYPE_CODE,
            IMAGING_LANGUAGE_CODE);

    /** Actors this build can run. */
    public static final List<String> KNOWN_ACTORS = List.of("registry", "repository", "imaging-source");

    static final Map<String, String> DEFAULTS = Map.of(
            DATA, "data",
            BIND, "127.0.0.1",
            HTTP_PORT, "8080",
            MLLP_PORT, "2575",
            ACTORS, "registry,repository,imaging-source",
            IMAGING_AE_TITLE, "XDSI",
            IMAGING_QUIET_SECONDS, "30",
            MAX_DOCUMENT_BYTES, Long.toString(4L << 30),
            ACCEPT_UNFED_PATIENTS, "false",
            MAX_QUERY_RESULTS, "10000");

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private enum Source { DEFAULT, FILE, FLAG }

    private record Value(String text, Source source) {
    }

    private final Map<String, Value> values;
    private final Path cwd;
    private final Path configFile;

    private ServerSettings(Map<String, Value> values, Path cwd, Path configFile) {
        this.values = values;
        this.cwd = cwd;
        this.configFile = configFile;
    }

    /**
     * Merges the layers and checks every value.
     *
     * @param configFile the {@code --config} file, or null
     * @param flags      values given on the command line, by key (absent or null: not given)
     * @param cwd        the caller's working directory
     * @throws SettingsException for any unusable value
     */
    public static ServerSettings resolve(Path configFile, Map<String, String> flags, Path cwd) {
        Map<String, Value> merged = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> merged.put(k, new Value(v, Source.DEFAULT)));
        Path absoluteConfig = null;
        if (configFile != null) {
            absoluteConfig = cwd.resolve(configFile).toAbsolutePath().normalize();
            readConfigFile(absoluteConfig).forEach((k, v) -> merged.put(k, new Value(v, Source.FILE)));
        }
        flags.forEach((k, v) -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("not a setting: " + k);
            }
            if (v != null) {
                merged.put(k, new Value(v.trim(), Source.FLAG));
            }
        });
        ServerSettings settings = new ServerSettings(merged, cwd.toAbsolutePath().normalize(), absoluteConfig);
        settings.validate();
        return settings;
    }

    private static Map<String, String> readConfigFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("config file " + file + " not found", 1);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("cannot read config file " + file + ": " + e.getMessage(), 1);
        }
        TreeSet<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new SettingsException("config file " + file + ": unknown key(s) " + String.join(", ", unknown)
                    + " (known: " + String.join(", ", KEYS) + ")", 1);
        }
        Map<String, String> out = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            String v = p.getProperty(key).trim();
            if (!v.isEmpty()) {
                out.put(key, v);
            }
        }
        return out;
    }

    private void validate() {
        dataDir();
        bind();
        httpPort();
        mllpPort();
        actors();
        domain();
        maxQueryResults();
        acceptUnfedPatients();
        codeLists();
        homeCommunityId();
        repositoryUniqueId();
        registryUrl();
        maxDocumentBytes();
        imagingPatientMap();
        IMAGING_CODE_KEYS.forEach(this::imagingCode);
        String url = text(DB_URL);
        if (url != null && !url.startsWith("jdbc:")) {
            throw invalid(DB_URL, "must be a JDBC URL (jdbc:h2:..., jdbc:postgresql:..., jdbc:derby:...)");
        }
    }

    // ---- typed accessors -------------------------------------------------------------------------------------

    public Path dataDir() {
        return path(DATA);
    }

    /** Host (name or address) the HTTP and MLLP listeners bind to. */
    public String bind() {
        String host = text(BIND);
        if (host == null || host.isBlank() || host.contains("/") || host.contains(" ")) {
            throw invalid(BIND, "must be a host name or IP address");
        }
        return host;
    }

    /** 0 picks a free port. */
    public int httpPort() {
        return port(HTTP_PORT);
    }

    /** 0 picks a free port. */
    public int mllpPort() {
        return port(MLLP_PORT);
    }

    public List<String> actors() {
        List<String> actors = new ArrayList<>();
        for (String a : text(ACTORS).split(",")) {
            String name = a.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!KNOWN_ACTORS.contains(name)) {
                throw invalid(ACTORS, "unknown actor '" + a.trim() + "' (available: "
                        + String.join(", ", KNOWN_ACTORS) + ")");
            }
            if (!actors.contains(name)) {
                actors.add(name);
            }
        }
        if (actors.isEmpty()) {
            throw invalid(ACTORS, "name at least one actor (available: " + String.join(", ", KNOWN_ACTORS) + ")");
        }
        // started in dependency order (the repository registers with a registry started before it)
        actors.sort(java.util.Comparator.comparingInt(KNOWN_ACTORS::indexOf));
        return List.copyOf(actors);
    }

    /** The affinity domain OID from the flags or the config file; null: use the data folder's. */
    public String domain() {
        String oid = text(DOMAIN);
        if (oid != null && !isOid(oid)) {
            throw invalid(DOMAIN, "'" + oid + "' is not an OID (digits and dots, e.g. 1.3.6.1.4.1.21367.13.20.1000)");
        }
        return oid;
    }

    /** The JDBC URL given, or null for the embedded default in the data folder. */
    public String dbUrl() {
        return text(DB_URL);
    }

    public String dbUser() {
        return text(DB_USER);
    }

    public String dbPassword() {
        return text(DB_PASSWORD);
    }

    public boolean acceptUnfedPatients() {
        String v = text(ACCEPT_UNFED_PATIENTS).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(ACCEPT_UNFED_PATIENTS, "must be true or false");
        };
    }

    /** The code lists file, or null: no restriction. */
    public Path codeLists() {
        Path p = path(CODE_LISTS);
        if (p != null && !Files.isRegularFile(p)) {
            throw invalid(CODE_LISTS, "file " + p + " not found");
        }
        return p;
    }

    /** {@code urn:oid:...} or null. A bare OID is accepted and prefixed. */
    public String homeCommunityId() {
        String v = text(HOME_COMMUNITY_ID);
        if (v == null) {
            return null;
        }
        String oid = v.startsWith("urn:oid:") ? v.substring("urn:oid:".length()) : v;
        if (!isOid(oid)) {
            throw invalid(HOME_COMMUNITY_ID, "'" + v + "' is not urn:oid:<OID>");
        }
        return "urn:oid:" + oid;
    }

    public int maxQueryResults() {
        int n = integer(MAX_QUERY_RESULTS);
        if (n < 1) {
            throw invalid(MAX_QUERY_RESULTS, "must be at least 1");
        }
        return n;
    }

    /** The repository's OID from the flags or the config file; null: use the data folder's. */
    public String repositoryUniqueId() {
        String oid = text(REPOSITORY_UNIQUE_ID);
        if (oid != null && !isOid(oid)) {
            throw invalid(REPOSITORY_UNIQUE_ID, "'" + oid + "' is not an OID (digits and dots)");
        }
        return oid;
    }

    /**
     * The remote registry a repository registers with when this process runs no registry; null when it runs one.
     */
    public java.net.URI registryUrl() {
        String v = text(REGISTRY_URL);
        boolean local = actors().contains("registry");
        if (v == null) {
            if (!local && actors().contains("repository")) {
                throw invalid(REGISTRY_URL, "a repository without a registry in this process needs --registry-url"
                        + " (the remote registry's ITI-42 endpoint)");
            }
            return null;
        }
        if (local) {
            throw invalid(REGISTRY_URL, "is for a repository whose registry runs elsewhere; this process runs one"
                    + " (drop it, or run --actors repository)");
        }
        return httpUrl(REGISTRY_URL, v);
    }

    /** The imaging source's Retrieve Location UID from the flags or the config file; null: the data folder's. */
    public String imagingSourceUid() {
        String oid = text(IMAGING_SOURCE_UID);
        if (oid != null && !isOid(oid)) {
            throw invalid(IMAGING_SOURCE_UID, "'" + oid + "' is not an OID (digits and dots)");
        }
        return oid;
    }

    /** Retrieve AE Title (0008,0054) of the imaging source's manifests: 1 to 16 characters, no backslash. */
    public String imagingAeTitle() {
        String title = text(IMAGING_AE_TITLE).trim();
        if (title.isEmpty() || title.length() > 16 || title.contains("\\")) {
            throw invalid(IMAGING_AE_TITLE, "must be 1 to 16 characters without a backslash");
        }
        return title;
    }

    /** How long a study must go without new instances before its manifest is published. */
    public java.time.Duration imagingQuietPeriod() {
        int seconds = integer(IMAGING_QUIET_SECONDS);
        if (seconds < 0) {
            throw invalid(IMAGING_QUIET_SECONDS, "must be 0 or more seconds");
        }
        return java.time.Duration.ofSeconds(seconds);
    }

    /** The imaging source's patient map file (departmental patient IDs to the domain's), or null: none. */
    public Path imagingPatientMap() {
        Path p = path(IMAGING_PATIENT_MAP);
        if (p != null && !Files.isRegularFile(p)) {
            throw invalid(IMAGING_PATIENT_MAP, "file " + p + " not found");
        }
        return p;
    }

    /**
     * A RAD-68 code setting ({@link #IMAGING_CODE_KEYS}) as {@code code^codingScheme^display name}, checked; null
     * when not set (the imaging source's default applies).
     */
    public String imagingCode(String key) {
        String v = text(key);
        if (v != null) {
            try {
                org.xdsi.imaging.publish.PublicationSettings.parseCode(v);
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }
        return v;
    }

    /** DocumentEntry languageCode of manifests, or null: the default (en-US). */
    public String imagingLanguageCode() {
        return text(IMAGING_LANGUAGE_CODE);
    }

    /**
     * The remote repository (ITI-41 endpoint) the imaging source publishes manifests to when this process runs no
     * repository; null when it runs one.
     */
    public java.net.URI repositoryUrl() {
        String v = text(REPOSITORY_URL);
        boolean local = actors().contains("repository");
        if (v == null) {
            if (!local && actors().contains("imaging-source")) {
                throw invalid(REPOSITORY_URL, "an imaging source without a repository in this process needs"
                        + " --repository-url (the remote repository's ITI-41 endpoint)");
            }
            return null;
        }
        if (local) {
            throw invalid(REPOSITORY_URL, "is for an imaging source whose repository runs elsewhere; this process"
                    + " runs one (drop it, or run --actors imaging-source)");
        }
        return httpUrl(REPOSITORY_URL, v);
    }

    private java.net.URI httpUrl(String key, String v) {
        try {
            java.net.URI uri = new java.net.URI(v);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw invalid(key, "'" + v + "' is not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid(key, "'" + v + "' is not a URL");
        }
    }

    public long maxDocumentBytes() {
        long n;
        try {
            n = Long.parseLong(text(MAX_DOCUMENT_BYTES).trim());
        } catch (NumberFormatException e) {
            throw invalid(MAX_DOCUMENT_BYTES, "must be a number of bytes");
        }
        if (n < 1) {
            throw invalid(MAX_DOCUMENT_BYTES, "must be at least 1");
        }
        return n;
    }

    public Path configFile() {
        return configFile;
    }

    static boolean isOid(String s) {
        return s.length() <= 64 && OID.matcher(s).matches();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String text(String key) {
        Value v = values.get(key);
        return v == null ? null : v.text();
    }

    private Path path(String key) {
        Value v = values.get(key);
        if (v == null) {
            return null;
        }
        try {
            Path base = v.source() == Source.FILE ? configFile.getParent() : cwd;
            return base.resolve(v.text()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, "'" + v.text() + "' is not a path");
        }
    }

    private int integer(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text(key) + "' is not a number");
        }
    }

    private int port(String key) {
        int port = integer(key);
        if (port < 0 || port > 65535) {
            throw invalid(key, port + " is not a port (0-65535; 0 picks a free one)");
        }
        return port;
    }

    private SettingsException invalid(String key, String problem) {
        Value v = values.get(key);
        Source source = v == null ? Source.DEFAULT : v.source();
        return switch (source) {
            case FLAG -> new SettingsException("--" + flagName(key) + ": " + problem, 2);
            case FILE -> new SettingsException("config file " + configFile + ": " + key + ": " + problem, 1);
            case DEFAULT -> new SettingsException(key + ": " + problem, 1);
        };
    }

    /** The command line flag of a key: {@code http.port} is {@code --http-port}. */
    static String flagName(String key) {
        return key.replace('.', '-');
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (values.containsKey(k)) {
                shown.put(k, k.equals(DB_PASSWORD) ? "***" : values.get(k).text());
            }
        }
        return "ServerSettings" + shown;
    }
}
