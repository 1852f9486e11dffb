package harsh

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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

func step(goal, d string, amount float64, note string) importer.Step {
	return importer.Step{SourceID: goal + "@" + d, Day: day(d), Amount: amount, Note: note}
}

func target(from stride.Date, amount float64, per stride.Period, every int) []stride.Target {
	return []stride.Target{{From: from, Amount: amount, Count: true, Per: per, Every: every}}
}

func group(name string) importer.Goal {
	return importer.Goal{
		SourceID: "harsh-heading:" + name, Name: name, Group: true,
		Why:       "The habits under the heading \"" + name + "\" in harsh.",
		Direction: stride.AtLeast, State: stride.GoalActive, Start: today,
		Targets: target(today, 1, stride.PerWeek, 0),
	}
}

func TestParseDir(t *testing.T) {
	b, err := ParseDir("testdata/basic", today)
	if err != nil {
		t.Fatal(err)
	}
	active, archived := stride.GoalActive, stride.GoalArchived
	habit := func(name, parent string, state stride.GoalState, start stride.Date, per stride.Period, amount float64, every int) importer.Goal {
		g := importer.Goal{SourceID: "harsh:" + name, Name: name, Parent: parent, Direction: stride.AtLeast, State: state, Start: start,
			Targets: target(start, amount, per, every)}
		return g
	}
	morning, fitness, tracking, retired := "harsh-heading:Morning", "harsh-heading:Fitness", "harsh-heading:Tracking only", "harsh-heading:Retired"
	med := habit("Meditated", morning, active, day("2025-01-01"), stride.PerDay, 1, 0)
	med.Steps = []importer.Step{step("harsh:Meditated", "2025-01-01", 1, "")}
	med.Skips = []stride.Date{day("2025-01-03")}
	med.Notes = []importer.DayNote{{Day: day("2025-01-02"), Text: "Overslept"}, {Day: day("2025-01-03"), Text: "changed my mind"}}
	jour := habit("Journaled", morning, active, day("2025-01-04"), stride.PerDay, 1, 0)
	jour.Steps = []importer.Step{step("harsh:Journaled", "2025-01-04", 1, "Wrote about the trip"), step("harsh:Journaled", "2025-01-07", 3, "Dinner: pasta : with friends")}
	gym := habit("Gym", fitness, active, day("2025-01-01"), stride.PerWeek, 3, 0)
	gym.Steps = []importer.Step{step("harsh:Gym", "2025-01-01", 1.5, "Leg day"), step("harsh:Gym", "2025-01-05", 45, "Push")}
	gym.Skips = []stride.Date{day("2025-01-02")}
	gym.Notes = []importer.DayNote{{Day: day("2025-01-02"), Text: "Sick"}}
	mom := habit("Called Mom", fitness, active, day("2025-01-05"), stride.PerWeek, 1, 0)
	mom.Steps = []importer.Step{step("harsh:Called Mom", "2025-01-05", 1, "")}
	walk := habit("Long walk", fitness, active, day("2025-01-06"), stride.PerWeek, 2, 0)
	walk.Steps = []importer.Step{step("harsh:Long walk", "2025-01-06", 1, "Ridge trail (amount: 12.5km)")}
	clean := habit("Cleaned house", fitness, active, today, stride.PerDays, 1, 14)
	coffee := habit("Coffee", tracking, active, day("2025-01-01"), stride.PerWeek, 1, 0)
	coffee.Steps = []importer.Step{step("harsh:Coffee", "2025-01-01", 2, "")}
	head := habit("Had a headache", tracking, active, day("2025-01-08"), stride.PerWeek, 1, 0)
	head.Steps = []importer.Step{step("harsh:Had a headache", "2025-01-08", 1, "")}
	duo := habit("Duolingo", retired, archived, day("2025-01-02"), stride.PerDay, 1, 0)
	duo.Steps = []importer.Step{step("harsh:Duolingo", "2025-01-02", 1, "Lesson 12")}
	owl := habit("Night owl", retired, active, today, stride.PerDay, 1, 0)
	old := habit("Old habit", "", archived, day("2025-01-06"), stride.PerWeek, 1, 0)
	old.Steps = []importer.Step{step("harsh:Old habit", "2025-01-06", 1, "from before")}
	jour.Unit, gym.Unit, coffee.Unit = "units", "units", "units" // they log amounts
	want := &importer.Batch{
		Source: "harsh",
		Goals: []importer.Goal{
			group("Morning"), med, jour,
			group("Fitness"), gym, mom, walk, clean,
			group("Tracking only"), coffee, head,
			group("Retired"), duo, owl,
			old,
		},
		Problems: []string{
			`log line 12, field amount: "12.5km" is not an amount from 0 to 1e9: kept in the note`,
			`habit "Journaled" logs amounts, which harsh keeps without a unit: they count in "units"`,
			`habit "Gym" logs amounts, which harsh keeps without a unit: they count in "units"`,
			`habit "Coffee" is track-only in harsh (frequency 0): stride needs a target, so it gets "1 time/week"; set another with stride goal edit`,
			`habit "Coffee" logs amounts, which harsh keeps without a unit: they count in "units"`,
			`habit "Had a headache" is track-only in harsh (frequency 0): stride needs a target, so it gets "1 time/week"; set another with stride goal edit`,
			`habit "Night owl" ends on 2025-12-31: stride has no end dates, so it is imported active; archive it then`,
			`the log names 1 habit the habits file no longer lists ("Old habit"): imported archived, with the target 1 time/week`,
		},
	}
	if d := cmp.Diff(want, b); d != "" {
		t.Errorf("batch (-want +got):\n%s", d)
	}
	if got, want := b.Summary().String(), "15 goals (2 archived, 4 groups), 11 steps, 2 skip days, 3 notes on days without a step, from 2025-01-01 to 2025-01-08"; got != want {
		t.Errorf("summary\n %s\nwant\n %s", got, want)
	}
}

