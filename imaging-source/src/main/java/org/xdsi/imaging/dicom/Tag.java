package org.xdsi.imaging.dicom;

/**
 * Tags as {@code int}s ({@code group << 16 | element}) for the attributes xdsi reads or writes. The VR and keyword of
 * each are in {@link ElementDictionary}. Tags compare as unsigned numbers ({@link Integer#compareUnsigned}), so
 * group FFFx sorts last.
 */
public final class Tag {
    private Tag() {
    }

    // File Meta Information (PS3.10 7.1)
    public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
    public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;
    public static final int SOURCE_APPLICATION_ENTITY_TITLE = 0x00020016;

    // SOP Common, General Study/Series/Equipment, references
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int IMAGE_TYPE = 0x00080008;
    public static final int INSTANCE_CREATION_DATE = 0x00080012;
    public static final int INSTANCE_CREATION_TIME = 0x00080013;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int SERIES_DATE = 0x00080021;
    public static final int CONTENT_DATE = 0x00080023;
    public static final int STUDY_TIME = 0x00080030;
    public static final int SERIES_TIME = 0x00080031;
    public static final int CONTENT_TIME = 0x00080033;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int ISSUER_OF_ACCESSION_NUMBER_SEQUENCE = 0x00080051;
    public static final int RETRIEVE_AE_TITLE = 0x00080054;
    public static final int MODALITY = 0x00080060;
    public static final int CONVERSION_TYPE = 0x00080064;
    public static final int MANUFACTURER = 0x00080070;
    public static final int INSTITUTION_NAME = 0x00080080;
    public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    public static final int CODE_VALUE = 0x00080100;
    public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    public static final int CODING_SCHEME_VERSION = 0x00080103;
    public static final int CODE_MEANING = 0x00080104;
    public static final int MAPPING_RESOURCE = 0x00080105;
    public static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    public static final int STUDY_DESCRIPTION = 0x00081030;
    public static final int SERIES_DESCRIPTION = 0x0008103E;
    public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    public static final int REFERENCED_STUDY_SEQUENCE = 0x00081110;
    public static final int REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE = 0x00081111;
    public static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    public static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    public static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    public static final int REFERENCED_FRAME_NUMBER = 0x00081160;
    public static final int RETRIEVE_URL = 0x00081190;
    public static final int REFERENCED_SOP_SEQUENCE = 0x00081199;

    // Patient
    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;

    // Acquisition, study/series/instance identification
    public static final int BODY_PART_EXAMINED = 0x00180015;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int STUDY_ID = 0x00200010;
    public static final int SERIES_NUMBER = 0x00200011;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int PATIENT_ORIENTATION = 0x00200020;
    public static final int LATERALITY = 0x00200060;

    // Image Pixel, VOI LUT, Modality LUT
    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    public static final int PLANAR_CONFIGURATION = 0x00280006;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int HIGH_BIT = 0x00280102;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int WINDOW_CENTER = 0x00281050;
    public static final int WINDOW_WIDTH = 0x00281051;
    public static final int RESCALE_INTERCEPT = 0x00281052;
    public static final int RESCALE_SLOPE = 0x00281053;
    public static final int RESCALE_TYPE = 0x00281054;
    public static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
    public static final int PIXEL_DATA_PROVIDER_URL = 0x00287FE0;

    // Requests, SR document content, Key Object Selection
    public static final int REQUESTED_PROCEDURE_DESCRIPTION = 0x00321060;
    public static final int REQUESTED_PROCEDURE_CODE_SEQUENCE = 0x00321064;
    public static final int UNIVERSAL_ENTITY_ID = 0x00400032;
    public static final int UNIVERSAL_ENTITY_ID_TYPE = 0x00400033;
    public static final int REQUESTED_PROCEDURE_ID = 0x00401001;
    public static final int PLACER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST = 0x00402016;
    public static final int FILLER_ORDER_NUMBER_IMAGING_SERVICE_REQUEST = 0x00402017;
    public static final int RELATIONSHIP_TYPE = 0x0040A010;
    public static final int VALUE_TYPE = 0x0040A040;
    public static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    public static final int CONTINUITY_OF_CONTENT = 0x0040A050;
    public static final int TEXT_VALUE = 0x0040A160;
    public static final int REFERENCED_REQUEST_SEQUENCE = 0x0040A370;
    public static final int CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE = 0x0040A375;
    public static final int CONTENT_TEMPLATE_SEQUENCE = 0x0040A504;
    public static final int IDENTICAL_DOCUMENTS_SEQUENCE = 0x0040A525;
    public static final int CONTENT_SEQUENCE = 0x0040A730;
    public static final int TEMPLATE_IDENTIFIER = 0x0040DB00;
    public static final int RETRIEVE_LOCATION_UID = 0x0040E011;

    // Pixel data and trailers
    public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    public static final int PIXEL_DATA = 0x7FE00010;
    public static final int DIGITAL_SIGNATURES_SEQUENCE = 0xFFFAFFFA;
    public static final int DATA_SET_TRAILING_PADDING = 0xFFFCFFFC;

    // Item and delimitation tags (PS3.5 7.5); they carry no VR, even in explicit VR transfer syntaxes
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION_ITEM = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Private tags live in odd groups (PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) != 0;
    }

    /** Private Creator elements (gggg,0010-00FF) of odd groups are LO even when no dictionary knows them. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x10 && element <= 0xFF;
    }

    /** Group Length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** {@code (0010,0020)}. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }
}
