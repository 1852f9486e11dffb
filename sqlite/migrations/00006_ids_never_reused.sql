-- Ids are never used twice. Without AUTOINCREMENT SQLite gives a new row
-- the largest id + 1, so after stride undo (or deleting the newest goal,
-- lesson, token...) the next row took the id of the one just removed: a
-- script holding the old id would then edit or delete the new step, and an
-- import key pointing at the removed row matched the new one. PostgreSQL's
-- identity columns never reuse; this brings SQLite in line.
--
-- SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt
-- with the same columns, rows and indexes (https://sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"). Foreign keys are off
-- meanwhile, or dropping goals would cascade to every step; that needs
-- its own transaction, so goose runs this file outside one, on the single
-- connection sqlite.migrate holds. Running it twice is harmless.

-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE goals_new (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name             TEXT    NOT NULL,
	name_key         TEXT    NOT NULL,
	why              TEXT    NOT NULL DEFAULT '',
	unit             TEXT    NOT NULL DEFAULT '',
	direction        TEXT    NOT NULL DEFAULT 'at_least',
	done_when        TEXT    NOT NULL DEFAULT '',
	done_when_amount REAL,
	smallest_step    TEXT    NOT NULL DEFAULT '',
	parent_id        INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	start_day        INTEGER NOT NULL,
	state            TEXT    NOT NULL DEFAULT 'active',
	paused_until     INTEGER,
	total            REAL    NOT NULL DEFAULT 0,
	-- rev changes with every write that can change momentum; a reader saves
	-- checkpoints only if rev still holds the value it computed them from.
	rev              INTEGER NOT NULL DEFAULT 0,
	created_at       DATETIME NOT NULL,
	updated_at       DATETIME NOT NULL,
	done_when_met    INTEGER,
	edits_after_met  INTEGER NOT NULL DEFAULT 0,
	finished_on      INTEGER,
	UNIQUE (user_id, name_key)
);
INSERT INTO goals_new SELECT * FROM goals;
DROP TABLE goals;
ALTER TABLE goals_new RENAME TO goals;
CREATE INDEX goals_parent ON goals (parent_id);

CREATE TABLE steps_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	day        INTEGER NOT NULL,
	minute     INTEGER,
	amount     REAL    NOT NULL,
	effort     REAL,
	energy     INTEGER,
	note       TEXT    NOT NULL DEFAULT '',
	request_id TEXT,
	created_at DATETIME NOT NULL,
	learned    TEXT NOT NULL DEFAULT '',
	UNIQUE (user_id, request_id)
);
INSERT INTO steps_new SELECT * FROM steps;
DROP TABLE steps;
ALTER TABLE steps_new RENAME TO steps;
CREATE INDEX steps_goal_day ON steps (goal_id, day, amount, user_id);
CREATE INDEX steps_user_day ON steps (user_id, day);
CREATE INDEX steps_user_id ON steps (user_id, id);

CREATE TABLE tokens_new (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name         TEXT    NOT NULL,
	scope        TEXT    NOT NULL,
	secret_hash  BLOB    NOT NULL UNIQUE,
	last4        TEXT    NOT NULL,
	created_at   INTEGER NOT NULL,
	expires_at   INTEGER,
	last_used_at INTEGER
);
INSERT INTO tokens_new SELECT * FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE lessons_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id     INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	day         INTEGER NOT NULL,
	wanted      TEXT    NOT NULL DEFAULT '',
	happened    TEXT    NOT NULL DEFAULT '',
	options     TEXT    NOT NULL DEFAULT '',
	way_forward TEXT    NOT NULL DEFAULT '',
	created_at  DATETIME NOT NULL,
	updated_at  DATETIME NOT NULL
);
INSERT INTO lessons_new SELECT * FROM lessons;
DROP TABLE lessons;
ALTER TABLE lessons_new RENAME TO lessons;
CREATE INDEX lessons_user_day ON lessons (user_id, day);
CREATE INDEX lessons_goal ON lessons (goal_id);

CREATE TABLE doubts_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day        INTEGER NOT NULL,
	doubt      TEXT    NOT NULL,
	against    TEXT    NOT NULL DEFAULT '',
	reframe    TEXT    NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
INSERT INTO doubts_new SELECT * FROM doubts;
DROP TABLE doubts;
ALTER TABLE doubts_new RENAME TO doubts;
CREATE INDEX doubts_user_day ON doubts (user_id, day);

