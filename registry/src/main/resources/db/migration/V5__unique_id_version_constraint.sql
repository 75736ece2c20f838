-- Of two submissions registering the same new document at the same moment (both validated before either committed)
-- only one may commit. A unique index on (unique_id, version) says that on document_entry itself, where a separate
-- table of claimed uniqueIds cost every submission two more index writes. A later version of an entry (metadata
-- update) keeps its uniqueId with a higher version; a replacement has a uniqueId of its own.
DROP TABLE document_unique_id;
DROP INDEX de_unique_id;
CREATE UNIQUE INDEX de_unique_id ON document_entry (unique_id, version);