func TestParseFreq(t *testing.T) {
	for _, tc := range []struct {
		in               string
		target, interval int
		target2          string // the stride target
	}{
		{"1", 1, 1, "1 time/day"}, {"7", 1, 7, "1 time/week"}, {"1w", 1, 7, "1 time/week"}, {"2w", 1, 14, "1 time/14 days"},
		{"14", 1, 14, "1 time/14 days"}, {"3/7", 3, 7, "3 times/week"}, {"2/1w", 2, 7, "2 times/week"}, {"2/30", 2, 30, "2 times/month"},
		{"5/2w", 5, 14, "5 times/14 days"}, {"90", 1, 90, "1 time/90 days"}, {"0", 0, 1, ""}, {"0/7", 0, 7, ""}, {" 3 / 7 ", 3, 7, "3 times/week"},
		{"1/400", 1, 400, "1 time/366 days"},
	} {
		tg, iv, err := parseFreq(tc.in)
		if err != nil || tg != tc.target || iv != tc.interval {
			t.Errorf("parseFreq(%q) = %d, %d, %v; want %d, %d", tc.in, tg, iv, err, tc.target, tc.interval)
			continue
		}
		if tg > 0 {
			if got := importer.CountTarget(tg, iv, func(string) {}).String(); got != tc.target2 {
				t.Errorf("%q maps to %s, want %s", tc.in, got, tc.target2)
			}
		}
	}
	for _, bad := range []string{"", "x", "3x", "1d", "3/0", "8/7", "1/2/3", "-1", "1.5", "9999999", "w", "/7"} {
		if _, _, err := parseFreq(bad); err == nil {
			t.Errorf("parseFreq(%q) accepted", bad)
		}
	}
}

