-- Two-step transfers of organisational relations (domain/member/transfer.h): the sending
-- branch starts one, the receiving branch accepts it (the member's periods then move in the
-- same transaction) or returns it with a reason. The branches are plain ids, not foreign
-- keys: a record outlives a branch deleted later, as the audit log does.
CREATE TABLE member_transfers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  from_branch_id INTEGER NOT NULL,
  to_branch_id INTEGER NOT NULL,
  to_group_id INTEGER,
  initiated_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status = 'pending' OR status = 'accepted' OR status = 'returned'
                              OR status = 'cancelled'),
  decided_on TEXT,
  decision_note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL DEFAULT 0,
  decided_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- At most one pending transfer per member.
CREATE UNIQUE INDEX member_transfers_pending ON member_transfers (member_id)
  WHERE status = 'pending';
CREATE INDEX member_transfers_by_member ON member_transfers (member_id, id);
