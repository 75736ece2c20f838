package org.xdsi.imaging.publish;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xdsi.imaging.kos.PatientInfo;
import org.xdsi.metadata.hl7.Cx;

/**
 * Maps the departmental patient of the images (Patient ID + Issuer of Patient ID) to the affinity domain's patient
 * ID ({@code id^^^&domainOID&ISO}), the patientId of the manifest's DocumentEntry. Identity when the issuer is the
 * domain; otherwise only what the patient map file says. Anything else is unmappable: a manifest under a guessed ID
 * would put images in another patient's record.
 *
 * <p>Patient map file (Java properties, UTF-8):
 * <pre>
 * # every Patient ID issued by HOSP_A is the same number in the affinity domain
 * issuer.HOSP_A = domain
 * # one patient of issuer HOSP_B (issuer before the first '/'; an empty issuer = none given)
 * patient.HOSP_B/12345 = 98765
 * </pre>
 */
public final class PatientIdMapper {
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    /** An issuer written as an HD with an ISO universal id ({@code &oid&ISO}, {@code ns&oid&ISO}). */
    private static final Pattern ISO_HD = Pattern.compile("[^&]*&([0-9.]+)&ISO");

    private final String domain;
    private final Set<String> sameIdIssuers;
    private final Map<String, String> patients;

    public PatientIdMapper(String domain, Set<String> sameIdIssuers, Map<String, String> patients) {
        this.domain = domain;
        this.sameIdIssuers = Set.copyOf(sameIdIssuers);
        this.patients = Map.copyOf(patients);
    }

    /** Identity for the domain's own issuer only (no map file). */
    public static PatientIdMapper identity(String domain) {
        return new PatientIdMapper(domain, Set.of(), Map.of());
    }

    /**
     * Reads a patient map file.
     *
     * @throws PatientMapException naming the file and the entry, for an unreadable file or a bad entry
     */
    public static PatientIdMapper load(String domain, Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new PatientMapException("cannot read patient map " + file + ": " + e.getMessage(), e);
        }
        Set<String> issuers = new HashSet<>();
        Map<String, String> patients = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("issuer.") && key.length() > "issuer.".length()) {
                if (!value.equals("domain") && !value.equals(domain)) {
                    throw new PatientMapException("patient map " + file + ": " + key + " = " + value
                            + ": an issuer maps to 'domain' (its Patient IDs are the affinity domain's)", null);
                }
                issuers.add(key.substring("issuer.".length()));
            } else if (key.startsWith("patient.") && key.indexOf('/') > 0) {
                String rest = key.substring("patient.".length());
                String id = rest.substring(rest.indexOf('/') + 1);
                if (id.isEmpty() || value.isEmpty()) {
                    throw new PatientMapException("patient map " + file + ": " + key
                            + ": needs issuer/id = domain patient ID", null);
                }
                patients.put(rest, value);
            } else {
                throw new PatientMapException("patient map " + file + ": unknown entry '" + key
                        + "' (entries are issuer.<issuer> = domain and patient.<issuer>/<id> = <domain id>)", null);
            }
        }
        return new PatientIdMapper(domain, issuers, patients);
    }

    /** The outcome of mapping one patient: the affinity domain CX, or why there is none. */
    public record Mapping(String patientId, String problem) {
        public boolean mapped() {
            return patientId != null;
        }
    }

    public Mapping map(PatientInfo patient) {
        String id = patient.id().trim();
        String issuer = patient.issuer() == null ? "" : patient.issuer().trim();
        String domainId = patients.get(issuer + "/" + id);
        if (domainId == null && (isDomain(issuer) || sameIdIssuers.contains(issuer))) {
            domainId = id;
        }
        if (domainId == null) {
            return new Mapping(null, "patient " + describe(id, issuer) + " cannot be mapped to affinity domain "
                    + domain + ": the issuer is not the domain and the patient map has neither 'issuer." + issuer
                    + " = domain' nor 'patient." + issuer + "/" + id + " = <domain id>'");
        }
        String cx = domainId + "^^^&" + domain + "&ISO";
        if (!Cx.isValidXdsPatientId(cx)) {
            return new Mapping(null, "patient " + describe(id, issuer) + " maps to '" + domainId
                    + "', which is not usable as an affinity domain patient ID (empty or HL7 delimiters)");
        }
        return new Mapping(cx, null);
    }

    private boolean isDomain(String issuer) {
        if (issuer.equals(domain)) {
            return true;
        }
        Matcher m = ISO_HD.matcher(issuer);
        return m.matches() && OID.matcher(m.group(1)).matches() && m.group(1).equals(domain);
    }

    private static String describe(String id, String issuer) {
        return "'" + id + "'" + (issuer.isEmpty() ? " (no Issuer of Patient ID)" : " issued by '" + issuer + "'");
    }
}
