package org.xdsi.bench;

import jakarta.xml.bind.JAXBElement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import org.xdsi.metadata.build.DocumentEntryBuilder;
import org.xdsi.metadata.build.SubmissionBuilder;
import org.xdsi.metadata.model.Code;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.AssociationType1;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.ExternalIdentifierType;
import org.xdsi.schema.rim.IdentifiableType;
import org.xdsi.schema.rim.RegistryObjectType;

/**
 * Realistic synthetic XDS metadata: patients of one affinity domain, documents with varied class/type/format/
 * practice/facility codes, 0–3 event codes, confidentiality, authors and reference ids, spread over 20 years.
 */
final class SyntheticData {
    static final String DOMAIN = "1.3.6.1.4.1.21367.13.20.1000";
    static final String SOURCE_ID = "1.3.6.1.4.1.21367.13.40.999";
    static final String REPOSITORY = "1.3.6.1.4.1.21367.13.50.1";
    static final int MAX_DOCS_PER_PATIENT = 100;

    private static final String LOINC = "2.16.840.1.113883.6.1";
    private static final String SNOMED = "2.16.840.1.113883.6.96";
    private static final String DCM = "1.2.840.10008.2.16.4";
    private static final String HL7_CONF = "2.16.840.1.113883.5.25";
    private static final String HL7_ROLE = "2.16.840.1.113883.5.11";
    private static final String IHE_FORMAT = "1.3.6.1.4.1.19376.1.2.3";

    private static final List<Code> CLASS = List.of(
            new Code("18748-4", LOINC, "Diagnostic imaging study"),
            new Code("11488-4", LOINC, "Consult note"),
            new Code("18842-5", LOINC, "Discharge summary"),
            new Code("11506-3", LOINC, "Progress note"),
            new Code("26436-6", LOINC, "Laboratory studies"),
            new Code("57133-1", LOINC, "Referral note"));
    private static final List<Code> TYPE = List.of(
            new Code("18748-4", LOINC, "Diagnostic imaging study"),
            new Code("18782-3", LOINC, "Radiology study observation"),
            new Code("24627-2", LOINC, "Chest CT"),
            new Code("24558-9", LOINC, "Chest X-ray"),
            new Code("11488-4", LOINC, "Consult note"),
            new Code("18842-5", LOINC, "Discharge summary"),
            new Code("34133-9", LOINC, "Summary of episode note"),
            new Code("11502-2", LOINC, "Laboratory report"),
            new Code("28570-0", LOINC, "Procedure note"),
            new Code("60591-5", LOINC, "Patient summary"));
    private static final List<Code> FORMAT = List.of(
            new Code("urn:ihe:rad:PDF", IHE_FORMAT, "Radiology report PDF"),
            new Code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1", "Key Object Selection Document"),
            new Code("urn:ihe:pcc:xphr:2007", IHE_FORMAT, "XPHR"),
            new Code("urn:ihe:lab:xd-lab:2008", IHE_FORMAT, "XD-LAB"),
            new Code("urn:ihe:iti:xds-sd:pdf:2008", IHE_FORMAT, "Scanned PDF"));
    private static final List<Code> PRACTICE = List.of(
            new Code("394914008", SNOMED, "Radiology"),
            new Code("394802001", SNOMED, "General medicine"),
            new Code("394579002", SNOMED, "Cardiology"),
            new Code("394585009", SNOMED, "Obstetrics and gynecology"),
            new Code("394596001", SNOMED, "Chemical pathology"));
    private static final List<Code> FACILITY = List.of(
            new Code("RADDX", HL7_ROLE, "Radiology diagnostics or therapeutics unit"),
            new Code("HOSP", HL7_ROLE, "Hospital"),
            new Code("OF", HL7_ROLE, "Outpatient facility"),
            new Code("GIM", HL7_ROLE, "General internal medicine clinic"));
    private static final List<Code> EVENT = List.of(
            new Code("CT", DCM, "Computed Tomography"), new Code("MR", DCM, "Magnetic Resonance"),
            new Code("CR", DCM, "Computed Radiography"), new Code("US", DCM, "Ultrasound"),
            new Code("DX", DCM, "Digital Radiography"), new Code("MG", DCM, "Mammography"),
            new Code("PT", DCM, "Positron emission tomography"), new Code("NM", DCM, "Nuclear Medicine"),
            new Code("T-D3000", "SRT", "Chest"), new Code("T-D4000", "SRT", "Abdomen"),
            new Code("T-A0100", "SRT", "Brain"), new Code("T-11500", "SRT", "Spine"),
            new Code("T-04000", "SRT", "Breast"), new Code("T-15430", "SRT", "Knee joint"),
            new Code("T-D1100", "SRT", "Head"));
    private static final Code CONF_N = new Code("N", HL7_CONF, "Normal");
    private static final Code CONF_R = new Code("R", HL7_CONF, "Restricted");
    private static final Code CONF_V = new Code("V", HL7_CONF, "Very restricted");
    private static final String[] MIME = {"application/pdf", "application/dicom", "text/xml", "text/xml", "application/pdf"};
    private static final String[] FAMILY = {"Welby", "Smith", "Jones", "Garcia", "Müller", "Dubois", "Rossi", "Kim",
            "Nguyen", "Larsen", "Novak", "Silva", "Cohen", "Okafor", "Tanaka", "Ivanova", "Brown", "Martin", "Meyer", "Lopez"};
    private static final String[] GIVEN = {"Marcus", "Anna", "John", "Maria", "Peter", "Sofia", "Li", "Ahmed", "Eva", "Jan"};
    private static final String[] INSTITUTION = {"Some Hospital^^^^^^^^^1.2.3.4.5", "City Clinic^^^^^^^^^1.2.3.4.6",
            "University Medical Center^^^^^^^^^1.2.3.4.7", "Imaging Partners^^^^^^^^^1.2.3.4.8"};