// TestErrors checks that each fault names the file, line and field.
func TestErrors(t *testing.T) {
	const habits = "! Health\nGym: 3/7\n"
	for _, tc := range []struct {
		name, habits, log, want string
	}{
		{"bad date", habits, "2025-01-01 : Gym : y\n2025-13-01 : Gym : y\n",
			`log line 2, field date: "2025-13-01" is not a date: use YYYY-MM-DD`},
		{"old date", habits, "1025-01-01 : Gym : y\n",
			`log line 1, field date: "1025-01-01" is outside 1900-01-01 to 2999-12-31`},
		{"bad result", habits, "2025-01-01 : Gym : yes : great\n",
			`log (habit "Gym") line 1, field result: "yes" is not y, n or s`},
		{"too few fields", habits, "\n2025-01-01 : Gym\n",
			`log line 2: "2025-01-01 : Gym" is not "YYYY-MM-DD : habit : y|n|s : comment : amount"`},
		{"no habit", habits, "2025-01-01 :  : y\n",
			`log line 1, field habit: the habit's name is empty`},
		{"bad frequency", "# mine\nGym: 3x\n", "",
			`habits (habit "Gym") line 2, field frequency: "3x" is not a frequency: use N (every N days), Nw (every N weeks), T/I (T times in I days, such as 3/7 or 2/1w) or 0 (track only)`},
		{"target over interval", "Gym: 8/7\n", "",
			`habits (habit "Gym") line 1, field frequency: "8/7" asks for more times (8) than the interval has days (7)`},
		{"bad end date", "Gym: 1: 2025-06-31\n", "",
			`habits (habit "Gym") line 1, field end date: "2025-06-31" is not a date: use YYYY-MM-DD`},
		{"long line", habits, "2025-01-01 : Gym : y : " + strings.Repeat("x", importer.MaxLineBytes) + "\n",
			`log line 1: the line is longer than 65536 bytes`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.habits), strings.NewReader(tc.log), today)
			var pe *importer.ParseError
			if !errors.As(err, &pe) || err.Error() != tc.want {
				t.Errorf("err\n %v\nwant\n %s", err, tc.want)
			}
			if stride.ErrorCode(err) != stride.EINVALID {
				t.Errorf("code %s", stride.ErrorCode(err))
			}
		})
	}
}

// comments is an endless run of long comment lines.
type comments struct{ off int }

var commentLine = "#" + strings.Repeat("x", 59998) + "\n"

func (c *comments) Read(p []byte) (int, error) {
	n := copy(p, commentLine[c.off:])
	c.off = (c.off + n) % len(commentLine)
	return n, nil
}

func TestLimits(t *testing.T) {
	_, err := Parse(strings.NewReader("Gym: 1\n"), io.LimitReader(&comments{}, importer.MaxFileBytes+1), today)
	if want := "log: the file is larger than 128 MiB, the most stride imports"; err == nil || err.Error() != want {
		t.Errorf("oversize: %v", err)
	}
	// exactly the limit reads
	if _, err := Parse(strings.NewReader("Gym: 1\n"), io.LimitReader(&comments{}, importer.MaxFileBytes), today); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestLenientLines(t *testing.T) {
	habits := "Gym 3/7\n: 1\n!Health\nGym: 1: : extra\nGym: 2\n  # indented comment: 1\n"
	log := "2025-01-01 : Gym : y : nice : \n2025-01-01 : Gym : n : changed : \n2025-01-02 : Gym : y :  : -3\n"
	b, err := Parse(strings.NewReader(habits), strings.NewReader(log), today)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`habits line 1: "Gym 3/7" is not "Name: frequency": skipped, as harsh skips it`,
		`habits line 2: a habit without a name or frequency: skipped, as harsh skips it`,
		`habits line 4: the fields after the end date are ignored`,
		`habits line 5: habit "Gym" is also on line 4: the first is imported`,
		`log line 3, field amount: "-3" is not an amount from 0 to 1e9: kept in the note`,
	}
	if d := cmp.Diff(want, b.Problems); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
	g := b.Goals[1]
	if b.Goals[0].Name != "Health" || g.Name != "Gym" || g.Parent != "harsh-heading:Health" || g.Targets[0].String() != "1 time/day" {
		t.Errorf("goals %+v", b.Goals)
	}
	wantSteps := []importer.Step{step("harsh:Gym", "2025-01-02", 1, "(amount: -3)")}
	if d := cmp.Diff(wantSteps, g.Steps); d != "" {
		t.Errorf("steps: the later line wins (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]importer.DayNote{{Day: day("2025-01-01"), Text: "changed"}}, g.Notes); d != "" {
		t.Errorf("notes:\n%s", d)
	}
}

func TestParseDirMissing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "habits"), []byte("Gym: 1\n"), 0o600)
	_, err := ParseDir(dir, today)
	if want := "log: " + dir + " has no log file: is it harsh's directory (~/.config/harsh)?"; err == nil || err.Error() != want {
		t.Errorf("err %v", err)
	}
}
