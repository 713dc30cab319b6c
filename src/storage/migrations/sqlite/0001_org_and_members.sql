-- The organisation tree, party members, their membership periods and the audit log.
-- Dates are TEXT 'YYYY-MM-DD'; enumerations are the ids the domain defines (org_node.h,
-- member.h). Kept to SQL that PostgreSQL also accepts, apart from AUTOINCREMENT (ids of
-- deleted rows are never reused, as audit entries name them).
-- Enumeration checks are written as OR chains: SQLite builds a temporary index for every
-- IN (...) list on every row inserted, which made bulk inserts three times slower.

CREATE TABLE org_nodes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind = 'committee' OR kind = 'zone' OR kind = 'unit'
                            OR kind = 'organ_committee' OR kind = 'general_branch'
                            OR kind = 'branch' OR kind = 'group'),
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  parent_id INTEGER REFERENCES org_nodes (id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  term_start TEXT,
  term_end TEXT,
  secretary_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
  committee_size INTEGER NOT NULL DEFAULT 0 CHECK (committee_size >= 0),
  CONSTRAINT org_nodes_code_unique UNIQUE (code)
);
CREATE INDEX org_nodes_by_parent ON org_nodes (parent_id, sort_order);
CREATE INDEX org_nodes_by_secretary ON org_nodes (secretary_id);

CREATE TABLE members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender = 'male' OR gender = 'female'),
  ethnicity TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number TEXT NOT NULL,
  education TEXT NOT NULL CHECK (education = 'doctorate' OR education = 'master'
                                  OR education = 'bachelor' OR education = 'associate'
                                  OR education = 'secondary_vocational'
                                  OR education = 'high_school'
                                  OR education = 'junior_or_below'),
  phone TEXT NOT NULL DEFAULT '',
  probationary_date TEXT NOT NULL,
  full_date TEXT,
  status TEXT NOT NULL CHECK (status = 'probationary' OR status = 'full'
                               OR status = 'transferred_out' OR status = 'deceased'
                               OR status = 'lapsed'),
  left_date TEXT,
  category TEXT NOT NULL CHECK (category = 'in_service' OR category = 'retired'
                                 OR category = 'student' OR category = 'other'),
  branch_id INTEGER NOT NULL REFERENCES org_nodes (id),
  group_id INTEGER REFERENCES org_nodes (id),
  post TEXT NOT NULL DEFAULT '',
  CONSTRAINT members_id_number_unique UNIQUE (id_number)
);
CREATE INDEX members_by_branch ON members (branch_id);
CREATE INDEX members_by_group ON members (group_id);
CREATE INDEX members_by_name ON members (name);

-- [from_date, to_date): to_date is NULL while the period is current.
CREATE TABLE membership_periods (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  branch_id INTEGER NOT NULL REFERENCES org_nodes (id),
  group_id INTEGER REFERENCES org_nodes (id),
  from_date TEXT NOT NULL,
  to_date TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
-- A member belongs to at most one branch at a time.
CREATE UNIQUE INDEX membership_periods_one_open ON membership_periods (member_id)
  WHERE to_date IS NULL;
CREATE INDEX membership_periods_by_member ON membership_periods (member_id, from_date);
CREATE INDEX membership_periods_by_branch ON membership_periods (branch_id);
CREATE INDEX membership_periods_by_group ON membership_periods (group_id);

-- Append-only and hash-chained: hash = SHA-256 over prev_hash and every other column
-- (storage/sqlite/audit_log.h defines the serialisation), so an edited or removed row breaks
-- the chain at that point.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at_unix INTEGER NOT NULL,
  at_text TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  address TEXT NOT NULL,
  request_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
