-- Organisational life: meeting records, their absentees and attachments (domain/life).
-- topics and votes are JSON arrays ([{"title": ..., "first_agenda": true}],
-- [{"motion": ..., "yes": 1, "no": 0, "abstain": 0, "eligible": 3, "passed": true}]);
-- attendees are the member ids in ascending order as LEB128 deltas (storage/sqlite/id_list.h),
-- a few bytes per meeting instead of a row per attendee.

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  branch_id INTEGER NOT NULL REFERENCES org_nodes (id),
  type TEXT NOT NULL CHECK (type = 'branch_assembly' OR type = 'committee_meeting'
                            OR type = 'group_meeting' OR type = 'party_lecture'
                            OR type = 'theme_day' OR type = 'org_life_meeting'
                            OR type = 'member_review' OR type = 'heart_talk'
                            OR type = 'study_group'),
  date TEXT NOT NULL,
  start_minute INTEGER NOT NULL DEFAULT 0,
  duration_minutes INTEGER NOT NULL DEFAULT 0,
  place TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  recorder TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '[]',
  attendees BLOB NOT NULL,
  minutes TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  votes TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status = 'submitted' OR status = 'accepted'
                              OR status = 'returned'),
  return_reason TEXT NOT NULL DEFAULT '',
  reviewed_by INTEGER NOT NULL DEFAULT 0,
  reviewer_name TEXT NOT NULL DEFAULT '',
  reviewed_at INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_by_node ON meetings (node_id, date);

-- Member ids are not foreign keys: a record keeps who was absent even after a member's file
-- is deleted.
CREATE TABLE meeting_absences (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason = 'official' OR reason = 'sick' OR reason = 'personal'
                              OR reason = 'other'),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, member_id)
) WITHOUT ROWID;

CREATE TABLE meeting_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime = 'image/jpeg' OR mime = 'image/png'
                            OR mime = 'application/pdf'),
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX meeting_attachments_by_meeting ON meeting_attachments (meeting_id);
