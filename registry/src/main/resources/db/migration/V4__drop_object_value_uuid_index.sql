-- object_value is only ever read through ov_lookup (patient-led: stored-query filters, patient merge); the uuid
-- index was never used by a query, yet every submission paid for it with one more index write per value.
DROP INDEX ov_uuid;
