-- A Loop Habit Tracker backup at database version 15 (2016): no habit
-- types, and repetitions without a value (each one a check).
PRAGMA user_version = 15;
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
    reminder_days integer not null default 127
);
CREATE TABLE Repetitions (
    id integer primary key autoincrement,
    habit integer references habits(id),
    timestamp integer
);
INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, name, position) VALUES
 (1, 0, 3, 'Did you practise Spanish?', 7, 3, 0, 'Spanish', 0);
INSERT INTO Repetitions (id, habit, timestamp) VALUES
 (1, 1, 1462147200000),
 (2, 1, 1462320000000);
