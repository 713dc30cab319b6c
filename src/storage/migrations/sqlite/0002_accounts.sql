-- Accounts, their role grants on org nodes, login sessions and failed-login counters.
-- Times are INTEGER Unix seconds; booleans INTEGER 0/1; enumerations the ids the domain
-- defines (domain/auth/user.h, lockout.h). Apart from AUTOINCREMENT, SQL that PostgreSQL
-- also accepts (there: BIGSERIAL / GENERATED AS IDENTITY, and BOOLEAN if preferred).

-- password_hash is libsodium's argon2id string; it never appears in the audit log.
-- UNIQUE allows many NULLs in both SQLite and PostgreSQL, so phone and member_id are unique
-- only where set. A member linked to an account cannot be deleted (RESTRICT): unlink first,
-- so the change is audited.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL,
  phone TEXT,
  display_name TEXT NOT NULL,
  member_id INTEGER REFERENCES members (id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password = 0 OR must_change_password = 1),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled = 0 OR disabled = 1),
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL,
  CONSTRAINT users_username_unique UNIQUE (username),
  CONSTRAINT users_phone_unique UNIQUE (phone),
  CONSTRAINT users_member_unique UNIQUE (member_id)
);

-- A role on a node reaches the node's subtree. An org node holding grants cannot be deleted
-- (RESTRICT): revoke them first, so every change of who may do what is audited.
CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role = 'committee_admin' OR role = 'unit_admin'
                            OR role = 'branch_secretary' OR role = 'member'
                            OR role = 'reviewer' OR role = 'auditor'),
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  CONSTRAINT role_grants_unique UNIQUE (user_id, role, node_id)
);
CREATE INDEX role_grants_by_node ON role_grants (node_id);

-- Only the SHA-256 of each session token is stored. Not audited: sessions are not records.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed logins per account (subject: username, or the name typed when no account has it)
-- and per client address. locked_until is 0 when the subject never locked.
CREATE TABLE login_failures (
  kind TEXT NOT NULL CHECK (kind = 'account' OR kind = 'address'),
  subject TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  first_failed_at INTEGER NOT NULL,
  last_failed_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject)
);
CREATE INDEX login_failures_by_lock ON login_failures (locked_until);
