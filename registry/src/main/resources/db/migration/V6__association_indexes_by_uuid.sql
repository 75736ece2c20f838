-- Every association query names its source or target object; the type only filters the few associations an object
-- has. Without the type (a 50-60 character URN) in the keys, the two indexes every submission writes into at random
-- places are about half as wide.
DROP INDEX as_source;
DROP INDEX as_target;
CREATE INDEX as_source ON association (source_uuid);
CREATE INDEX as_target ON association (target_uuid);
