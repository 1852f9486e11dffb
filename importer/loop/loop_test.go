package loop

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

var today = stride.NewDate(2025, 6, 30)

func day(s string) stride.Date {
	d, err := importer.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// zipDir zips the files under dir the way Loop writes its export: every
// file at its path relative to dir, Habits.csv first.
func zipDir(t testing.TB, dir string) []byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return zipFiles(t, files)
}

// zipFiles builds an archive of name → content, Habits.csv first, then
// by name.
func zipFiles(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		hi, hj := strings.HasSuffix(names[i], "Habits.csv"), strings.HasSuffix(names[j], "Habits.csv")
		if hi != hj {
			return hi
		}
		return names[i] < names[j]
	})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// buildDB makes a SQLite database from a SQL script in testdata.
func buildDB(t testing.TB, script string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	return buildDBFrom(t, string(src))
}

func buildDBFrom(t testing.TB, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Loop Habits Backup 2025-06-30 101112.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(script); err != nil {
		t.Fatalf("build db: %v", err)
	}
	return path
}

func parseZip(t testing.TB, b []byte) (*importer.Batch, error) {
	t.Helper()
	return ParseCSVZip(bytes.NewReader(b), int64(len(b)), today)
}

func daily(from string) []stride.Target {
	return []stride.Target{{From: day(from), Amount: 1, Count: true, Per: stride.PerDay}}
}

func steps(goal string, amount float64, days ...string) []importer.Step {
	var s []importer.Step
	for _, d := range days {
		note := ""
		if i := strings.Index(d, " "); i > 0 {
			d, note = d[:i], d[i+1:]
		}
		s = append(s, importer.Step{SourceID: goal + "@" + d, Day: day(d), Amount: amount, Note: note})
	}
	return s
}

func dates(ds ...string) []stride.Date {
	var out []stride.Date
	for _, d := range ds {
		out = append(out, day(d))
	}
	return out
}

