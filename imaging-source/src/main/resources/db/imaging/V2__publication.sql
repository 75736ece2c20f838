-- Publication state of each study (RAD-68): what was last published, what is being tried, and when to try next.
-- A study has a row once the publisher has seen it; the worker finds due rows through publication_due.

CREATE TABLE publication (
    study_uid           VARCHAR(64)   NOT NULL PRIMARY KEY,
    state               VARCHAR(16)   NOT NULL,  -- PENDING, PUBLISHED, FAILED (retrying), HELD (needs a person)
    published_revision  BIGINT        NOT NULL,  -- study revision of the current manifest; 0 = none yet
    manifest_uid        VARCHAR(64),             -- current manifest: SOP Instance UID = DocumentEntry uniqueId
    entry_uuid          VARCHAR(64),             -- current manifest's DocumentEntry entryUUID (RPLC target)
    manifest_series_uid VARCHAR(64),             -- the KO series every manifest of the study goes in
    manifest_count      INTEGER       NOT NULL,  -- manifests published so far (Instance Number of the next one)
    attempt_revision    BIGINT,                  -- the manifest being tried: built once per revision, re-sent
    attempt_uid         VARCHAR(64),             --   unchanged on retries so a lost answer cannot make
    attempt_entry_uuid  VARCHAR(64),             --   a second entry
    attempts            INTEGER       NOT NULL,  -- failed attempts since the last success
    next_attempt_at     TIMESTAMP,               -- when the worker tries next; null = nothing to do
    last_error          VARCHAR(4000),
    created_at          TIMESTAMP     NOT NULL,
    updated_at          TIMESTAMP     NOT NULL,
    published_at        TIMESTAMP
);
CREATE INDEX publication_due ON publication (next_attempt_at);
CREATE INDEX publication_state ON publication (state);
