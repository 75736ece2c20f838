-- One row per DocumentEntry uniqueId, added with every new DocumentEntry, so that two submissions registering the
-- same document at the same moment cannot both add an entry for it.
CREATE TABLE document_unique_id (
    unique_id  VARCHAR(256) NOT NULL PRIMARY KEY
);
INSERT INTO document_unique_id (unique_id) SELECT DISTINCT unique_id FROM document_entry;
