-- Contests as they run (domain/contest/attempt_service.h).
--
-- contest_questions: the questions a published contest draws its papers from, copied when it
-- is published (same columns as questions), so that editing or removing a question of the
-- bank later changes no paper issued or still to be issued, and every score can be traced to
-- the question as it was.
CREATE TABLE contest_questions (
  contest_id INTEGER NOT NULL REFERENCES contests (id),
  id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'single' OR kind = 'multiple' OR kind = 'true_false'),
  stem TEXT NOT NULL,
  options TEXT NOT NULL,
  answer INTEGER NOT NULL CHECK (answer > 0 AND answer < 256),
  tags TEXT NOT NULL DEFAULT '[]',
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
  explanation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (contest_id, id)
) WITHOUT ROWID;

-- One row per attempt: inserted when it starts (with the paper issued), completed when it is
-- submitted. paper is "id:order;id:order" (order: the option shown at each position, as
-- digits), answers "id:chosen;..." (chosen: the bit set of positions). The member's branch
-- at the start is kept: rankings count the attempt there.
CREATE TABLE contest_attempts (
  id INTEGER PRIMARY KEY,
  contest_id INTEGER NOT NULL REFERENCES contests (id),
  member_id INTEGER NOT NULL,
  branch_id INTEGER NOT NULL,
  number INTEGER NOT NULL CHECK (number >= 1),
  started_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  paper TEXT NOT NULL,
  submitted_at INTEGER,
  answers TEXT,
  points INTEGER,
  max_points INTEGER,
  correct INTEGER,
  UNIQUE (contest_id, member_id, number)
);

-- Secrets the server keeps across restarts, e.g. the key that signs contest passes. Created
-- on first use; never sent to a client.
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