    private SyntheticData() {
    }

    static String patientId(int index) {
        return "BP" + index + "^^^&" + DOMAIN + "&ISO";
    }

    /**
     * Documents per patient in 1..100 from a truncated power law (many patients with few documents, a long tail up
     * to 100) whose exponent is solved so that the mean is {@code total / patients}; then nudged so the counts sum to
     * exactly {@code total}.
     */
    static int[] documentsPerPatient(int patients, long total, long seed) {
        if (total < patients || total > (long) patients * MAX_DOCS_PER_PATIENT) {
            throw new IllegalArgumentException("entries must be between patients and 100 x patients");
        }
        double target = (double) total / patients;
        double lo = -3, hi = 8; // exponent: mean decreases as alpha grows
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (mean(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double alpha = (lo + hi) / 2;
        double[] cdf = new double[MAX_DOCS_PER_PATIENT];
        double sum = 0;
        for (int k = 1; k <= MAX_DOCS_PER_PATIENT; k++) {
            sum += Math.pow(k, -alpha);
            cdf[k - 1] = sum;
        }
        Random r = new Random(seed);
        int[] counts = new int[patients];
        long s = 0;
        for (int p = 0; p < patients; p++) {
            double u = r.nextDouble() * sum;
            int k = 0;
            while (k < MAX_DOCS_PER_PATIENT - 1 && cdf[k] < u) {
                k++;
            }
            counts[p] = k + 1;
            s += counts[p];
        }
        while (s != total) {
            int p = r.nextInt(patients);
            if (s < total && counts[p] < MAX_DOCS_PER_PATIENT) {
                counts[p]++;
                s++;
            } else if (s > total && counts[p] > 1) {
                counts[p]--;
                s--;
            }
        }
        return counts;
    }

    private static double mean(double alpha) {
        double w = 0, kw = 0;
        for (int k = 1; k <= MAX_DOCS_PER_PATIENT; k++) {
            double p = Math.pow(k, -alpha);
            w += p;
            kw += k * p;
        }
        return kw / w;
    }

    /** One submission set for the patient with {@code documents} documents, as a document source sends it. */
    static SubmitObjectsRequest submission(String patientId, int documents, SplittableRandom r,
                                           java.util.function.Consumer<String> uniqueIds) {
        SubmissionBuilder s = new SubmissionBuilder(patientId, SOURCE_ID)
                .author(person(r), pick(INSTITUTION, r))
                .contentTypeCode(pick(CLASS, r));
        for (int i = 0; i < documents; i++) {
            uniqueIds.accept(document(s, r));
        }
        return s.build();
    }

    private static String document(SubmissionBuilder s, SplittableRandom r) {
        byte[] hash = new byte[20];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) r.nextInt(256);
        }
        int year = 2005 + r.nextInt(20);
        String day = String.format("%04d%02d%02d", year, 1 + r.nextInt(12), 1 + r.nextInt(28));
        String start = day + String.format("%02d%02d", 7 + r.nextInt(12), r.nextInt(60));
        String stop = day + String.format("%02d%02d", 19 + r.nextInt(4), r.nextInt(60));
        DocumentEntryBuilder d = s.addDocument()
                .hashAndSize(HexFormat.of().formatHex(hash), 1_000 + r.nextInt(5_000_000))
                .repositoryUniqueId(REPOSITORY)
                .mimeType(pick(MIME, r))
                .title("Synthetic document " + r.nextInt(1_000_000))
                .creationTime(stop + String.format("%02d", r.nextInt(60)))
                .serviceTime(start, stop)
                .author(person(r), pick(INSTITUTION, r))
                .classCode(pick(CLASS, r))
                .typeCode(pick(TYPE, r))
                .formatCode(pick(FORMAT, r))
                .healthcareFacilityTypeCode(pick(FACILITY, r))
                .practiceSettingCode(pick(PRACTICE, r));
        int c = r.nextInt(100);
        d.confidentialityCodes(c < 85 ? CONF_N : c < 97 ? CONF_R : CONF_V);
        int events = r.nextInt(4);
        for (int i = 0; i < events; i++) {
            d.eventCode(pick(EVENT, r));
        }
        int refs = r.nextInt(3);
        for (int i = 0; i < refs; i++) {
            d.referenceId("ACC" + r.nextInt(100_000_000) + "^^^&1.2.3.4.5.6&ISO^urn:ihe:iti:xds:2013:accession");
        }
        return d.uniqueIdValue();
    }

