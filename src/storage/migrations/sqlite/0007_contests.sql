-- Knowledge contests as organisers set them up (domain/contest/contest.h). The settings are
-- the JSON of domain/contest/contest_json.h; the window and the scope are columns as well,
-- for listing and for the guard. Attempts come in a later migration.
CREATE TABLE contests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  status TEXT NOT NULL CHECK (status = 'draft' OR status = 'published' OR status = 'closed'),
  title TEXT NOT NULL,
  scope_id INTEGER NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
