-- import_keys remembers what each import created, so that importing the
-- same document again creates nothing (stride.BackupService). source is
-- where the document came from ("stride", "loop-csv", "loop-db", "harsh",
-- "csv"); kind is the record ("goal", "step", "lesson", "doubt", "work");
-- source_id is the record's id in that document (docs/formats.md says how
-- each source's ids are made); target_id is the row the import made or
-- matched. A key whose row was deleted since is ignored and replaced when
-- that record is imported again. Column names match sqlite/migrations.

-- +goose Up
CREATE TABLE import_keys (
	user_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	source    TEXT    NOT NULL,
	kind      TEXT    NOT NULL,
	source_id TEXT    NOT NULL,
	target_id BIGINT  NOT NULL,
	UNIQUE (user_id, source, kind, source_id)
);

-- +goose Down
DROP TABLE import_keys;
