-- Registry schema shared by H2, Derby and PostgreSQL; ${clob} is the only type that differs.
-- Every registry object is one row holding the columns its queries filter on and its ebRIM XML (column ebrim; "xml" is reserved in Derby) (without the
-- status and home attributes, which are added when the object is returned: status changes without a rewrite).
-- Times are DTM values padded with zeros to 14 digits (yyyyMMddHHmmss) so they compare as numbers.
-- status: 1 Approved, 2 Deprecated. object_type: 1 Stable, 2 On-Demand.

CREATE TABLE patient (
    pid          VARCHAR(256) NOT NULL PRIMARY KEY,
    merged_into  VARCHAR(256),
    updated      TIMESTAMP NOT NULL
);

CREATE TABLE document_entry (
    uuid            VARCHAR(64)  NOT NULL PRIMARY KEY,
    lid             VARCHAR(64)  NOT NULL,
    version         INTEGER      NOT NULL,
    patient_id      VARCHAR(256) NOT NULL,
    status          SMALLINT     NOT NULL,
    unique_id       VARCHAR(256) NOT NULL,
    object_type     SMALLINT     NOT NULL,
    class_code      VARCHAR(512),
    type_code       VARCHAR(512),
    format_code     VARCHAR(512),
    hcft_code       VARCHAR(512),
    practice_code   VARCHAR(512),
    creation_time   BIGINT,
    service_start   BIGINT,
    service_stop    BIGINT,
    hash            VARCHAR(64),
    size_bytes      BIGINT,
    repository_uid  VARCHAR(64),
    mime_type       VARCHAR(256),
    submission_set  VARCHAR(64)  NOT NULL,
    ebrim ${clob}      NOT NULL
);
CREATE INDEX de_patient ON document_entry (patient_id, status, creation_time);
CREATE INDEX de_unique_id ON document_entry (unique_id);
CREATE INDEX de_lid ON document_entry (lid);

CREATE TABLE submission_set (
    uuid               VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id         VARCHAR(256) NOT NULL,
    status             SMALLINT     NOT NULL,
    unique_id          VARCHAR(256) NOT NULL,
    source_id          VARCHAR(256),
    submission_time    BIGINT,
    content_type_code  VARCHAR(512),
    ebrim ${clob}      NOT NULL
);
CREATE INDEX ss_patient ON submission_set (patient_id, status, submission_time);
CREATE UNIQUE INDEX ss_unique_id ON submission_set (unique_id);

CREATE TABLE folder (
    uuid              VARCHAR(64)  NOT NULL PRIMARY KEY,
    lid               VARCHAR(64)  NOT NULL,
    version           INTEGER      NOT NULL,
    patient_id        VARCHAR(256) NOT NULL,
    status            SMALLINT     NOT NULL,
    unique_id         VARCHAR(256) NOT NULL,
    last_update_time  BIGINT,
    ebrim ${clob}      NOT NULL
);
CREATE INDEX fd_patient ON folder (patient_id, status, last_update_time);
CREATE INDEX fd_unique_id ON folder (unique_id);
CREATE INDEX fd_lid ON folder (lid);

CREATE TABLE association (
    uuid            VARCHAR(64)  NOT NULL PRIMARY KEY,
    assoc_type      VARCHAR(128) NOT NULL,
    source_uuid     VARCHAR(64)  NOT NULL,
    target_uuid     VARCHAR(64)  NOT NULL,
    status          SMALLINT     NOT NULL,
    submission_set  VARCHAR(64)  NOT NULL,
    ebrim ${clob}      NOT NULL
);
CREATE INDEX as_source ON association (source_uuid, assoc_type);
CREATE INDEX as_target ON association (target_uuid, assoc_type);

-- Multi-valued query attributes, one row per value, led by the patient so that a patient-scoped query filters
-- inside one index range. attr: 1 DocumentEntry confidentialityCode, 2 DocumentEntry eventCodeList,
-- 3 DocumentEntry authorPerson, 4 DocumentEntry referenceIdList, 5 SubmissionSet authorPerson, 6 Folder codeList.
CREATE TABLE object_value (
    patient_id  VARCHAR(256) NOT NULL,
    attr        SMALLINT     NOT NULL,
    val         VARCHAR(512) NOT NULL,
    uuid        VARCHAR(64)  NOT NULL
);
CREATE INDEX ov_lookup ON object_value (patient_id, attr, val, uuid);
CREATE INDEX ov_uuid ON object_value (uuid);
