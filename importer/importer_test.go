package importer

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/strideapp/stride"
)

var d0 = stride.NewDate(2025, 1, 1)

func checkGoal(id, name string) Goal {
	return Goal{
		SourceID: id, Name: name, Direction: stride.AtLeast, State: stride.GoalActive, Start: d0,
		Targets: []stride.Target{{From: d0, Amount: 1, Count: true, Per: stride.PerDay}},
	}
}

func TestNormalizeNames(t *testing.T) {
	long := strings.Repeat("é", 70)
	b := &Batch{Source: "test", Goals: []Goal{
		checkGoal("a", "Run"),
		checkGoal("b", " run "),
		checkGoal("c", "2024"),
		checkGoal("d", "Read\tbooks\n"),
		checkGoal("e", long),
		checkGoal("f", ""),
		{SourceID: "g", Name: "Run", Group: true, Direction: stride.AtLeast, State: stride.GoalActive, Start: d0,
			Targets: []stride.Target{{From: d0, Amount: 1, Count: true, Per: stride.PerWeek}}},
		checkGoal("h", "Run (2)"),
	}}
	b.Goals[7].Parent = "g"
	if _, err := b.Finish(); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range b.Goals {
		names = append(names, g.Name)
	}
	want := []string{"Run", "run (2)", "Habit 2024", "Read books", strings.Repeat("é", 59) + "…", "Untitled", "Run (3)", "Run (2) (2)"}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
	wantProblems := []string{
		`habit "2024" is imported as "Habit 2024": it was only digits`,
		`habit "Read\tbooks\n" is imported as "Read books": it had control characters or runs of space`,
		`habit "` + long + `" is imported as "` + strings.Repeat("é", 59) + `…": it was longer than 60 characters`,
		`habit "" is imported as "Untitled": it was empty`,
		`habit "run" is imported as "run (2)": another goal of this import has that name`,
		`habit "Run (2)" is imported as "Run (2) (2)": another goal of this import has that name`,
		`group "Run" is imported as "Run (3)": another goal of this import has that name`,
	}
	if d := cmp.Diff(wantProblems, b.Problems); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}

func TestUniqueNameKeepsLength(t *testing.T) {
	name := strings.Repeat("a", stride.MaxNameLen)
	taken := map[string]bool{NameKey(name): true}
	for i := 0; i < 12; i++ {
		n := UniqueName(name, func(s string) bool { return taken[NameKey(s)] })
		if utf8.RuneCountInString(n) > stride.MaxNameLen || stride.ValidateGoalName(n) != nil || taken[NameKey(n)] {
			t.Fatalf("UniqueName gave %q", n)
		}
		taken[NameKey(n)] = true
	}
}

