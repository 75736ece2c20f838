package org.xdsi.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.xdsi.metadata.build.SubmissionBuilder;

/**
 * The data folder ({@code data/} by default): the embedded database and the identities xdsi generated itself,
 * kept in {@code identity.properties} so that they stay the same from one start to the next.
 */
public final class DataFolder {
    static final String IDENTITY_FILE = "identity.properties";
    static final String DOMAIN_KEY = "domain";
    static final String REPOSITORY_KEY = "repository-unique-id";
    static final String IMAGING_SOURCE_KEY = "imaging-source-uid";

    private final Path dir;

    private DataFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder (and its parents) when missing. */
    public static DataFolder open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + absolute + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(absolute)) {
            throw new IllegalStateException("data folder " + absolute + " is not writable");
        }
        return new DataFolder(absolute);
    }

    public Path dir() {
        return dir;
    }

    /** Default embedded database: an H2 file database under {@code <data>/registry/}. */
    public String defaultRegistryJdbcUrl() {
        // durability of acknowledged submissions is the registry's group commit (RegistryDatabase), not a URL flag
        return "jdbc:h2:file:" + dir.resolve("registry").resolve("registry");
    }

    /** Where the repository keeps documents. */
    public Path repositoryStore() {
        return dir.resolve("repository");
    }

    /** The repository's uniqueId: generated ({@code 2.25.<random UUID>}) on first use and kept. */
    public String repositoryUniqueId() {
        return generatedOid(REPOSITORY_KEY);
    }

    /** Where the imaging source keeps instances, its index and manifests. */
    public Path imagingSource() {
        return dir.resolve("imaging");
    }

    /** The imaging source's Retrieve Location UID: generated ({@code 2.25.<random UUID>}) on first use and kept. */
    public String imagingSourceUid() {
        return generatedOid(IMAGING_SOURCE_KEY);
    }

    private synchronized String generatedOid(String key) {
        String stored = readIdentity().getProperty(key);
        if (stored != null && !stored.isBlank()) {
            return stored.trim();
        }
        Properties identity = readIdentity();
        String oid = newUuidOid();
        identity.setProperty(key, oid);
        writeIdentity(identity);
        return oid;
    }

    /** The domain OID stored by an earlier start, if any. */
    public String storedDomain() {
        String value = readIdentity().getProperty(DOMAIN_KEY);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The stored affinity domain OID, generated ({@code 2.25.<random UUID>}) and stored on first use. */
    public synchronized String domain() {
        String stored = storedDomain();
        return stored != null ? stored : storeDomain(newUuidOid());
    }

    /**
     * Keeps a domain given on the command line or in the config file when none is stored yet, so a later start
     * without it keeps the same affinity domain (and so the same known patients).
     */
    public synchronized void rememberDomain(String given) {
        if (storedDomain() == null) {
            storeDomain(given);
        }
    }

    private String storeDomain(String domain) {
        Properties identity = readIdentity();
        identity.setProperty(DOMAIN_KEY, domain);
        writeIdentity(identity);
        return domain;
    }

    /** An OID under {@code 2.25} (ITU-T X.667): the UUID read as one unsigned decimal integer. */
    static String newUuidOid() {
        return SubmissionBuilder.newOid();
    }

    private Properties readIdentity() {
        Properties p = new Properties();
        Path file = dir.resolve(IDENTITY_FILE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    private void writeIdentity(Properties identity) {
        Path file = dir.resolve(IDENTITY_FILE);
        try {
            Path tmp = Files.createTempFile(dir, IDENTITY_FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                identity.store(out, "Generated by xdsi on first start; keep it: documents and patients refer to it");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
