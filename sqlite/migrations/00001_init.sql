-- Days are INTEGER YYYYMMDD (stride.Date.YMD) so they sort like dates and
-- read well in a shell. Every table carries user_id because every query is
-- scoped by the signed-in user. Column names match postgres/migrations so
-- sqlstore's SQL serves both databases.

-- +goose Up
CREATE TABLE users (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL UNIQUE,
	time_zone  TEXT    NOT NULL DEFAULT '',
	week_start INTEGER NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL
);

CREATE TABLE goals (
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
	UNIQUE (user_id, name_key)
);
CREATE INDEX goals_parent ON goals (parent_id);

CREATE TABLE targets (
	goal_id  INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL,
	from_day INTEGER NOT NULL,
	amount   REAL    NOT NULL,
	is_count INTEGER NOT NULL,
	unit     TEXT    NOT NULL DEFAULT '',
	per      TEXT    NOT NULL,
	every    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (goal_id, from_day)
);
CREATE INDEX targets_user ON targets (user_id);

CREATE TABLE milestones (
	goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	user_id     INTEGER NOT NULL,
	amount      REAL    NOT NULL,
	reached_day INTEGER,
	step_id     INTEGER,
	PRIMARY KEY (goal_id, amount)
);
CREATE INDEX milestones_user ON milestones (user_id);

CREATE TABLE steps (
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
	UNIQUE (user_id, request_id)
);
-- Covering for the per-day sums momentum reads (user-scoped), so they
-- never touch the table; it also serves the cascade from goals.
CREATE INDEX steps_goal_day ON steps (goal_id, day, amount, user_id);
CREATE INDEX steps_user_day ON steps (user_id, day);
-- The newest steps first (stride undo, stride steps --limit N) without a sort.
CREATE INDEX steps_user_id ON steps (user_id, id);

CREATE TABLE skips (
	goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL,
	day     INTEGER NOT NULL,
	PRIMARY KEY (goal_id, day)
);

-- until_day is exclusive, the first active day again; NULL until resumed.
CREATE TABLE pauses (
	goal_id   INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	user_id   INTEGER NOT NULL,
	from_day  INTEGER NOT NULL,
	until_day INTEGER,
	PRIMARY KEY (goal_id, from_day)
);

-- A checkpoint is momentum at the end of day, with the first day the later
-- days still look back on; see sqlstore/status.go.
CREATE TABLE momentum_checkpoints (
	goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	user_id     INTEGER NOT NULL,
	day         INTEGER NOT NULL,
	value       REAL    NOT NULL,
	window_from INTEGER NOT NULL,
	PRIMARY KEY (goal_id, day)
);

-- +goose Down
DROP TABLE momentum_checkpoints;
DROP TABLE pauses;
DROP TABLE skips;
DROP TABLE steps;
DROP TABLE milestones;
DROP TABLE targets;
DROP TABLE goals;
DROP TABLE users;