    /**
     * The submission as a source that assigns entryUUIDs itself sends it: every symbolic id of a top-level object
     * (and each reference to it) becomes a random version 4 UUID.
     */
    static SubmitObjectsRequest withSourceUuids(SubmitObjectsRequest request) {
        List<JAXBElement<? extends IdentifiableType>> objects = request.getRegistryObjectList().getIdentifiable();
        Map<String, String> ids = new HashMap<>();
        objects.forEach(o -> ids.put(o.getValue().getId(), "urn:uuid:" + UUID.randomUUID()));
        for (JAXBElement<? extends IdentifiableType> element : objects) {
            IdentifiableType o = element.getValue();
            o.setId(ids.get(o.getId()));
            if (o instanceof RegistryObjectType r) {
                for (ClassificationType c : r.getClassification()) {
                    c.setClassifiedObject(o.getId());
                }
                for (ExternalIdentifierType e : r.getExternalIdentifier()) {
                    e.setRegistryObject(o.getId());
                }
            }
            if (o instanceof AssociationType1 a) {
                a.setSourceObject(ids.getOrDefault(a.getSourceObject(), a.getSourceObject()));
                a.setTargetObject(ids.getOrDefault(a.getTargetObject(), a.getTargetObject()));
            }
        }
        return request;
    }

    private static String person(SplittableRandom r) {
        return "^" + pick(FAMILY, r) + "^" + pick(GIVEN, r) + "^^^Dr";
    }

    private static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }

    private static <T> T pick(T[] array, SplittableRandom r) {
        return array[r.nextInt(array.length)];
    }
}
