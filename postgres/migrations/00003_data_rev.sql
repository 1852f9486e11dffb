-- users.data_rev counts the writes that can change what the user's board
-- shows (goals, targets, pauses, skips, steps, settings). sqlstore bumps it
-- in the same transaction as each such write, so a server instance can
-- tell with one indexed read whether a board it computed earlier is still
-- exact, even when another instance made the write. Column names match
-- sqlite/migrations.

-- +goose Up
ALTER TABLE users ADD COLUMN data_rev BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN data_rev;
