-- The reflection records of METHOD.md principles 5-7 and 10-15: lessons
-- (GROW, with themes), doubts and their revisits, the daily focus, works
-- and their iterations, weekly reviews; the done-when and finish marks of
-- goals and what a step taught. Days are INTEGER YYYYMMDD as elsewhere;
-- every row carries user_id, since every query is scoped by it. Deleting
-- a goal detaches its lessons and works (goal_id set null) rather than
-- deleting what the user wrote. Column names match postgres/migrations.

-- +goose Up
-- done_when_met: the day the done-when was met (the amount crossed, or the
-- user said so); edits_after_met counts edits after it; finished_on is the
-- day the goal was marked done.
ALTER TABLE goals ADD COLUMN done_when_met INTEGER;
ALTER TABLE goals ADD COLUMN edits_after_met INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goals ADD COLUMN finished_on INTEGER;
ALTER TABLE steps ADD COLUMN learned TEXT NOT NULL DEFAULT '';

-- Goals whose total already passed their done-when amount: met on the day
-- of the step whose running sum, in day order, crossed it.
UPDATE goals SET done_when_met = (
	SELECT MIN(r.day) FROM (
		SELECT s.day, SUM(s.amount) OVER (ORDER BY s.day, s.minute NULLS FIRST, s.id) AS run
		FROM steps s WHERE s.goal_id = goals.id
	) r WHERE r.run >= goals.done_when_amount)
WHERE done_when_amount IS NOT NULL AND total >= done_when_amount;

CREATE TABLE lessons (
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
CREATE INDEX lessons_user_day ON lessons (user_id, day);
CREATE INDEX lessons_goal ON lessons (goal_id);

-- Themes are lower-case; position keeps the order the user gave them.
CREATE TABLE lesson_themes (
	lesson_id INTEGER NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
	user_id   INTEGER NOT NULL,
	theme     TEXT    NOT NULL,
	position  INTEGER NOT NULL,
	PRIMARY KEY (lesson_id, theme)
);
CREATE INDEX lesson_themes_user ON lesson_themes (user_id, theme);

CREATE TABLE doubts (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day        INTEGER NOT NULL,
	doubt      TEXT    NOT NULL,
	against    TEXT    NOT NULL DEFAULT '',
	reframe    TEXT    NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
CREATE INDEX doubts_user_day ON doubts (user_id, day);

CREATE TABLE doubt_revisits (
	id       INTEGER PRIMARY KEY,
	doubt_id INTEGER NOT NULL REFERENCES doubts (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL,
	day      INTEGER NOT NULL,
	holds    INTEGER NOT NULL,
	note     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX doubt_revisits_doubt ON doubt_revisits (doubt_id, day);

-- One focus per user and day; carried_from is the day an unfinished focus
-- was first set, when it was carried over.
CREATE TABLE focus (
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

-- version, shipped and unshipped are kept by each iteration and ship (see
-- sqlstore/work.go), so a list of works reads no iterations.
CREATE TABLE works (
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
CREATE INDEX works_goal ON works (goal_id);

-- kind is 'iteration' or 'ship'.
CREATE TABLE work_iterations (
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
CREATE INDEX work_iterations_work ON work_iterations (work_id, id);
CREATE INDEX work_iterations_user_day ON work_iterations (user_id, day);

-- week is the first day of the user's week; summary is the week's
-- stride.WeekSummary as JSON, as it stood when the review was saved.
CREATE TABLE reviews (
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

-- +goose Down
DROP TABLE reviews;
DROP TABLE work_iterations;
DROP TABLE works;
DROP TABLE focus;
DROP TABLE doubt_revisits;
DROP TABLE doubts;
DROP TABLE lesson_themes;
DROP TABLE lessons;
ALTER TABLE steps DROP COLUMN learned;
ALTER TABLE goals DROP COLUMN finished_on;
ALTER TABLE goals DROP COLUMN edits_after_met;
ALTER TABLE goals DROP COLUMN done_when_met;
