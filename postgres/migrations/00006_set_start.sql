-- goals.set_start_day is the start a goal was given, when it was added or
-- by an edit of its start; start_day stays the first day of its record:
-- set_start_day, or the day of its first step when that is earlier.
-- Days between the two without a step are untracked, held like rest days
-- (docs/momentum.md). Existing goals keep their start as the one given, so
-- no momentum already recorded changes. Column names match
-- sqlite/migrations.
--
-- A goal's first target is in effect from its start (a step logged before
-- the start moved the start but left the target's day, and "every N days"
-- periods are counted from it): targets wholly before the start give way to
-- the one in effect on it, and the first left begins on the start. Which
-- target each day has stays as it was, so the momentum checkpoints stay
-- exact; boards cached by a running server are dropped with data_rev.

-- +goose Up
ALTER TABLE goals ADD COLUMN set_start_day INTEGER NOT NULL DEFAULT 0;
UPDATE goals SET set_start_day = start_day;
DELETE FROM targets WHERE from_day < (
	SELECT MAX(t.from_day) FROM targets t JOIN goals g ON g.id = t.goal_id
	WHERE t.goal_id = targets.goal_id AND t.from_day <= g.start_day);
UPDATE targets SET from_day = (SELECT g.start_day FROM goals g WHERE g.id = targets.goal_id)
	WHERE from_day = (SELECT MIN(t.from_day) FROM targets t WHERE t.goal_id = targets.goal_id);
UPDATE users SET data_rev = data_rev + 1;

-- +goose Down
ALTER TABLE goals DROP COLUMN set_start_day;
