-- The imaging source's archive index: what it holds, by patient, study, series and instance.
-- Column sizes follow the DICOM VR maxima (UI 64, LO 64, PN 5x64+4, SH 16, CS 16, DA 8, TM 16).

CREATE TABLE study (
    study_uid           VARCHAR(64)   NOT NULL PRIMARY KEY,
    patient_id          VARCHAR(64)   NOT NULL,  -- departmental Patient ID (0010,0020)
    patient_issuer      VARCHAR(64),             -- Issuer of Patient ID (0010,0021)
    patient_name        VARCHAR(324),
    patient_birth_date  VARCHAR(8),
    patient_sex         VARCHAR(16),
    accession_number    VARCHAR(16),
    accession_issuer    VARCHAR(64),             -- Issuer of Accession Number Sequence > Universal Entity ID
    study_date          VARCHAR(8),
    study_time          VARCHAR(16),
    study_id            VARCHAR(16),
    study_description   VARCHAR(64),
    referring_physician VARCHAR(324),
    institution_name    VARCHAR(64),
    revision            BIGINT        NOT NULL,  -- +1 for every instance added: a manifest covers one revision
    updated_at          TIMESTAMP     NOT NULL   -- when the last instance was added: the quiet period runs from here
);
CREATE INDEX study_patient ON study (patient_id, patient_issuer);
CREATE INDEX study_accession ON study (accession_number);
CREATE INDEX study_date ON study (study_date);
CREATE INDEX study_updated ON study (updated_at);

CREATE TABLE series (
    series_uid          VARCHAR(64)   NOT NULL PRIMARY KEY,
    study_uid           VARCHAR(64)   NOT NULL REFERENCES study (study_uid),
    modality            VARCHAR(16)   NOT NULL,
    body_part           VARCHAR(16),
    series_number       INTEGER,
    series_description  VARCHAR(64)
);
CREATE INDEX series_study ON series (study_uid);
CREATE INDEX series_modality ON series (modality);
CREATE INDEX series_body_part ON series (body_part);

CREATE TABLE instance (
    sop_instance_uid    VARCHAR(64)   NOT NULL PRIMARY KEY,
    series_uid          VARCHAR(64)   NOT NULL REFERENCES series (series_uid),
    study_uid           VARCHAR(64)   NOT NULL,
    sop_class_uid       VARCHAR(64)   NOT NULL,
    transfer_syntax_uid VARCHAR(64)   NOT NULL,
    instance_number     INTEGER,
    file_path           VARCHAR(400)  NOT NULL,  -- relative to the instance directory
    file_size           BIGINT        NOT NULL,
    received_at         TIMESTAMP     NOT NULL
);
CREATE INDEX instance_series ON instance (series_uid, instance_number);
CREATE INDEX instance_study ON instance (study_uid);
