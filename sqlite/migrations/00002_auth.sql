-- Accounts for the server: only hashes of secrets are stored (an argon2id
-- hash of each password, SHA-256 of session and token secrets), so a copy
-- of the database signs nobody in. Times in these tables are Unix seconds
-- (INTEGER): sqlstore compares them in SQL (expiry, throttling windows),
-- and integers compare alike on both databases, where SQLite's DATETIME is
-- text whose order depends on how the driver formats it. Column names
-- match postgres/migrations.

-- +goose Up
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE sessions (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	secret_hash  BLOB    NOT NULL UNIQUE,
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	user_agent   TEXT    NOT NULL DEFAULT '',
	ip           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- expires_at NULL: the token never expires.
CREATE TABLE tokens (
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
CREATE INDEX tokens_user ON tokens (user_id);

-- One row per failed sign-in; key is what is throttled (a name, an
-- address). Rows older than a day are pruned.
CREATE TABLE login_failures (
	key TEXT    NOT NULL,
	at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE login_failures;
DROP TABLE tokens;
DROP TABLE sessions;
ALTER TABLE users DROP COLUMN password_hash;
