-- What the server reads of every meeting at start (LifeIndex): with these columns in an index,
-- the start-up reads the index (about 60 bytes a meeting) instead of the whole table with its
-- topics and minutes (about 300), which took most of the start-up of a province with five
-- years of records. The index also serves what meetings_by_node did: a node's meetings by
-- date.
CREATE INDEX meetings_facts ON meetings (node_id, date, type, status, branch_id, attendees);
DROP INDEX meetings_by_node;
