package org.xdsi.imaging;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How an Imaging Document Source is set up.
 *
 * @param directory   where instances, the index database and manifests are kept ({@code <data>/imaging})
 * @param jdbcUrl     the index database; {@code null} = H2 file database under {@code directory}
 * @param sourceUid   Retrieve Location UID (0040,E011): the source's OID, consumers' RAD-69 RepositoryUniqueId
 * @param aeTitle     Retrieve AE Title (0008,0054) put in manifests
 * @param domain      the affinity domain's patient ID assigning authority (OID)
 * @param quietPeriod a study is published once no instance has arrived for this long
 * @param zone        the zone of DICOM dates and times that carry no offset
 */
public record ImagingSourceConfig(Path directory, String jdbcUrl, String sourceUid, String aeTitle, String domain,
                                  Duration quietPeriod, ZoneId zone) {
    public static final String DEFAULT_AE_TITLE = "XDSI";
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);

    public static ImagingSourceConfig of(Path directory, String sourceUid, String domain) {
        return new ImagingSourceConfig(directory, null, sourceUid, DEFAULT_AE_TITLE, domain, DEFAULT_QUIET_PERIOD,
                ZoneId.systemDefault());
    }

    public ImagingSourceConfig withJdbcUrl(String url) {
        return new ImagingSourceConfig(directory, url, sourceUid, aeTitle, domain, quietPeriod, zone);
    }

    public ImagingSourceConfig withAeTitle(String title) {
        return new ImagingSourceConfig(directory, jdbcUrl, sourceUid, title, domain, quietPeriod, zone);
    }

    public ImagingSourceConfig withQuietPeriod(Duration period) {
        return new ImagingSourceConfig(directory, jdbcUrl, sourceUid, aeTitle, domain, period, zone);
    }

    /** The index database: the configured URL, else an H2 file database under {@link #directory}. */
    public String indexJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + directory.resolve("index").resolve("imaging");
    }

    /** Instances as files: {@code instances/<study>/<series>/<instance>.dcm}. */
    public Path instanceDirectory() {
        return directory.resolve("instances");
    }
}
