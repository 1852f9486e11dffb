package export

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./export -update rewrites it)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func ptr[T any](v T) *T { return &v }

var d0 = stride.NewDate(2026, 3, 2) // a Monday

// sample is a small document with every kind of record and text that
// needs quoting in CSV and escaping in markdown.
func sample() *stride.Backup {
	walk := &stride.BackupGoal{Goal: stride.Goal{ID: 1, Name: "walk", Unit: "min", Start: d0,
		Targets: []stride.Target{{From: d0, Amount: 30, Unit: "min", Per: stride.PerDay}}}}
	walk.Steps = []*stride.Step{
		{ID: 10, GoalID: 1, Day: d0, Amount: 25, Time: ptr(7*60 + 5), Effort: ptr(30.0), Energy: ptr(4),
			Note: "by the river, \"slow\"", Learned: "an easy pace\nlasts longer\n- really"},
		{ID: 11, GoalID: 1, Day: d0 + 1, Amount: 12.345},
		{ID: 12, GoalID: 1, Day: d0 + 3, Amount: 40, Note: "<b>hills</b> & wind"},
	}
	read := &stride.BackupGoal{Goal: stride.Goal{ID: 2, Name: "read books", Unit: "pages", Start: d0,
		Targets: []stride.Target{{From: d0, Amount: 20, Unit: "pages", Per: stride.PerWeek}}}}
	read.Steps = []*stride.Step{{ID: 13, GoalID: 2, Day: d0, Amount: 1, Note: "1. chapter one"}}
	med := &stride.BackupGoal{Goal: stride.Goal{ID: 3, Name: "meditate", Start: d0,
		Targets: []stride.Target{{From: d0, Amount: 1, Count: true, Per: stride.PerDay}}}}
	med.Steps = []*stride.Step{{ID: 14, GoalID: 3, Day: d0 + 1, Amount: 1, Note: "calm, Ünïcode ✓"}}
	return &stride.Backup{
		Format: stride.BackupFormat, Version: stride.BackupVersion,
		ExportedAt: time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC),
		User:       stride.BackupUser{Name: "ada", WeekStart: time.Monday},
		Goals:      []*stride.BackupGoal{walk, read, med},
		Lessons: []*stride.Lesson{{ID: 1, GoalID: ptr(int64(1)), Goal: "walk", Day: d0 + 2, Wanted: "walk daily",
			Happened: "rain all day", Next: "walk at lunch", Themes: []string{"weather", "time"}}},
		Doubts: []*stride.Doubt{{ID: 1, Day: d0 + 1, Text: "I am not a walker", Against: "three walks this week",
			Reframe: "I walk", Revisits: []stride.Revisit{{Day: d0 + 5, Holds: false, Note: "it does not"}}}},
		Focus: []*stride.Focus{{ID: 1, Day: d0, Text: "plan the route", Done: true},
			{ID: 2, Day: d0 + 1, Text: "buy shoes", CarriedFrom: ptr(d0)}},
		Works: []*stride.Work{{ID: 1, Name: "Essay", Version: 2, Iterations: []*stride.Iteration{
			{ID: 1, WorkID: 1, Version: 1, Day: d0, Kind: stride.IterationChange, Changed: "outline", Feedback: "too long"},
			{ID: 2, WorkID: 1, Version: 1, Day: d0 + 2, Kind: stride.IterationShip, Note: "sent to Ann"}}}},
		Reviews: []*stride.Review{{ID: 1, Week: d0, WentWell: "three walks", Learned: "mornings work", NextFocus: "book the race"}},
	}
}