CREATE TABLE doubt_revisits_new (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	doubt_id INTEGER NOT NULL REFERENCES doubts (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL,
	day      INTEGER NOT NULL,
	holds    INTEGER NOT NULL,
	note     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO doubt_revisits_new SELECT * FROM doubt_revisits;
DROP TABLE doubt_revisits;
ALTER TABLE doubt_revisits_new RENAME TO doubt_revisits;
CREATE INDEX doubt_revisits_doubt ON doubt_revisits (doubt_id, day);

CREATE TABLE focus_new (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day          INTEGER NOT NULL,
	task         TEXT    NOT NULL,
	done         INTEGER NOT NULL DEFAULT 0,
	done_at      DATETIME,
	carried_from INTEGER,
	created_at   DATETIME NOT NULL,
	updated_at   DATETIME NOT NULL,
	UNIQUE (user_id, day)
);
INSERT INTO focus_new SELECT * FROM focus;
DROP TABLE focus;
ALTER TABLE focus_new RENAME TO focus;

CREATE TABLE works_new (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id       INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	name          TEXT    NOT NULL,
	name_key      TEXT    NOT NULL,
	done_when     TEXT    NOT NULL DEFAULT '',
	done_when_met INTEGER,
	nudge_after   INTEGER NOT NULL DEFAULT 0,
	version       INTEGER NOT NULL DEFAULT 1,
	shipped       INTEGER NOT NULL DEFAULT 0,
	unshipped     INTEGER NOT NULL DEFAULT 0,
	created_at    DATETIME NOT NULL,
	updated_at    DATETIME NOT NULL,
	UNIQUE (user_id, name_key)
);
INSERT INTO works_new SELECT * FROM works;
DROP TABLE works;
ALTER TABLE works_new RENAME TO works;
CREATE INDEX works_goal ON works (goal_id);

CREATE TABLE work_iterations_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	work_id    INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL,
	version    INTEGER NOT NULL,
	day        INTEGER NOT NULL,
	kind       TEXT    NOT NULL,
	changed    TEXT    NOT NULL DEFAULT '',
	feedback   TEXT    NOT NULL DEFAULT '',
	effort     REAL,
	note       TEXT    NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL
);
INSERT INTO work_iterations_new SELECT * FROM work_iterations;
DROP TABLE work_iterations;
ALTER TABLE work_iterations_new RENAME TO work_iterations;
CREATE INDEX work_iterations_work ON work_iterations (work_id, id);
CREATE INDEX work_iterations_user_day ON work_iterations (user_id, day);

CREATE TABLE reviews_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	week       INTEGER NOT NULL,
	went_well  TEXT    NOT NULL DEFAULT '',
	learned    TEXT    NOT NULL DEFAULT '',
	obstacles  TEXT    NOT NULL DEFAULT '',
	next_focus TEXT    NOT NULL DEFAULT '',
	summary    TEXT,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	UNIQUE (user_id, week)
);
INSERT INTO reviews_new SELECT * FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_new RENAME TO reviews;

COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE goals_new (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name             TEXT    NOT NULL,
	name_key         TEXT    NOT NULL,
	why              TEXT    NOT NULL DEFAULT '',
	unit             TEXT    NOT NULL DEFAULT '',
	direction        TEXT    NOT NULL DEFAULT 'at_least',
	done_when        TEXT    NOT NULL DEFAULT '',
	done_when_amount REAL,
	smallest_step    TEXT    NOT NULL DEFAULT '',
	parent_id        INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	start_day        INTEGER NOT NULL,
	state            TEXT    NOT NULL DEFAULT 'active',
	paused_until     INTEGER,
	total            REAL    NOT NULL DEFAULT 0,
	-- rev changes with every write that can change momentum; a reader saves
	-- checkpoints only if rev still holds the value it computed them from.
	rev              INTEGER NOT NULL DEFAULT 0,
	created_at       DATETIME NOT NULL,
	updated_at       DATETIME NOT NULL,
	done_when_met    INTEGER,
	edits_after_met  INTEGER NOT NULL DEFAULT 0,
	finished_on      INTEGER,
	UNIQUE (user_id, name_key)
);
INSERT INTO goals_new SELECT * FROM goals;
DROP TABLE goals;
ALTER TABLE goals_new RENAME TO goals;
CREATE INDEX goals_parent ON goals (parent_id);

CREATE TABLE steps_new (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	day        INTEGER NOT NULL,
	minute     INTEGER,
	amount     REAL    NOT NULL,
	effort     REAL,
	energy     INTEGER,
	note       TEXT    NOT NULL DEFAULT '',
	request_id TEXT,
	created_at DATETIME NOT NULL,
	learned    TEXT NOT NULL DEFAULT '',
	UNIQUE (user_id, request_id)
);
INSERT INTO steps_new SELECT * FROM steps;
DROP TABLE steps;
ALTER TABLE steps_new RENAME TO steps;
CREATE INDEX steps_goal_day ON steps (goal_id, day, amount, user_id);
CREATE INDEX steps_user_day ON steps (user_id, day);
CREATE INDEX steps_user_id ON steps (user_id, id);

