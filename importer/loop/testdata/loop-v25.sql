-- A Loop Habit Tracker backup at database version 25 (Loop 2.x), the
-- schema as Loop's migrations 09-25 leave it, with sample data written by
-- hand. The tests build a .db from it with modernc.org/sqlite.
PRAGMA user_version = 25;
CREATE TABLE android_metadata (locale TEXT);
INSERT INTO android_metadata VALUES ('en_US');
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
CREATE TABLE Events (
    id integer primary key autoincrement,
    timestamp integer,
    message text,
    server_id integer
);
INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, name, position, reminder_hour, reminder_min, reminder_days, type, target_type, target_value, unit, question, uuid) VALUES
 (1, 0, 11, '', 1, 1, 0, 'Meditate', 0, 7, 30, 127, 0, 0, 0, '', 'Did you meditate this morning?', '5b1f0c2e9a8d4c7bb0e1f2a3b4c5d6e7'),
 (2, 0, 4, 'A chapter a night keeps the screen away', 7, 1, 0, 'Read', 1, NULL, NULL, 127, 1, 0, 100.0, 'pages', 'How many pages did you read?', '9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5'),
 (3, 1, 0, '', 1, 1, 0, 'Smoke', 2, NULL, NULL, 127, 1, 1, 5.0, '', 'How many cigarettes?', '0f1e2d3c4b5a69788796a5b4c3d2e1f0'),
 (4, 0, 8, '', 7, 2, 0, 'Yoga', 3, NULL, NULL, 127, 0, 0, 0, '', 'Did you do yoga?', 'e7d6c5b4a3f2e1b0c7d4a8e9c2f0b1a5');
INSERT INTO Repetitions (id, habit, timestamp, value, notes) VALUES
 (1, 1, 1740787200000, 2, ''),
 (2, 1, 1740873600000, 2, 'Ten minutes'),
 (3, 1, 1740960000000, 0, 'Tired'),
 (4, 1, 1741046400000, 3, NULL),
 (5, 1, 1741132800000, 2, NULL),
 (6, 1, 1741219200000, 1, ''),
 (7, 2, 1740873600000, 25000, 'Dune'),
 (8, 2, 1741046400000, 40500, NULL),
 (9, 2, 1741219200000, 3, 'Holiday'),
 (10, 2, 1741305600000, -1, 'Lost my book'),
 (11, 3, 1739145600000, 4000, ''),
 (12, 3, 1739232000000, 7000, 'Party'),
 (13, 99, 1739232000000, 2, '');