func TestNormalizeDaysAndNotes(t *testing.T) {
	g := checkGoal("a", "Walk")
	g.Steps = []Step{{SourceID: "a@2", Day: d0 + 2, Amount: 1, Note: "  two  "}, {SourceID: "a@1", Day: d0 + 1, Amount: 1, Note: strings.Repeat("ü", 2500)}}
	g.Skips = []stride.Date{d0 + 3, d0 + 2, d0 + 3}
	g.Notes = []DayNote{{Day: d0 + 5, Text: "later"}, {Day: d0 + 4, Text: "  "}, {Day: d0 + 3, Text: "rest"}}
	b := &Batch{Source: "test", Goals: []Goal{g}}
	if _, err := b.Finish(); err != nil {
		t.Fatal(err)
	}
	got := b.Goals[0]
	if got.Steps[0].Day != d0+1 || got.Steps[1].Note != "two" {
		t.Errorf("steps %+v", got.Steps)
	}
	// Cut by characters, as the stores count them: 2,500 ü are 5,000 bytes.
	if n := got.Steps[0].Note; stride.TextLen(n) != stride.MaxNoteLen || !strings.HasSuffix(n, "…") || !utf8.ValidString(n) {
		t.Errorf("long note: %d characters", stride.TextLen(n))
	}
	if d := cmp.Diff([]stride.Date{d0 + 3}, got.Skips); d != "" {
		t.Errorf("skips: the one on a step's day goes, repeats go:\n%s", d)
	}
	if d := cmp.Diff([]DayNote{{Day: d0 + 3, Text: "rest"}, {Day: d0 + 5, Text: "later"}}, got.Notes); d != "" {
		t.Errorf("notes:\n%s", d)
	}
	if want := []string{`goal "Walk": 1 note was cut to 2000 characters`}; !cmp.Equal(want, b.Problems) {
		t.Errorf("problems %q", b.Problems)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(b *Batch)
		error string
	}{
		{"bad name", func(b *Batch) { b.Goals[0].Name = "123" }, `goal name "123" is only digits`},
		{"same name", func(b *Batch) { b.Goals[1].Name = "WALK" }, `two goals are named "WALK" (and "Walk"): names must differ in more than case`},
		{"no id", func(b *Batch) { b.Goals[0].SourceID = "" }, `goal "Walk" has no source id`},
		{"same id", func(b *Batch) { b.Goals[1].SourceID = "a" }, `two goals have the source id "a"`},
		{"no target", func(b *Batch) { b.Goals[0].Targets = nil }, `goal "Walk" needs a target`},
		{"count over period", func(b *Batch) { b.Goals[0].Targets[0].Amount = 2 }, `goal "Walk": target 2 times/day counts more days than its period has`},
		{"paused", func(b *Batch) { b.Goals[0].State = stride.GoalPaused }, `goal "Walk" is paused: an import makes active or archived goals`},
		{"amount", func(b *Batch) { b.Goals[0].Steps[0].Amount = 0 }, `goal "Walk", step on 2025-01-02: amount must be more than 0`},
		{"order", func(b *Batch) { b.Goals[0].Steps = append(b.Goals[0].Steps, b.Goals[0].Steps[0]) }, `goal "Walk" has steps out of order or two on 2025-01-02`},
		{"old day", func(b *Batch) { b.Goals[0].Start = stride.NewDate(1800, 1, 1) }, `goal "Walk" starts on 1800-01-01: the date is outside 1900-01-01 to 2999-12-31`},
		{"parent", func(b *Batch) { b.Goals[1].Parent = "a" }, `goal "Read" names "a" as its group, which is not a group of this import`},
		{"group with steps", func(b *Batch) { b.Goals[0].Group = true }, `group "Walk" has steps, skips or a group of its own`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &Batch{Source: "test", Goals: []Goal{checkGoal("a", "Walk"), checkGoal("b", "Read")}}
			b.Goals[0].Steps = []Step{{SourceID: "a@1", Day: d0 + 1, Amount: 1}}
			if err := b.Validate(); err != nil {
				t.Fatalf("valid batch: %v", err)
			}
			tc.edit(b)
			err := b.Validate()
			if stride.ErrorCode(err) != stride.EINVALID || !strings.HasPrefix(stride.ErrorMessage(err), tc.error) {
				t.Errorf("err %v, want %s", err, tc.error)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	b := &Batch{Source: "test", Goals: []Goal{checkGoal("a", "Walk"), checkGoal("b", "Read")}}
	if got := b.Summary().String(); got != "2 goals, 0 steps, 0 skip days" {
		t.Errorf("empty: %q", got)
	}
	b.Goals[0].Steps = []Step{{Day: d0 + 3}, {Day: d0 + 400}}
	b.Goals[1].Skips = []stride.Date{d0 - 2}
	b.Goals[1].State = stride.GoalArchived
	b.Goals[1].Notes = []DayNote{{Day: d0 + 500, Text: "x"}}
	for i := 0; i < 1234; i++ {
		b.Goals[0].Steps = append(b.Goals[0].Steps, Step{Day: d0 + 10})
	}
	s := b.Summary()
	if s.First == nil || *s.First != d0-2 || *s.Last != d0+500 {
		t.Errorf("range %v %v", s.First, s.Last)
	}
	if got, want := s.String(), "2 goals (1 archived), 1,236 steps, 1 skip day, 1 note on days without a step, from 2024-12-30 to 2026-05-16"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestParseError(t *testing.T) {
	for _, tc := range []struct {
		e    ParseError
		want string
	}{
		{ParseError{File: "Checkmarks.csv", Habit: "Run", Line: 12, Field: "Value", Msg: `"MAYBE" is not YES_MANUAL`},
			`Checkmarks.csv (habit "Run") line 12, field Value: "MAYBE" is not YES_MANUAL`},
		{ParseError{File: "b.db", Habit: "Run", Table: "Repetitions", Line: 17, Field: "value", Msg: "x"},
			`b.db (habit "Run") table Repetitions row 17, field value: x`},
		{ParseError{File: "b.db", Table: "Habits", Msg: "x"}, `b.db table Habits: x`},
		{ParseError{File: "habits", Field: "frequency", Msg: "x"}, `habits field frequency: x`},
		{ParseError{File: "log", Msg: "x"}, `log: x`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	var err error = &ParseError{File: "f", Line: 1, Msg: "m"}
	var se *stride.Error
	if !errors.As(err, &se) || se.Code != stride.EINVALID || se.Message != "f line 1: m" {
		t.Errorf("as stride.Error: %v", se)
	}
}

func TestCheckZipName(t *testing.T) {
	for _, ok := range []string{"Habits.csv", "001 Run/Checkmarks.csv", "a/b/c", "..x/y", "x../y", "dir/"} {
		if err := CheckZipName(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "../x", "a/../../x", "a/..", "/x", `a\b`, "C:/x", "c:x", "a\x00b", "a\nb", "\xff", "..", "./.."} {
		if err := CheckZipName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLineReader(t *testing.T) {
	lr := NewLineReader(strings.NewReader("ab\ncdef\ng\n"), 3)
	_, err := io.ReadAll(lr)
	if !errors.Is(err, ErrLineTooLong) || lr.Line != 2 {
		t.Errorf("err %v at line %d", err, lr.Line)
	}
	lr = NewLineReader(strings.NewReader("abc\ndef\nghi"), 3)
	if b, err := io.ReadAll(lr); err != nil || string(b) != "abc\ndef\nghi" {
		t.Errorf("%q %v", b, err)
	}
	// byte by byte, so a line spans reads
	lr = NewLineReader(io.MultiReader(strings.NewReader("ab"), strings.NewReader("cd\n")), 3)
	if _, err := io.ReadAll(lr); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("split line: %v", err)
	}
}

func TestLines(t *testing.T) {
	var got []string
	err := Lines(strings.NewReader("\uFEFFa\r\nb\n\nc"), "f", func(n int, l string) error {
		got = append(got, l)
		return nil
	})
	if err != nil || !cmp.Equal(got, []string{"a", "b", "", "c"}) {
		t.Errorf("%q %v", got, err)
	}
	err = Lines(strings.NewReader("a\n"+strings.Repeat("x", MaxLineBytes+5)+"\nb"), "log", func(int, string) error { return nil })
	if err == nil || err.Error() != "log line 2: the line is longer than 65536 bytes" {
		t.Errorf("long: %v", err)
	}
	r := LimitFile(strings.NewReader(strings.Repeat("x", 10)), "log")
	if b, err := io.ReadAll(r); err != nil || len(b) != 10 {
		t.Errorf("limit: %d %v", len(b), err)
	}
}

func TestParseDay(t *testing.T) {
	if FirstDay != stride.NewDate(1900, 1, 1) || LastDay != stride.NewDate(2999, 12, 31) {
		t.Fatalf("FirstDay %s, LastDay %s", FirstDay, LastDay)
	}
	if d, err := ParseDay("2025-01-01"); err != nil || d != d0 {
		t.Errorf("%v %v", d, err)
	}
	for _, bad := range []string{"2025-1-1", "2025-02-30", "1899-12-31", "3000-01-01", " 2025-01-01"} {
		if _, err := ParseDay(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