CREATE TABLE tokens_new (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name         TEXT    NOT NULL,
	scope        TEXT    NOT NULL,
	secret_hash  BLOB    NOT NULL UNIQUE,
	last4        TEXT    NOT NULL,
	created_at   INTEGER NOT NULL,
	expires_at   INTEGER,
	last_used_at INTEGER
);
INSERT INTO tokens_new SELECT * FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE lessons_new (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id     INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	day         INTEGER NOT NULL,
	wanted      TEXT    NOT NULL DEFAULT '',
	happened    TEXT    NOT NULL DEFAULT '',
	options     TEXT    NOT NULL DEFAULT '',
	way_forward TEXT    NOT NULL DEFAULT '',
	created_at  DATETIME NOT NULL,
	updated_at  DATETIME NOT NULL
);
INSERT INTO lessons_new SELECT * FROM lessons;
DROP TABLE lessons;
ALTER TABLE lessons_new RENAME TO lessons;
CREATE INDEX lessons_user_day ON lessons (user_id, day);
CREATE INDEX lessons_goal ON lessons (goal_id);

CREATE TABLE doubts_new (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day        INTEGER NOT NULL,
	doubt      TEXT    NOT NULL,
	against    TEXT    NOT NULL DEFAULT '',
	reframe    TEXT    NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
INSERT INTO doubts_new SELECT * FROM doubts;
DROP TABLE doubts;
ALTER TABLE doubts_new RENAME TO doubts;
CREATE INDEX doubts_user_day ON doubts (user_id, day);

CREATE TABLE doubt_revisits_new (
	id       INTEGER PRIMARY KEY,
	doubt_id INTEGER NOT NULL REFERENCES doubts (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL,
	day      INTEGER NOT NULL,
	holds    INTEGER NOT NULL,
	note     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO doubt_revisits_new SELECT * FROM doubt_revisits;
DROP TABLE doubt_revisits;
ALTER TABLE doubt_revisits_new RENAME TO doubt_revisits;
CREATE INDEX doubt_revisits_doubt ON doubt_revisits (doubt_id, day);

CREATE TABLE focus_new (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day          INTEGER NOT NULL,
	task         TEXT    NOT NULL,
	done         INTEGER NOT NULL DEFAULT 0,
	done_at      DATETIME,
	carried_from INTEGER,
	created_at   DATETIME NOT NULL,
	updated_at   DATETIME NOT NULL,
	UNIQUE (user_id, day)
);
INSERT INTO focus_new SELECT * FROM focus;
DROP TABLE focus;
ALTER TABLE focus_new RENAME TO focus;

CREATE TABLE works_new (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	goal_id       INTEGER REFERENCES goals (id) ON DELETE SET NULL,
	name          TEXT    NOT NULL,
	name_key      TEXT    NOT NULL,
	done_when     TEXT    NOT NULL DEFAULT '',
	done_when_met INTEGER,
	nudge_after   INTEGER NOT NULL DEFAULT 0,
	version       INTEGER NOT NULL DEFAULT 1,
	shipped       INTEGER NOT NULL DEFAULT 0,
	unshipped     INTEGER NOT NULL DEFAULT 0,
	created_at    DATETIME NOT NULL,
	updated_at    DATETIME NOT NULL,
	UNIQUE (user_id, name_key)
);
INSERT INTO works_new SELECT * FROM works;
DROP TABLE works;
ALTER TABLE works_new RENAME TO works;
CREATE INDEX works_goal ON works (goal_id);

CREATE TABLE work_iterations_new (
	id         INTEGER PRIMARY KEY,
	work_id    INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL,
	version    INTEGER NOT NULL,
	day        INTEGER NOT NULL,
	kind       TEXT    NOT NULL,
	changed    TEXT    NOT NULL DEFAULT '',
	feedback   TEXT    NOT NULL DEFAULT '',
	effort     REAL,
	note       TEXT    NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL
);
INSERT INTO work_iterations_new SELECT * FROM work_iterations;
DROP TABLE work_iterations;
ALTER TABLE work_iterations_new RENAME TO work_iterations;
CREATE INDEX work_iterations_work ON work_iterations (work_id, id);
CREATE INDEX work_iterations_user_day ON work_iterations (user_id, day);

CREATE TABLE reviews_new (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	week       INTEGER NOT NULL,
	went_well  TEXT    NOT NULL DEFAULT '',
	learned    TEXT    NOT NULL DEFAULT '',
	obstacles  TEXT    NOT NULL DEFAULT '',
	next_focus TEXT    NOT NULL DEFAULT '',
	summary    TEXT,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	UNIQUE (user_id, week)
);
INSERT INTO reviews_new SELECT * FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_new RENAME TO reviews;

DELETE FROM sqlite_sequence WHERE name IN ('goals', 'steps', 'tokens', 'lessons', 'doubts', 'doubt_revisits', 'focus', 'works', 'work_iterations', 'reviews');
COMMIT;
PRAGMA foreign_keys = ON;
