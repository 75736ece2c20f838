package org.xdsi.imaging.kos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;

/**
 * What a consumer needs from an XDS-I.b manifest: which instances it references and where to retrieve them (from
 * the Current Requested Procedure Evidence Sequence).
 *
 * @param sopInstanceUid the manifest's own SOP Instance UID (its DocumentEntry uniqueId)
 * @param studyInstanceUid the study the manifest belongs to (General Study module)
 * @param series every referenced series, in evidence order
 */
public record KosManifest(String sopInstanceUid, String patientId, String studyInstanceUid, List<Series> series) {

    /** A referenced series with its retrieve locations (null when absent) and instances. */
    public record Series(String studyInstanceUid, String seriesInstanceUid, String retrieveAeTitle,
            String retrieveLocationUid, String retrieveUrl, List<Instance> instances) {
        public Series {
            instances = List.copyOf(instances);
        }
    }

    /** A referenced instance. */
    public record Instance(String sopClassUid, String sopInstanceUid) {
    }

    public KosManifest {
        series = List.copyOf(series);
    }

    public static KosManifest read(Path file) throws IOException, InvalidManifestException {
        return of(DicomFile.read(file).dataset());
    }

    public static KosManifest read(InputStream in) throws IOException, InvalidManifestException {
        return of(DicomFile.read(in, ReadOptions.DEFAULT).dataset());
    }

    /**
     * Reads a manifest dataset.
     *
     * @throws InvalidManifestException when it is not a KOS titled (113030, DCM, "Manifest"), references nothing,
     *     lacks UIDs, or references instances in its content tree that its evidence does not list
     */
    public static KosManifest of(Dataset kos) throws InvalidManifestException {
        if (!KosManifestBuilder.KEY_OBJECT_SELECTION_DOCUMENT_STORAGE.equals(kos.getString(Tag.SOP_CLASS_UID))) {
            throw new InvalidManifestException("not a Key Object Selection Document: SOP Class UID "
                    + kos.getString(Tag.SOP_CLASS_UID));
        }
        Dataset title = kos.getItem(Tag.CONCEPT_NAME_CODE_SEQUENCE);
        if (title == null || !"113030".equals(title.getString(Tag.CODE_VALUE))
                || !"DCM".equals(title.getString(Tag.CODING_SCHEME_DESIGNATOR))) {
            throw new InvalidManifestException("document title is not (113030, DCM, \"Manifest\")");
        }
        String sopInstanceUid = required(kos, Tag.SOP_INSTANCE_UID, "manifest");
        String studyUid = required(kos, Tag.STUDY_INSTANCE_UID, "manifest");
        List<Series> series = new ArrayList<>();
        Set<String> evidence = new HashSet<>();
        for (Dataset studyRef : kos.getSequence(Tag.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE)) {
            String refStudy = required(studyRef, Tag.STUDY_INSTANCE_UID, "evidence study");
            for (Dataset seriesRef : studyRef.getSequence(Tag.REFERENCED_SERIES_SEQUENCE)) {
                List<Instance> instances = new ArrayList<>();
                for (Dataset sop : seriesRef.getSequence(Tag.REFERENCED_SOP_SEQUENCE)) {
                    Instance i = new Instance(required(sop, Tag.REFERENCED_SOP_CLASS_UID, "evidence instance"),
                            required(sop, Tag.REFERENCED_SOP_INSTANCE_UID, "evidence instance"));
                    instances.add(i);
                    evidence.add(i.sopInstanceUid());
                }
                series.add(new Series(refStudy, required(seriesRef, Tag.SERIES_INSTANCE_UID, "evidence series"),
                        seriesRef.getString(Tag.RETRIEVE_AE_TITLE), seriesRef.getString(Tag.RETRIEVE_LOCATION_UID),
                        seriesRef.getString(Tag.RETRIEVE_URL), instances));
            }
        }
        if (evidence.isEmpty()) {
            throw new InvalidManifestException("the Current Requested Procedure Evidence Sequence references nothing");
        }
        for (Dataset item : kos.getSequence(Tag.CONTENT_SEQUENCE)) {
            for (Dataset sop : item.getSequence(Tag.REFERENCED_SOP_SEQUENCE)) {
                String uid = sop.getString(Tag.REFERENCED_SOP_INSTANCE_UID);
                if (uid != null && !evidence.contains(uid)) {
                    throw new InvalidManifestException("content item references " + uid
                            + ", which the evidence sequence does not list");
                }
            }
        }
        return new KosManifest(sopInstanceUid, kos.getString(Tag.PATIENT_ID), studyUid, series);
    }

    private static String required(Dataset ds, int tag, String where) throws InvalidManifestException {
        String v = ds.getString(tag);
        if (v == null) {
            throw new InvalidManifestException(where + " without " + Tag.toString(tag));
        }
        return v;
    }

    /** Every referenced instance, in evidence order. */
    public List<Instance> instances() {
        return series.stream().flatMap(s -> s.instances().stream()).toList();
    }

    public Set<String> seriesInstanceUids() {
        Set<String> uids = new LinkedHashSet<>();
        series.forEach(s -> uids.add(s.seriesInstanceUid()));
        return uids;
    }

    /** The distinct Retrieve Location UIDs of the series (normally one: the imaging source's). */
    public Set<String> retrieveLocationUids() {
        Set<String> uids = new LinkedHashSet<>();
        series.stream().filter(s -> s.retrieveLocationUid() != null).forEach(s -> uids.add(s.retrieveLocationUid()));
        return uids;
    }
}
