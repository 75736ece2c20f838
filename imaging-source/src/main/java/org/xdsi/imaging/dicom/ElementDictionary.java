package org.xdsi.imaging.dicom;

import static org.xdsi.imaging.dicom.Tag.*;

import java.util.HashMap;
import java.util.Map;

/**
 * VR and keyword of the attributes in {@link Tag}: the VR is what an implicit VR reader needs, the keyword is for
 * {@code toString}. Deliberately small: an unknown tag is read as UN, which explicit VR writers carry over as is.
 */
public final class ElementDictionary {
    /** One dictionary entry. */
    public record Entry(int tag, Vr vr, String keyword) {
    }

    private static final Map<Integer, Entry> ENTRIES = new HashMap<>();

    static {
        add(FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, "FileMetaInformationGroupLength");
        add(FILE_META_INFORMATION_VERSION, Vr.OB, "FileMetaInformationVersion");
        add(MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, "MediaStorageSOPClassUID");
        add(MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, "MediaStorageSOPInstanceUID");
        add(TRANSFER_SYNTAX_UID, Vr.UI, "TransferSyntaxUID");
        add(IMPLEMENTATION_CLASS_UID, Vr.UI, "ImplementationClassUID");
        add(IMPLEMENTATION_VERSION_NAME, Vr.SH, "ImplementationVersionName");
        add(SOURCE_APPLICATION_ENTITY_TITLE, Vr.AE, "SourceApplicationEntityTitle");

        add(SPECIFIC_CHARACTER_SET, Vr.CS, "SpecificCharacterSet");
        add(IMAGE_TYPE, Vr.CS, "ImageType");
        add(INSTANCE_CREATION_DATE, Vr.DA, "InstanceCreationDate");
        add(INSTANCE_CREATION_TIME, Vr.TM, "InstanceCreationTime");
        add(SOP_CLASS_UID, Vr.UI, "SOPClassUID");
        add(SOP_INSTANCE_UID, Vr.UI, "SOPInstanceUID");
        add(STUDY_DATE, Vr.DA, "StudyDate");
        add(SERIES_DATE, Vr.DA, "SeriesDate");
        add(CONTENT_DATE, Vr.DA, "ContentDate");
        add(STUDY_TIME, Vr.TM, "StudyTime");
        add(SERIES_TIME, Vr.TM, "SeriesTime");
        add(CONTENT_TIME, Vr.TM, "ContentTime");
        add(ACCESSION_NUMBER, Vr.SH, "AccessionNumber");
        add(ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, Vr.SQ, "IssuerOfAccessionNumberSequence");
        add(RETRIEVE_AE_TITLE, Vr.AE, "RetrieveAETitle");
        add(MODALITY, Vr.CS, "Modality");
        add(CONVERSION_TYPE, Vr.CS, "ConversionType");
        add(MANUFACTURER, Vr.LO, "Manufacturer");
        add(INSTITUTION_NAME, Vr.LO, "InstitutionName");
        add(REFERRING_PHYSICIAN_NAME, Vr.PN, "ReferringPhysicianName");
        add(CODE_VALUE, Vr.SH, "CodeValue");
        add(CODING_SCHEME_DESIGNATOR, Vr.SH, "CodingSchemeDesignator");
        add(CODING_SCHEME_VERSION, Vr.SH, "CodingSchemeVersion");
        add(CODE_MEANING, Vr.LO, "CodeMeaning");
        add(MAPPING_RESOURCE, Vr.CS, "MappingResource");
        add(TIMEZONE_OFFSET_FROM_UTC, Vr.SH, "TimezoneOffsetFromUTC");
        add(STUDY_DESCRIPTION, Vr.LO, "StudyDescription");
        add(SERIES_DESCRIPTION, Vr.LO, "SeriesDescription");
        add(MANUFACTURER_MODEL_NAME, Vr.LO, "ManufacturerModelName");
        add(REFERENCED_STUDY_SEQUENCE, Vr.SQ, "ReferencedStudySequence");
        add(REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, Vr.SQ, "ReferencedPerformedProcedureStepSequence");
        add(REFERENCED_SERIES_SEQUENCE, Vr.SQ, "ReferencedSeriesSequence");
        add(REFERENCED_SOP_CLASS_UID, Vr.UI, "ReferencedSOPClassUID");
        add(REFERENCED_SOP_INSTANCE_UID, Vr.UI, "ReferencedSOPInstanceUID");
        add(REFERENCED_FRAME_NUMBER, Vr.IS, "ReferencedFrameNumber");
        add(RETRIEVE_URL, Vr.UR, "RetrieveURL");
        add(REFERENCED_SOP_SEQUENCE, Vr.SQ, "ReferencedSOPSequence");

        add(PATIENT_NAME, Vr.PN, "PatientName");
        add(PATIENT_ID, Vr.LO, "PatientID");
        add(ISSUER_OF_PATIENT_ID, Vr.LO, "IssuerOfPatientID");
        add(PATIENT_BIRTH_DATE, Vr.DA, "PatientBirthDate");
        add(PATIENT_SEX, Vr.CS, "PatientSex");

        add(BODY_PART_EXAMINED, Vr.CS, "BodyPartExamined");
        add(STUDY_INSTANCE_UID, Vr.UI, "StudyInstanceUID");
        add(SERIES_INSTANCE_UID, Vr.UI, "SeriesInstanceUID");
        add(STUDY_ID, Vr.SH, "StudyID");
        add(SERIES_NUMBER, Vr.IS, "SeriesNumber");
        add(INSTANCE_NUMBER, Vr.IS, "InstanceNumber");
        add(PATIENT_ORIENTATION, Vr.CS, "PatientOrientation");
        add(LATERALITY, Vr.CS, "Laterality");

        add(SAMPLES_PER_PIXEL, Vr.US, "SamplesPerPixel");
        add(PHOTOMETRIC_INTERPRETATION, Vr.CS, "PhotometricInterpretation");
        add(PLANAR_CONFIGURATION, Vr.US, "PlanarConfiguration");
        add(NUMBER_OF_FRAMES, Vr.IS, "NumberOfFrames");
        add(ROWS, Vr.US, "Rows");
        add(COLUMNS, Vr.US, "Columns");
        add(BITS_ALLOCATED, Vr.US, "BitsAllocated");
        add(BITS_STORED, Vr.US, "BitsStored");
        add(HIGH_BIT, Vr.US, "HighBit");
        add(PIXEL_REPRESENTATION, Vr.US, "PixelRepresentation");
        add(WINDOW_CENTER, Vr.DS, "WindowCenter");
        add(WINDOW_WIDTH, Vr.DS, "WindowWidth");
        add(RESCALE_INTERCEPT, Vr.DS, "RescaleIntercept");
        add(RESCALE_SLOPE, Vr.DS, "RescaleSlope");
        add(RESCALE_TYPE, Vr.LO, "RescaleType");
        add(LOSSY_IMAGE_COMPRESSION, Vr.CS, "LossyImageCompression");
        add(PIXEL_DATA_PROVIDER_URL, Vr.UR, "PixelDataProviderURL");

        add(REQUESTED_PROCEDURE_DESCRIPTION, Vr.LO, "RequestedProcedureDescription");
        add(REQUESTED_PROCEDURE_CODE_SEQUENCE, Vr.SQ, "RequestedProcedureCodeSequence");
        add(UNIVERSAL_ENTITY_ID, Vr.UT, "UniversalEntityID");
        add(UNIVERSAL_ENTITY_ID_TYPE, Vr.CS, "UniversalEntityIDType");
        add(REQUESTED_PROCEDURE_ID, Vr.SH, "RequestedProcedureID");
        add(PLACER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST, Vr.LO, "PlacerOrderNumberImagingServiceRequest");
        add(FILLER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST, Vr.LO, "FillerOrderNumberImagingServiceRequest");
        add(RELATIONSHIP_TYPE, Vr.CS, "RelationshipType");
        add(VALUE_TYPE, Vr.CS, "ValueType");
        add(CONCEPT_NAME_CODE_SEQUENCE, Vr.SQ, "ConceptNameCodeSequence");
        add(CONTINUITY_OF_CONTENT, Vr.CS, "ContinuityOfContent");
        add(TEXT_VALUE, Vr.UT, "TextValue");
        add(REFERENCED_REQUEST_SEQUENCE, Vr.SQ, "ReferencedRequestSequence");
        add(CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE, Vr.SQ, "CurrentRequestedProcedureEvidenceSequence");
        add(CONTENT_TEMPLATE_SEQUENCE, Vr.SQ, "ContentTemplateSequence");
        add(IDENTICAL_DOCUMENTS_SEQUENCE, Vr.SQ, "IdenticalDocumentsSequence");
        add(CONTENT_SEQUENCE, Vr.SQ, "ContentSequence");
        add(TEMPLATE_IDENTIFIER, Vr.CS, "TemplateIdentifier");
        add(RETRIEVE_LOCATION_UID, Vr.UI, "RetrieveLocationUID");

        add(FLOAT_PIXEL_DATA, Vr.OF, "FloatPixelData");
        add(DOUBLE_FLOAT_PIXEL_DATA, Vr.OD, "DoubleFloatPixelData");
        add(PIXEL_DATA, Vr.OW, "PixelData");
        add(DIGITAL_SIGNATURES_SEQUENCE, Vr.SQ, "DigitalSignaturesSequence");
        add(DATA_SET_TRAILING_PADDING, Vr.OB, "DataSetTrailingPadding");
    }

    private ElementDictionary() {
    }

    private static void add(int tag, Vr vr, String keyword) {
        ENTRIES.put(tag, new Entry(tag, vr, keyword));
    }

    /** The entry of a tag, or null when the dictionary does not know it. */
    public static Entry entry(int tag) {
        return ENTRIES.get(tag);
    }

    /**
     * The VR an implicit VR reader assumes: the dictionary's, UL for group lengths, LO for private creators, UN
     * otherwise. Pixel Data is OW (PS3.5 A.1 for Implicit VR Little Endian).
     */
    public static Vr vrOf(int tag) {
        Entry e = ENTRIES.get(tag);
        if (e != null) {
            return e.vr();
        }
        if (Tag.isGroupLength(tag)) {
            return Vr.UL;
        }
        if (Tag.isPrivateCreator(tag)) {
            return Vr.LO;
        }
        return Vr.UN;
    }

    /** The keyword, or "" when unknown. */
    public static String keywordOf(int tag) {
        Entry e = ENTRIES.get(tag);
        return e == null ? "" : e.keyword();
    }
}
