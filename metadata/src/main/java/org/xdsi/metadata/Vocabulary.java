package org.xdsi.metadata;

/** The fixed identifiers of XDS metadata (ITI TF-3 §4.2, digest §2.2). */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static final String UUID_PREFIX = "urn:uuid:";

    // object types and classification nodes
    public static final String SUBMISSION_SET_NODE = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    public static final String FOLDER_NODE = "urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2";
    public static final String STABLE_DOCUMENT = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    public static final String ON_DEMAND_DOCUMENT = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
    public static final String DOCUMENT_LIMITED_METADATA = "urn:uuid:ab9b591b-83ab-4d03-8f5d-f93b1fb92e85";
    public static final String SUBMISSION_SET_LIMITED_METADATA = "urn:uuid:5003a9db-8d8d-49e6-bf0c-990e34ac7707";
    public static final String FOLDER_LIMITED_METADATA = "urn:uuid:2c144a76-29a9-4b7c-af54-b25409fe7d03";
    public static final String ASSOCIATION_DOCUMENTATION = "urn:uuid:abd807a3-4432-4053-87b4-fd82c643d1f3";

    public static final String OBJECT_TYPE_CLASSIFICATION = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
    public static final String OBJECT_TYPE_EXTERNAL_IDENTIFIER = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";
    public static final String OBJECT_TYPE_REGISTRY_PACKAGE = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage";
    public static final String OBJECT_TYPE_ASSOCIATION = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";

    // classification schemes
    public static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    public static final String DE_CLASS_CODE = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    public static final String DE_CONFIDENTIALITY_CODE = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    public static final String DE_EVENT_CODE = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
    public static final String DE_FORMAT_CODE = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    public static final String DE_HEALTHCARE_FACILITY_TYPE_CODE = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    public static final String DE_PRACTICE_SETTING_CODE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    public static final String DE_TYPE_CODE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    public static final String SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    public static final String SS_CONTENT_TYPE_CODE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    public static final String FOLDER_CODE_LIST = "urn:uuid:1ba97051-7806-41a8-a48b-8fce7af683c5";

    // external identifiers
    public static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    public static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    public static final String SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    public static final String SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    public static final String SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    public static final String FOLDER_PATIENT_ID = "urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a";
    public static final String FOLDER_UNIQUE_ID = "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a";

    public static final String DE_PATIENT_ID_NAME = "XDSDocumentEntry.patientId";
    public static final String DE_UNIQUE_ID_NAME = "XDSDocumentEntry.uniqueId";
    public static final String SS_PATIENT_ID_NAME = "XDSSubmissionSet.patientId";
    public static final String SS_UNIQUE_ID_NAME = "XDSSubmissionSet.uniqueId";
    public static final String SS_SOURCE_ID_NAME = "XDSSubmissionSet.sourceId";
    public static final String FOLDER_PATIENT_ID_NAME = "XDSFolder.patientId";
    public static final String FOLDER_UNIQUE_ID_NAME = "XDSFolder.uniqueId";

    // slots
    public static final String SLOT_CODING_SCHEME = "codingScheme";
    public static final String SLOT_CREATION_TIME = "creationTime";
    public static final String SLOT_SERVICE_START_TIME = "serviceStartTime";
    public static final String SLOT_SERVICE_STOP_TIME = "serviceStopTime";
    public static final String SLOT_HASH = "hash";
    public static final String SLOT_SIZE = "size";
    public static final String SLOT_LANGUAGE_CODE = "languageCode";
    public static final String SLOT_LEGAL_AUTHENTICATOR = "legalAuthenticator";
    public static final String SLOT_REPOSITORY_UNIQUE_ID = "repositoryUniqueId";
    public static final String SLOT_SOURCE_PATIENT_ID = "sourcePatientId";
    public static final String SLOT_SOURCE_PATIENT_INFO = "sourcePatientInfo";
    public static final String SLOT_URI = "URI";
    public static final String SLOT_REFERENCE_ID_LIST = "urn:ihe:iti:xds:2013:referenceIdList";
    public static final String SLOT_DOCUMENT_AVAILABILITY = "urn:ihe:iti:2010:DocumentAvailability";
    public static final String SLOT_SUBMISSION_TIME = "submissionTime";
    public static final String SLOT_INTENDED_RECIPIENT = "intendedRecipient";
    public static final String SLOT_LAST_UPDATE_TIME = "lastUpdateTime";
    public static final String SLOT_SUBMISSION_SET_STATUS = "SubmissionSetStatus";
    public static final String SLOT_AUTHOR_PERSON = "authorPerson";
    public static final String SLOT_AUTHOR_INSTITUTION = "authorInstitution";
    public static final String SLOT_AUTHOR_ROLE = "authorRole";
    public static final String SLOT_AUTHOR_SPECIALTY = "authorSpecialty";
    public static final String SLOT_AUTHOR_TELECOMMUNICATION = "authorTelecommunication";

    // statuses
    public static final String STATUS_APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    public static final String STATUS_DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    public static final String STATUS_SUBMITTED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted";

    public static final String RESPONSE_SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public static final String RESPONSE_FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    public static final String RESPONSE_PARTIAL_SUCCESS = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";

    public static final String SEVERITY_ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    public static final String SEVERITY_WARNING = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";

    // association types
    public static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    public static final String RPLC = "urn:ihe:iti:2007:AssociationType:RPLC";
    public static final String XFRM = "urn:ihe:iti:2007:AssociationType:XFRM";
    public static final String APND = "urn:ihe:iti:2007:AssociationType:APND";
    public static final String XFRM_RPLC = "urn:ihe:iti:2007:AssociationType:XFRM_RPLC";
    public static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";
    public static final String IS_SNAPSHOT_OF = "urn:ihe:iti:2010:AssociationType:IsSnapshotOf";

    public static final String SUBMISSION_SET_STATUS_ORIGINAL = "Original";
    public static final String SUBMISSION_SET_STATUS_REFERENCE = "Reference";

    // SOAP actions (digest §1.1)
    public static final String ACTION_REGISTER = "urn:ihe:iti:2007:RegisterDocumentSet-b";
    public static final String ACTION_REGISTER_RESPONSE = "urn:ihe:iti:2007:RegisterDocumentSet-bResponse";
    public static final String ACTION_STORED_QUERY = "urn:ihe:iti:2007:RegistryStoredQuery";
    public static final String ACTION_STORED_QUERY_RESPONSE = "urn:ihe:iti:2007:RegistryStoredQueryResponse";
    public static final String ACTION_PROVIDE_AND_REGISTER = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    public static final String ACTION_PROVIDE_AND_REGISTER_RESPONSE = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse";
    public static final String ACTION_RETRIEVE = "urn:ihe:iti:2007:RetrieveDocumentSet";
    public static final String ACTION_RETRIEVE_RESPONSE = "urn:ihe:iti:2007:RetrieveDocumentSetResponse";

    /** True for association types that relate two DocumentEntries (RPLC, XFRM, APND, XFRM_RPLC, signs, IsSnapshotOf). */
    public static boolean isRelationship(String associationType) {
        return RPLC.equals(associationType) || XFRM.equals(associationType) || APND.equals(associationType)
                || XFRM_RPLC.equals(associationType) || SIGNS.equals(associationType)
                || IS_SNAPSHOT_OF.equals(associationType);
    }

    /** True for the association types whose target becomes Deprecated. */
    public static boolean isReplacement(String associationType) {
        return RPLC.equals(associationType) || XFRM_RPLC.equals(associationType);
    }
}