func notes(pairs ...string) []importer.DayNote {
	var out []importer.DayNote
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, importer.DayNote{Day: day(pairs[i]), Text: pairs[i+1]})
	}
	return out
}

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestParseCSVZipNew(t *testing.T) {
	b, err := parseZip(t, zipDir(t, "testdata/csv-new"))
	if err != nil {
		t.Fatal(err)
	}
	want := &importer.Batch{
		Source: "loop-csv",
		Goals: []importer.Goal{{
			SourceID: "loop-csv:Meditate", Name: "Meditate", Why: "Did you meditate this morning?",
			Direction: stride.AtLeast, Targets: daily("2025-06-03"), State: stride.GoalActive, Start: day("2025-06-03"),
			Steps: concat(steps("loop-csv:Meditate", 1, "2025-06-03", "2025-06-04", "2025-06-06", "2025-06-09 10 minutes, body scan", "2025-06-10")),
			Skips: dates("2025-06-08"),
			Notes: notes("2025-06-05", "forgot to log", "2025-06-07", "Sick", "2025-06-08", "Travel"),
		}, {
			SourceID: "loop-csv:Gym", Name: "Gym", Why: "Did you go to the gym?\n\nStrength, mostly; \"leg day\" counts",
			Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2025-06-03"),
			Targets: []stride.Target{{From: day("2025-06-03"), Amount: 3, Count: true, Per: stride.PerWeek}},
			Steps:   steps("loop-csv:Gym", 1, "2025-06-04 Legs", "2025-06-06 Pull", "2025-06-09 Push"),
			Notes:   notes("2025-06-05", "Rest day between sessions"),
		}, {
			SourceID: "loop-csv:Run", Name: "Run", Why: "How many km did you run?", Unit: "km",
			Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2025-06-01"),
			Targets: []stride.Target{{From: day("2025-06-01"), Amount: 15, Unit: "km", Per: stride.PerWeek}},
			Steps: concat(steps("loop-csv:Run", 3, "2025-06-01"), steps("loop-csv:Run", 10.5, "2025-06-04 Long run"),
				steps("loop-csv:Run", 5.2, "2025-06-09 Easy pace")),
			Skips: dates("2025-06-07"),
			Notes: notes("2025-06-07", "Knee"),
		}, {
			SourceID: "loop-csv:Coffee", Name: "Coffee", Why: "How many cups of coffee did you drink?", Unit: "cups",
			Direction: stride.AtMost, State: stride.GoalActive, Start: day("2025-06-07"),
			Targets: []stride.Target{{From: day("2025-06-07"), Amount: 2, Unit: "cups", Per: stride.PerDay}},
			Steps: concat(steps("loop-csv:Coffee", 2, "2025-06-07"), steps("loop-csv:Coffee", 3, "2025-06-09 Deadline"),
				steps("loop-csv:Coffee", 1, "2025-06-10")),
			Notes: notes("2025-06-08", "None at all"),
		}, {
			SourceID: "loop-csv:Piano", Name: "Piano", Why: "How long did you practise?", Unit: "min",
			Direction: stride.AtLeast, State: stride.GoalArchived, Start: day("2025-05-19"),
			Targets: []stride.Target{{From: day("2025-05-19"), Amount: 30, Unit: "min", Per: stride.PerDay}},
			Steps:   concat(steps("loop-csv:Piano", 60, "2025-05-19"), steps("loop-csv:Piano", 45, "2025-05-20 Scales")),
		}, {
			SourceID: "loop-csv:Call Mom", Name: "Call Mom", Why: "Did you call Mom?",
			Direction: stride.AtLeast, State: stride.GoalArchived, Start: day("2025-04-06"),
			Targets: []stride.Target{{From: day("2025-04-06"), Amount: 1, Count: true, Per: stride.PerDays, Every: 14}},
			Steps:   steps("loop-csv:Call Mom", 1, "2025-04-06", "2025-04-20 Easter"),
		}},
		Problems: []string{`habit "Piano": amounts in hours are imported in minutes`},
	}
	if d := cmp.Diff(want, b); d != "" {
		t.Errorf("batch (-want +got):\n%s", d)
	}
	if got, want := b.Summary().String(), "6 goals (2 archived), 18 steps, 2 skip days, 6 notes on days without a step, from 2025-04-06 to 2025-06-10"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestParseCSVZipOld(t *testing.T) {
	b, err := parseZip(t, zipDir(t, "testdata/csv-old"))
	if err != nil {
		t.Fatal(err)
	}
	want := &importer.Batch{
		Source: "loop-csv",
		Goals: []importer.Goal{{
			SourceID: "loop-csv:Wake up early", Name: "Wake up early", Why: "Did you wake up before 6am?",
			Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2015-01-19"),
			Targets: []stride.Target{{From: day("2015-01-19"), Amount: 2, Count: true, Per: stride.PerDays, Every: 3}},
			Steps:   steps("loop-csv:Wake up early", 1, "2015-01-21", "2015-01-22", "2015-01-25"),
			Skips:   dates("2015-01-20"),
		}, {
			SourceID: "loop-csv:Read", Name: "Read", Why: "How many pages did you read?\n\nFiction or not", Unit: "units",
			Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2015-01-22"),
			Targets: []stride.Target{{From: day("2015-01-22"), Amount: 1, Unit: "units", Per: stride.PerDay}},
			Steps:   concat(steps("loop-csv:Read", 30.5, "2015-01-23"), steps("loop-csv:Read", 12, "2015-01-25")),
		}, {
			SourceID: "loop-csv:Stretch", Name: "Stretch", Why: "Did you stretch?",
			Direction: stride.AtLeast, State: stride.GoalActive, Start: today,
			Targets: daily(today.String()),
		}},
		Problems: []string{
			"this is an older Loop export: Habits.csv has no archived flag, so every habit is imported active",
			`habit "Read": the older CSV export has no unit or target for numerical habits: imported counting "units" with a target of 1 unit per day; set the real ones in stride`,
		},
	}
	if d := cmp.Diff(want, b); d != "" {
		t.Errorf("batch (-want +got):\n%s", d)
	}
}

// TestParseCSVZipInFolder reads an export unpacked and zipped again, its
// files inside one folder.
func TestParseCSVZipInFolder(t *testing.T) {
	files := map[string][]byte{
		"Loop Habits CSV 2025-06-30/Habits.csv":                    []byte(HeaderNew + "\n001,Walk,YES_NO,,,1,1,#FF8F00,,,,false\n"),
		"Loop Habits CSV 2025-06-30/001 Walk/Checkmarks.csv":       []byte("Date,Value,Notes\n2025-06-01,YES_MANUAL,\n"),
		"Loop Habits CSV 2025-06-30/002 Orphan/Checkmarks.csv":     []byte("Date,Value,Notes\n"),
		"Loop Habits CSV 2025-06-30/notes/001 Walk/Checkmarks.csv": []byte("not read"),
	}
	b, err := parseZip(t, zipFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if s := b.Summary(); s.Goals != 1 || s.Steps != 1 {
		t.Errorf("summary %+v", s)
	}
	if want := "Loop Habits CSV 2025-06-30/002 Orphan/Checkmarks.csv: Habits.csv has no habit at position 2: not read"; len(b.Problems) != 1 || b.Problems[0] != want {
		t.Errorf("problems %q", b.Problems)
	}
}

func TestParseDB(t *testing.T) {
	ctx := context.Background()
	uuid := func(u string) string { return "loop:uuid:" + u }
	med, read, smoke, yoga := uuid("5b1f0c2e9a8d4c7bb0e1f2a3b4c5d6e7"), uuid("9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5"),
		uuid("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), uuid("e7d6c5b4a3f2e1b0c7d4a8e9c2f0b1a5")
	for _, tc := range []struct {
		script string
		want   *importer.Batch
	}{{
		script: "loop-v25.sql",
		want: &importer.Batch{
			Source: "loop-db",
			Goals: []importer.Goal{{
				SourceID: med, Name: "Meditate", Why: "Did you meditate this morning?",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2025-03-01"), Targets: daily("2025-03-01"),
				Steps: steps(med, 1, "2025-03-01", "2025-03-02 Ten minutes", "2025-03-05"),
				Skips: dates("2025-03-04"),
				Notes: notes("2025-03-03", "Tired"),
			}, {
				SourceID: read, Name: "Read", Why: "How many pages did you read?\n\nA chapter a night keeps the screen away", Unit: "pages",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2025-03-02"),
				Targets: []stride.Target{{From: day("2025-03-02"), Amount: 100, Unit: "pages", Per: stride.PerWeek}},
				Steps:   concat(steps(read, 25, "2025-03-02 Dune"), steps(read, 40.5, "2025-03-04")),
				Skips:   dates("2025-03-06"),
				Notes:   notes("2025-03-06", "Holiday", "2025-03-07", "Lost my book"),
			}, {
				SourceID: smoke, Name: "Smoke", Why: "How many cigarettes?", Unit: "units",
				Direction: stride.AtMost, State: stride.GoalArchived, Start: day("2025-02-10"),
				Targets: []stride.Target{{From: day("2025-02-10"), Amount: 5, Unit: "units", Per: stride.PerDay}},
				Steps:   concat(steps(smoke, 4, "2025-02-10"), steps(smoke, 7, "2025-02-11 Party")),
			}, {
				SourceID: yoga, Name: "Yoga", Why: "Did you do yoga?",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: today,
				Targets: []stride.Target{{From: today, Amount: 2, Count: true, Per: stride.PerWeek}},
			}},
			Problems: []string{
				"Repetitions: 1 repetitions belong to no habit: not imported",
				`habit "Smoke": it has no unit: imported counting "units"`,
			},
		},
	}, {
		script: "loop-v22.sql",
		want: &importer.Batch{
			Source: "loop-db",
			Goals: []importer.Goal{{
				SourceID: "loop-db:id:1", Name: "Floss", Why: "Did you floss?",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2020-01-01"), Targets: daily("2020-01-01"),
				Steps: steps("loop-db:id:1", 1, "2020-01-01", "2020-01-03"),
			}, {
				SourceID: "loop-db:id:2", Name: "Walk", Why: "How long did you walk?", Unit: "min",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2020-01-02"),
				Targets: []stride.Target{{From: day("2020-01-02"), Amount: 60, Unit: "min", Per: stride.PerDay}},
				Steps:   steps("loop-db:id:2", 90, "2020-01-02"),
			}},
			Problems: []string{`habit "Walk": amounts in hours are imported in minutes`},
		},
	}, {
		script: "loop-v15.sql",
		want: &importer.Batch{
			Source: "loop-db",
			Goals: []importer.Goal{{
				SourceID: "loop-db:id:1", Name: "Spanish", Why: "Did you practise Spanish?",
				Direction: stride.AtLeast, State: stride.GoalActive, Start: day("2016-05-02"),
				Targets: []stride.Target{{From: day("2016-05-02"), Amount: 3, Count: true, Per: stride.PerWeek}},
				Steps:   steps("loop-db:id:1", 1, "2016-05-02", "2016-05-04"),
			}},
		},
	}} {
		t.Run(tc.script, func(t *testing.T) {
			path := buildDB(t, tc.script)
			b, err := ParseDB(ctx, path, today)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, b); d != "" {
				t.Errorf("batch (-want +got):\n%s", d)
			}
			// The same through ParseFile, which tells the kinds apart; and
			// the file is left as it was.
			before, _ := os.ReadFile(path)
			b2, err := ParseFile(ctx, path, today)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(b, b2); d != "" {
				t.Errorf("ParseFile differs:\n%s", d)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("reading the backup changed it")
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("reading the backup left files beside it: %v", entries)
			}
		})
	}
}

// TestParseDBWAL reads a backup that was in WAL mode, at a path with
// characters a URI would mistake for its query or fragment.
func TestParseDBWAL(t *testing.T) {
	src, err := os.ReadFile("testdata/loop-v25.sql")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Loop Habits Backup #1 ?mode=rw 100%.db")
	db, err := sql.Open("sqlite", "file:"+strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(path)+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(src)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := ParseDB(context.Background(), path, today)
	if err != nil {
		t.Fatal(err)
	}
	if s := b.Summary(); s.Goals != 4 || s.Steps != 7 {
		t.Errorf("summary %+v", s)
	}
}

func TestParseFileZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Loop Habits CSV 2025-06-30.zip")
	if err := os.WriteFile(path, zipDir(t, "testdata/csv-new"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := ParseFile(context.Background(), path, today)
	if err != nil || b.Source != "loop-csv" || len(b.Goals) != 6 {
		t.Fatalf("ParseFile: %v, %v", b, err)
	}
	other := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(other, []byte("hello"), 0o600)
	_, err = ParseFile(context.Background(), other, today)
	if want := "notes.txt: this is neither a Loop CSV export (a zip) nor a Loop backup (a SQLite database)"; err == nil || err.Error() != want {
		t.Errorf("err %v, want %s", err, want)
	}
}

const habitsOne = HeaderNew + "\n001,Run,NUMERICAL,,,1,1,#FF8F00,km,AT_LEAST,5.0,false\n002,Walk,YES_NO,,,1,1,#FF8F00,,,,false\n"

// TestCSVZipErrors checks that each fault names the entry, line and field.
func TestCSVZipErrors(t *testing.T) {
	walk := func(body string) map[string][]byte {
		return map[string][]byte{"Habits.csv": []byte(habitsOne), "002 Walk/Checkmarks.csv": []byte(body)}
	}
	long := strings.Repeat("x", importer.MaxLineBytes+1)
	for _, tc := range []struct {
		name  string
		files map[string][]byte
		want  string
	}{
		{"bad value", walk("Date,Value,Notes\n2025-06-01,YES_MANUAL,\n2025-06-02,MAYBE,\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 3, field Value: "MAYBE" is not YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN`},
		{"number in a yes/no habit", walk("Date,Value,Notes\n2025-06-01,5000,\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 2, field Value: "5000" is not YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN`},
		{"bad amount", map[string][]byte{"Habits.csv": []byte(habitsOne), "001 Run/Checkmarks.csv": []byte("Date,Value,Notes\n2025-06-01,5.5,\n")},
			`001 Run/Checkmarks.csv (habit "Run") line 2, field Value: "5.5" is not a whole number (the amount × 1000) or YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN`},
		{"huge amount", map[string][]byte{"Habits.csv": []byte(habitsOne), "001 Run/Checkmarks.csv": []byte("Date,Value,Notes\n2025-06-01,9000000000000000,\n")},
			`001 Run/Checkmarks.csv (habit "Run") line 2, field Value: 9000000000000000 is an amount of 9000000000000 km, more than stride keeps (1e9)`},
		{"bad date", walk("Date,Value,Notes\n2025-06-01,YES_MANUAL,\n2025-02-30,NO,\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 3, field Date: "2025-02-30" is not a date: use YYYY-MM-DD`},
		{"date out of range", walk("Date,Value,Notes\n0025-06-01,YES_MANUAL,\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 2, field Date: "0025-06-01" is outside 1900-01-01 to 2999-12-31`},
		{"day twice", walk("Date,Value,Notes\n2025-06-01,YES_MANUAL,\n2025-06-01,NO,\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 3, field Date: 2025-06-01 is also on line 2: Loop keeps one value a day`},
		{"old value", map[string][]byte{"Habits.csv": []byte(HeaderOld + "\n001,Walk,,,1,1,#FF8F00\n"), "001 Walk/Checkmarks.csv": []byte("2025-06-01,2\n2025-06-02,YES\n")},
			`001 Walk/Checkmarks.csv (habit "Walk") line 2, field Value: "YES" is not a whole number: -1 unknown, 0 no, 1 auto, 2 yes, 3 skip, or the amount × 1000`},
		{"unknown header", map[string][]byte{"Habits.csv": []byte("Name,Frequency\nWalk,1\n")},
			`Habits.csv line 1, field header: "Name,Frequency" is not a Loop Habit Tracker header: expected "` + HeaderNew + `", or "` + HeaderOld + `" of older exports`},
		{"missing column", map[string][]byte{"Habits.csv": []byte("Position,Name,Type,FrequencyNumerator\n")},
			`Habits.csv line 1, field header: column "Question" is missing: expected "` + HeaderNew + `"`},
		{"bad checkmarks header", walk("Date,Value,Note\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 1, field header: "Date,Value,Note" is not the header "Date,Value,Notes"`},
		{"bad type", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Walk,BOOLEAN,,,1,1,#FF8F00,,,,false\n")},
			`Habits.csv (habit "Walk") line 2, field Type: "BOOLEAN" is not YES_NO or NUMERICAL`},
		{"bad frequency", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Walk,YES_NO,,,1,0,#FF8F00,,,,false\n")},
			`Habits.csv (habit "Walk") line 2, field FrequencyDenominator: "0" is not a whole number from 1 to 1000000`},
		{"bad archived", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Walk,YES_NO,,,1,1,#FF8F00,,,,maybe\n")},
			`Habits.csv (habit "Walk") line 2, field Archived?: "maybe" is not true or false`},
		{"bad target", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Run,NUMERICAL,,,1,1,#FF8F00,km,AT_LEAST,NaN,false\n")},
			`Habits.csv (habit "Run") line 2, field Target Value: "NaN" is not a number from 0 to 1e9`},
		{"fields", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Walk,YES_NO\n")},
			`Habits.csv line 2: the line has 3 fields, the header 12`},
		{"position twice", map[string][]byte{"Habits.csv": []byte(HeaderNew + "\n001,Walk,YES_NO,,,1,1,#FF8F00,,,,false\n001,Run,YES_NO,,,1,1,#FF8F00,,,,false\n")},
			`Habits.csv (habit "Run") line 3, field Position: position 1 is also on line 2`},
		{"csv quote", walk("Date,Value,Notes\n2025-06-01,YES_MANUAL,\"open\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 2: not valid CSV: extraneous or missing " in quoted-field`},
		{"long line", walk("Date,Value,Notes\n2025-06-01,YES_MANUAL,\n2025-06-02,YES_MANUAL," + long + "\n"),
			`002 Walk/Checkmarks.csv (habit "Walk") line 3: the line is longer than 65536 bytes`},
		{"no Habits.csv", map[string][]byte{"001 Walk/Checkmarks.csv": []byte("")},
			`Habits.csv: the archive has no Habits.csv: is it a Loop Habit Tracker CSV export?`},
		{"two exports", map[string][]byte{"a/Habits.csv": []byte(habitsOne), "b/Habits.csv": []byte(habitsOne)},
			`b/Habits.csv: the archive holds two exports (a/Habits.csv and b/Habits.csv): import one at a time`},
		{"path traversal", map[string][]byte{"Habits.csv": []byte(habitsOne), "../../etc/cron.d/x": []byte("")},
			`../../etc/cron.d/x: entry "../../etc/cron.d/x" climbs out of the archive with ".."`},
		{"traversal inside", map[string][]byte{"Habits.csv": []byte(habitsOne), "002 Walk/../../x/Checkmarks.csv": []byte("")},
			`002 Walk/../../x/Checkmarks.csv: entry "002 Walk/../../x/Checkmarks.csv" climbs out of the archive with ".."`},
		{"absolute path", map[string][]byte{"Habits.csv": []byte(habitsOne), "/etc/passwd": []byte("")},
			`/etc/passwd: entry "/etc/passwd" has an absolute path`},
		{"backslash", map[string][]byte{"Habits.csv": []byte(habitsOne), `..\x`: []byte("")},
			`..\x: entry "..\\x" has a backslash in its path`},
		{"drive letter", map[string][]byte{"Habits.csv": []byte(habitsOne), `C:/x`: []byte("")},
			`C:/x: entry "C:/x" starts with a drive letter`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseZip(t, zipFiles(t, tc.files))
			var pe *importer.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err %v (%T), want a *importer.ParseError", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("err\n %s\nwant\n %s", err, tc.want)
			}
			if stride.ErrorCode(err) != stride.EINVALID || stride.ErrorMessage(err) != tc.want {
				t.Errorf("code %s, message %q", stride.ErrorCode(err), stride.ErrorMessage(err))
			}
		})
	}
}

func TestCSVZipLimits(t *testing.T) {
	_, err := ParseCSVZip(bytes.NewReader(nil), importer.MaxFileBytes+1, today)
	if want := "the archive: it is 128 MiB: stride imports archives up to 128 MiB"; err == nil || err.Error() != want {
		t.Errorf("oversize: %v", err)
	}
	_, err = parseZip(t, []byte("PK\x03\x04 not really"))
	if err == nil || !strings.HasPrefix(err.Error(), "the archive: it is not a zip archive Loop wrote") {
		t.Errorf("not a zip: %v", err)
	}
	many := map[string][]byte{"Habits.csv": []byte(habitsOne)}
	for i := range importer.MaxEntries {
		many[filepath.ToSlash(filepath.Join("x", string(rune('a'+i%26)), strings.Repeat("y", i/26+1)))] = nil
	}
	_, err = parseZip(t, zipFiles(t, many))
	if want := "the archive: it has 10001 entries: stride reads archives of up to 10000"; err == nil || err.Error() != want {
		t.Errorf("entries: %v", err)
	}
	// An entry whose header claims more than the budget is refused before
	// it is read; one that unpacks to more than its header says is cut off
	// as it is read.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "Habits.csv", Method: zip.Deflate})
	w.Write([]byte(habitsOne))
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "002 Walk/Checkmarks.csv", Method: zip.Deflate})
	zeros := make([]byte, 1<<20)
	for range importer.MaxUncompressedBytes>>20 + 1 {
		w.Write(zeros)
	}
	zw.Close()
	_, err = parseZip(t, buf.Bytes())
	if want := "002 Walk/Checkmarks.csv: the archive unpacks to more than 256 MiB, the most stride reads"; err == nil || err.Error() != want {
		t.Errorf("bomb: %v", err)
	}
	r := &entryReader{r: strings.NewReader(strings.Repeat("a", 100)), b: &budget{left: 10}, name: "x.csv"}
	if _, err := r.Read(make([]byte, 100)); err == nil || err.Error() != "x.csv: the archive unpacks to more than 256 MiB, the most stride reads" {
		t.Errorf("streaming budget: %v", err)
	}
}

func TestDBErrors(t *testing.T) {
	ctx := context.Background()
	base, err := os.ReadFile("testdata/loop-v25.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, extra, want string
	}{
		{"bad timestamp", "UPDATE Repetitions SET timestamp = -5 WHERE id = 5;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Meditate") table Repetitions row 5, field timestamp: -5 is not a time in milliseconds since 1970`},
		{"far timestamp", "UPDATE Repetitions SET timestamp = 9000000000000000 WHERE id = 5;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Meditate") table Repetitions row 5, field timestamp: 9000000000000000 is a day outside 1900-01-01 to 2999-12-31`},
		{"text value", "UPDATE Repetitions SET value = 'yes' WHERE id = 2;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Meditate") table Repetitions row 2, field value: yes is not a whole number`},
		{"value of a yes/no habit", "UPDATE Repetitions SET value = 5000 WHERE id = 2;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Meditate") table Repetitions row 2, field value: 5000 is not a value of a yes/no habit: use 2 (YES_MANUAL), 1 (YES_AUTO), 0 (NO), 3 (SKIP) or -1 (UNKNOWN)`},
		{"bad type", "UPDATE Habits SET type = 7 WHERE id = 2;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Read") table Habits row 2, field type: 7 is not 0 (yes/no) or 1 (numerical)`},
		{"bad frequency", "UPDATE Habits SET freq_den = 0 WHERE id = 1;",
			`Loop Habits Backup 2025-06-30 101112.db (habit "Meditate") table Habits row 1, field freq_den: 0 is not a whole number from 1 to 1000000`},
		{"no table", "DROP TABLE Repetitions;",
			`Loop Habits Backup 2025-06-30 101112.db: there is no table Repetitions: is this a Loop Habit Tracker backup?`},
		{"a view", "DROP TABLE Repetitions; CREATE VIEW Repetitions AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x AS habit, x AS timestamp FROM c;",
			`Loop Habits Backup 2025-06-30 101112.db table Repetitions: Repetitions is a view, not a table`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := buildDBFrom(t, string(base)+tc.extra)
			_, err := ParseDB(ctx, path, today)
			var pe *importer.ParseError
			if !errors.As(err, &pe) || err.Error() != tc.want {
				t.Errorf("err\n %v\nwant\n %s", err, tc.want)
			}
		})
	}
	notDB := filepath.Join(t.TempDir(), "x.db")
	os.WriteFile(notDB, []byte("SQLite format 2\x00...."), 0o600)
	if _, err := ParseDB(ctx, notDB, today); err == nil || err.Error() != "x.db: this is not a SQLite database, as Loop's backups are" {
		t.Errorf("not a db: %v", err)
	}
}

func TestMapUnit(t *testing.T) {
	for _, tc := range []struct {
		in, unit string
		factor   float64
	}{
		{"km", "km", 1}, {"Pages", "pages", 1}, {"minutes", "min", 1}, {"hours", "min", 60}, {"h", "min", 60},
		{"", "units", 1}, {"times", "units", 1}, {" cups\n", "cups", 1},
	} {
		u, f, _ := mapUnit(tc.in)
		if u != tc.unit || f != tc.factor {
			t.Errorf("mapUnit(%q) = %q, %g; want %q, %g", tc.in, u, f, tc.unit, tc.factor)
		}
	}
}
