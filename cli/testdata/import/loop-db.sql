-- A Loop Habit Tracker backup at database version 24 (Loop 2.x): questions,
-- uuids and notes on repetitions. Timestamps are milliseconds at 00:00 UTC.
PRAGMA user_version = 24;
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
    unit text not null default "",
    question text,
    uuid text
);
CREATE TABLE Repetitions (
    id integer primary key autoincrement,
    habit integer not null references habits(id),
    timestamp integer not null,
    value integer not null,
    notes text
);
CREATE UNIQUE INDEX idx_repetitions_habit_timestamp on Repetitions(habit, timestamp);
INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, name, position, reminder_days, type, target_type, target_value, unit, question, uuid) VALUES
 (1, 0, 5, 'Five minutes is enough', 1, 1, 0, 'Meditate', 0, 127, 0, 0, 0, '', 'Did you meditate?', '0c1d6f2a9b2e4d6b8a4f3e2d1c0b9a87'),
 (2, 0, 5, '', 7, 1, 0, 'Run', 1, 127, 1, 0, 15.0, 'km', 'How far did you run?', '7e6d5c4b3a29180706f5e4d3c2b1a098'),
 (3, 0, 5, '', 1, 1, 0, 'Sweets', 2, 127, 1, 1, 2.0, 'pieces', 'How many sweets?', '11112222333344445555666677778888');
INSERT INTO Repetitions (id, habit, timestamp, value, notes) VALUES
 (1, 1, 1794787200000, 2, ''),
 (2, 1, 1794873600000, 2, 'after lunch'),
 (3, 1, 1794960000000, 3, 'Travel'),
 (4, 1, 1795046400000, 2, ''),
 (5, 2, 1794787200000, 5200, 'Easy pace'),
 (6, 2, 1794960000000, 10500, 'Long run'),
 (7, 3, 1794873600000, 3000, ''),
 (8, 3, 1795046400000, 1000, 'one at the party');
