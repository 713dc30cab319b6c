-- The question bank of knowledge contests (domain/contest/question.h). Options and tags are
-- JSON arrays of strings; the answer is a bit set of the options (A = 1). dedupe_key is
-- DedupeKey(question): the same question is not stored twice, whatever its spacing, case or
-- option order.
CREATE TABLE questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind = 'single' OR kind = 'multiple' OR kind = 'true_false'),
  stem TEXT NOT NULL,
  options TEXT NOT NULL,
  answer INTEGER NOT NULL CHECK (answer > 0 AND answer < 256),
  tags TEXT NOT NULL DEFAULT '[]',
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
  explanation TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
