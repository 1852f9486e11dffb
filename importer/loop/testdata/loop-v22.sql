-- A Loop Habit Tracker backup at database version 22 (Loop 1.8, 2020):
-- no question (the description holds it), no uuid, no notes.
PRAGMA user_version = 22;
CREATE TABLE Habits (
    id integer primary key autoincrement,
    archived integer,
    color integer,
    description text,
    freq_den integer,
    freq_num integer,
    highlight integer,
    name text,
    position integer,
    reminder_hour integer,
    reminder_min integer,
    reminder_days integer not null default 127,
    type integer not null default 0,
    target_type integer not null default 0,
    target_value real not null default 0,
    unit text not null default ""
);
CREATE TABLE Repetitions (
    id integer primary key autoincrement,
    habit integer not null references habits(id),
    timestamp integer not null,
    value integer not null
);
CREATE UNIQUE INDEX idx_repetitions_habit_timestamp on Repetitions(habit, timestamp);
INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, name, position, reminder_days, type, target_type, target_value, unit) VALUES
 (1, 0, 5, 'Did you floss?', 1, 1, 0, 'Floss', 0, 127, 0, 0, 0, ''),
 (2, 0, 5, 'How long did you walk?', 1, 1, 0, 'Walk', 1, 127, 1, 0, 1.0, 'hours');
INSERT INTO Repetitions (id, habit, timestamp, value) VALUES
 (1, 1, 1577836800000, 2),
 (2, 1, 1578009600000, 2),
 (3, 2, 1577923200000, 1500);