func TestCSVRoundTrip(t *testing.T) {
	doc := sample()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, doc); err != nil {
		t.Fatal(err)
	}
	golden(t, "steps.csv", buf.String())
	rows, err := ReadCSV(&buf, "steps.csv")
	if err != nil {
		t.Fatal(err)
	}
	var have []*stride.Goal
	for _, g := range doc.Goals {
		have = append(have, &g.Goal)
	}
	back, err := CSVBackup("steps.csv", rows, have, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		Goal    string
		Day     stride.Date
		Amount  float64
		Effort  *float64
		Energy  *int
		Note    string
		Learned string
	}
	flat := func(doc *stride.Backup) map[string][]step {
		out := map[string][]step{}
		for _, g := range doc.Goals {
			for _, s := range g.Steps {
				out[g.Name] = append(out[g.Name], step{g.Name, s.Day, s.Amount, s.Effort, s.Energy, s.Note, s.Learned})
			}
		}
		return out
	}
	if diff := cmp.Diff(flat(doc), flat(back)); diff != "" {
		t.Errorf("steps written and read back (-written +read):\n%s", diff)
	}
	for _, g := range back.Goals {
		if g.ID != 0 || g.SourceID != "" {
			t.Errorf("goal %q goes to the import with id %d, source id %q: a CSV has no ids, it is matched by name", g.Name, g.ID, g.SourceID)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	const head = "goal,date,amount,unit,effort_minutes,energy,note,learned\n"
	for _, c := range []struct {
		name, in, says string
	}{
		{"empty", "", "steps.csv line 1: the file is empty"},
		{"no amount column", "goal,date\nwalk,2026-03-02\n", "steps.csv line 1, field amount: the header has no amount column"},
		{"twice", "goal,date,amount,goal\n", "steps.csv line 1, field goal: the column is there twice"},
		{"bad date", head + "walk,2026-03-02,5\nwalk,2026-13-01,5\n", `steps.csv line 3, field date: "2026-13-01" is not a date`},
		{"old date", head + "walk,0025-03-02,5\n", `steps.csv line 2, field date: "0025-03-02" is outside`},
		{"no goal", head + ",2026-03-02,5\n", "steps.csv line 2, field goal: the goal is empty"},
		{"digits", head + "123,2026-03-02,5\n", "steps.csv line 2, field goal: goal name \"123\" is only digits"},
		{"effort", head + "walk,2026-03-02,5,min,lots\n", `steps.csv line 2, field effort_minutes: "lots" is not minutes`},
		{"energy", head + "walk,2026-03-02,5,min,,9\n", `steps.csv line 2, field energy: "9" is not an energy from 1`},
		{"quote", head + "walk,2026-03-02,5,min,,,\"open\n", "steps.csv line 2"},
		{"long line", head + "walk,2026-03-02,5,min,,,\"" + strings.Repeat("x", importer.MaxLineBytes+10) + "\"\n", "steps.csv line 2: the line is longer than 65536 bytes"},
		{"long note", head + "walk,2026-03-02,5,min,,," + strings.Repeat("x", stride.MaxNoteLen+1) + "\n", "steps.csv line 2, field note: the text is 2001 characters"},
		{"long in characters", head + "walk,2026-03-02,5,min,,," + strings.Repeat("語", stride.MaxNoteLen+1) + "\n", "field note: the text is 2001 characters"},
		{"not utf-8", head + "walk,2026-03-02,5,min,,,\xff\n", "steps.csv line 2, field note: the text is not UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.in), "steps.csv")
			var pe *importer.ParseError
			if !errors.As(err, &pe) || stride.ErrorCode(err) != stride.EINVALID {
				t.Fatalf("error %v (%T), want a ParseError of code invalid", err, err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q, want it to say %q", err, c.says)
			}
		})
	}
	if rows, err := ReadCSV(strings.NewReader(head+"walk,2026-03-02,5,min,,,"+strings.Repeat("語", 1500)+"\n"), "s.csv"); err != nil || len(rows) != 1 {
		t.Errorf("a note of 1,500 characters (4,500 bytes): %v, want it read", err)
	}
	rows, err := ReadCSV(strings.NewReader("\uFEFFDate,Goal,Amount,Comment\n2026-03-02,walk,1h30m,x\n,,,\n"), "s.csv")
	if err != nil || len(rows) != 1 || rows[0].Amount != "1h30m" || rows[0].Line != 2 {
		t.Errorf("header in another order with a BOM, a column unknown and a blank row: %+v %v", rows, err)
	}
}

func TestCSVBackup(t *testing.T) {
	walk := &stride.Goal{ID: 5, Name: "Walk", Unit: "min", Start: d0, Targets: []stride.Target{{From: d0, Amount: 30, Unit: "min", Per: stride.PerDay}}}
	read := func(in string) []CSVStep {
		t.Helper()
		rows, err := ReadCSV(strings.NewReader("goal,date,amount,unit\n"+in), "s.csv")
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	fails := func(in string, opts CSVOptions, says ...string) {
		t.Helper()
		_, err := CSVBackup("s.csv", read(in), []*stride.Goal{walk}, opts)
		if err == nil || stride.ErrorCode(err) != stride.EINVALID {
			t.Fatalf("%q: error %v, want invalid", in, err)
		}
		for _, s := range says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%q: error %q, want it to say %q", in, err, s)
			}
		}
	}
	fails("walk,2026-03-02,20\nswim,2026-03-02,1,km\n", CSVOptions{}, `s.csv line 3, field goal: you have no goal named "swim"`,
		`stride goal add swim --target "1 km/day"`, "--create-goals")
	fails("walk,2026-03-02,2,km\n", CSVOptions{}, `s.csv line 2, field unit: "km" is not the unit of goal "Walk", which counts min`)
	fails("walk,2026-03-02,fast\n", CSVOptions{}, `s.csv line 2, field amount: amount "fast" is not a duration`)
	fails("walk,2026-03-02,\n", CSVOptions{}, "s.csv line 2, field amount")

	doc, err := CSVBackup("s.csv", read("WALK,2026-03-02,1h30m,\nswim,2026-03-04,1.5,KM\nswim,2026-03-05,0.5,km\nswim,2026-03-05,0.5,km\n"+
		"swim,2026-03-03,3,km\nyoga,2026-03-06,,\n"), []*stride.Goal{walk}, CSVOptions{CreateGoals: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range doc.Goals {
		names = append(names, g.Name)
	}
	if !cmp.Equal(names, []string{"swim", "Walk", "yoga"}) {
		t.Errorf("goals %q, want swim, Walk (the user's, as named) and yoga, by name", names)
	}
	if s := doc.Goals[0]; s.Unit != "km" || s.Start != d0+1 || s.Targets[0].String() != "1.5 km/day" || len(s.Steps) != 4 {
		t.Errorf("swim made from the file: unit %q start %s target %s, %d steps; want km from 2026-03-03, the median day 1.5 km/day, 4 steps",
			s.Unit, s.Start, s.Targets[0], len(s.Steps))
	}
	if w := doc.Goals[1]; w.Name != "Walk" || w.ID != 0 || w.Steps[0].Amount != 90 {
		t.Errorf("the user's walk: %q id %d amount %v, want Walk, no id (matched by name), 90 minutes", w.Name, w.ID, w.Steps[0].Amount)
	}
	if y := doc.Goals[2]; y.Unit != "" || y.Targets[0].String() != "1 time/day" || y.Steps[0].Amount != 1 {
		t.Errorf("yoga: unit %q target %s amount %v, want a check goal, 1 time/day, 1", y.Unit, y.Targets[0], y.Steps[0].Amount)
	}
}

func TestMarkdown(t *testing.T) {
	doc := sample()
	wins := []*stride.Win{{Kind: stride.WinFirstStep, Day: d0, Goal: "walk", Text: "First step for walk: every step counts."}}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, doc, wins); err != nil {
		t.Fatal(err)
	}
	golden(t, "journal.md", buf.String())
	if strings.Contains(buf.String(), "<b>") {
		t.Errorf("raw HTML from a note reached the journal")
	}
	buf.Reset()
	if err := WriteMarkdown(&buf, &stride.Backup{}, nil); err != nil || !strings.Contains(buf.String(), "Nothing written yet") {
		t.Errorf("an empty journal: %q %v", buf.String(), err)
	}
}

func TestReadJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	doc, err := ReadJSON(bytes.NewReader(buf.Bytes()), "b.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sample(), doc); diff != "" {
		t.Errorf("JSON written and read back (-written +read):\n%s", diff)
	}
	for _, c := range []struct{ name, in, says string }{
		{"syntax", "{\n\"format\": \"stride-backup\",\n\"goals\": [}\n", "b.json line 3: the JSON is not valid"},
		{"type", "{\"format\": \"stride-backup\",\n\"version\": \"one\"}", "b.json line 2, field version: string is not what the field holds"},
		{"date", "{\"format\": \"stride-backup\", \"goals\": [\n{\"name\": \"x\",\n\"start\": \"2026-02-30\"}]}", `b.json line 3: date "2026-02-30" is not a date`},
		{"not a backup", "{\"habits\": []}", "b.json: this is not a stride backup"},
		{"empty", "", "b.json line 1: the JSON is not valid"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(c.in), "b.json")
			if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %v, want invalid saying %q", err, c.says)
			}
		})
	}
}
