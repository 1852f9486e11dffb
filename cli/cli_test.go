package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// now is the fixed clock of every test: Saturday 21 November 2026, 18:00 UTC.
var now = time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)

// harness runs stride against one temporary SQLite database.
type harness struct {
	t    *testing.T
	db   string
	vars map[string]string
	tty  bool
	in   string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	dir := t.TempDir()
	return &harness{t: t, db: filepath.Join(dir, "stride.db"), vars: map[string]string{
		"STRIDE_USER":   "tester",
		"TZ":            "UTC",
		"XDG_DATA_HOME": filepath.Join(dir, "data"),
		"HOME":          dir,
	}}
}

// run runs stride with args and returns stdout, stderr and the exit status.
func (h *harness) run(args ...string) (string, string, int) {
	h.t.Helper()
	var out, errOut bytes.Buffer
	env := Env{
		Getenv: func(k string) string {
			if k == "STRIDE_DB" {
				return h.db
			}
			return h.vars[k]
		},
		Now:       func() time.Time { return now },
		Stdin:     strings.NewReader(h.in),
		Stdout:    &out,
		Stderr:    &errOut,
		StdinTTY:  h.tty,
		StdoutTTY: h.tty,
	}
	code := env.Run(context.Background(), args)
	return out.String(), errOut.String(), code
}

// ok runs stride and fails the test unless it exits 0.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	out, errOut, code := h.run(args...)
	if code != 0 {
		h.t.Fatalf("stride %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// seed adds four goals of different kinds and two weeks of steps.
func (h *harness) seed() {
	h.t.Helper()
	h.ok("goal", "add", "walk", "--target", "30 min/day", "--why", "to think clearly",
		"--smallest-step", "put on shoes and walk 5 minutes", "--start", "2026-10-01",
		"--milestone", "300", "--milestone", "10h")
	h.ok("goal", "add", "read", "--target", "60 pages/week", "--smallest-step", "read 2 pages",
		"--start", "2026-10-01", "--done-when-amount", "400")
	h.ok("goal", "add", "meditate", "--target", "daily", "--start", "2026-10-01")
	h.ok("goal", "add", "coffee", "--target", "at most 2 cups/day", "--start", "2026-11-01")
	for i, d := range []string{"2026-11-08", "2026-11-09", "2026-11-10", "2026-11-12", "2026-11-15",
		"2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20"} {
		h.ok("log", "walk", []string{"20", "35", "45", "30m", "1h", "15", "30", "40", "25"}[i], "--date", d)
		h.ok("log", "meditate", "--date", d)
	}
	h.ok("log", "read", "30", "pages", "--date", "2026-11-16")
	h.ok("log", "read", "12", "--date", "2026-11-19", "--time", "21:30", "a", "good", "chapter")
	h.ok("skip", "walk", "--date", "2026-11-14")
	h.ok("log", "coffee", "1", "--date", "2026-11-20")
	h.ok("log", "coffee", "3", "--date", "2026-11-19")
	h.ok("goal", "edit", "walk", "--target", "40 min/day", "--from", "2026-11-16")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cli -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cli -update rewrites it)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

var stampRE = regexp.MustCompile(`"(created_at|updated_at)": "[^"]*"`)

// unstamp blanks the store's own timestamps, which come from the real clock.
func unstamp(s string) string { return stampRE.ReplaceAllString(s, `"$1": "…"`) }

func checkWidth(t *testing.T, name, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if w := width(line); w > lineWidth {
			t.Errorf("%s: line of %d columns: %q", name, w, line)
		}
	}
}

func TestGoldenOutput(t *testing.T) {
	h := newHarness(t)
	h.seed()
	for _, c := range []struct {
		name string
		args []string
	}{
		{"status.txt", []string{}},
		{"status.json", []string{"status", "--json"}},
		{"log.txt", []string{"log", "walk", "10", "--date", "today", "--time", "08:15", "before", "breakfast"}},
		{"log-check.txt", []string{"log", "meditate", "calm", "morning"}},
		{"log-milestone.txt", []string{"log", "read", "400", "--date", "yesterday"}},
		{"log-held.txt", []string{"log", "walk", "5", "--date", "2026-11-14"}},
		{"show.txt", []string{"show", "walk"}},
		{"show-read.txt", []string{"show", "read"}},
		{"show-coffee.txt", []string{"show", "coffee"}},
		{"why.txt", []string{"why", "walk"}},
		{"why-read.txt", []string{"why", "read"}},
		{"why-coffee.txt", []string{"why", "coffee"}},
		{"steps.txt", []string{"steps"}},
		{"steps.json", []string{"steps", "walk", "--since", "2026-11-15", "--json"}},
		{"goal-list.txt", []string{"goal", "list"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := h.run(c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.Contains(out, "\x1b[") {
				t.Errorf("escape codes in output to a pipe:\n%q", out)
			}
			checkWidth(t, c.name, out)
			golden(t, c.name, unstamp(out))
		})
	}
}

func TestGoalAddOutput(t *testing.T) {
	h := newHarness(t)
	out := h.ok("goal", "add", "coffee", "--target", "at most 2 cups/day")
	want := "Added coffee: at most 2 cups/day, counted in cups, from Sat 2026-11-21.\n" +
		"A day with nothing logged counts as within the limit.\n" +
		"Record what you have when you have it: stride log coffee 1\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	out, errOut, code := h.run()
	if code != 0 || !strings.Contains(out, "coffee") {
		t.Errorf("board: exit %d\n%s%s", code, out, errOut)
	}
	// a first step is a small share of the day's target, never more
	for target, want := range map[string]string{"0.5 km/day": "stride log x 0.5", "20 km/week": "stride log x 1", "1h/day": "stride log x 6"} {
		out := h.ok("goal", "add", "x", "--target", target)
		h.ok("goal", "delete", "x", "--yes")
		if !strings.Contains(out, "Log a first step, however small: "+want+"\n") {
			t.Errorf("%s: %s", target, out)
		}
	}
}

func TestEmptyBoard(t *testing.T) {
	h := newHarness(t)
	out, errOut, code := h.run()
	if code != 0 || out != "" || !strings.Contains(errOut, "stride goal add") {
		t.Errorf("exit %d, stdout %q, stderr %q: want a hint on how to add a goal", code, out, errOut)
	}
	if out := h.ok("status", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("status --json on an empty board = %q, want []", out)
	}
}

// TestUsage checks argument and flag parsing: each bad command line exits
// 2, names what was wrong, and writes nothing.
func TestUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	before := h.ok("steps", "--json")
	goalsBefore := h.ok("goal", "list", "--all", "--json")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"wlak"}, `no command "wlak"`},
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"log"}, "none was given"},
		{[]string{"log", "wlak", "20"}, `no goal named "wlak": did you mean "walk"? To start a new one: stride goal add wlak --target "30 min/day"`},
		{[]string{"log", "jog", "20"}, `no goal named "jog". To start a new one: stride goal add jog`},
		{[]string{"log", "walk"}, "how much? walk counts min: for example stride log walk 5"}, // its smallest step
		{[]string{"log", "coffee"}, "how much? coffee counts cups: for example stride log coffee 1"},
		{[]string{"log", "walk", "abc"}, `amount "abc" is not a duration`},
		{[]string{"log", "read", "3", "km"}, `unit "km" does not match this goal's unit "pages"`},
		{[]string{"log", "meditate", "0"}, "meditate is a yes/no goal: a step is done or not, so log it with no amount: stride log meditate"},
		{[]string{"log", "walk", "20", "--date", "2026-13-01"}, `date "2026-13-01" is not understood`},
		{[]string{"log", "walk", "20", "--date", "tomorrow"}, "is in the future"},
		{[]string{"log", "walk", "20", "--time", "25:00"}, `time "25:00" is not understood`},
		{[]string{"log", "walk", "20", "--energy", "9"}, "energy 9 is out of range"},
		{[]string{"log", "walk", "20", "--energy", "x"}, "is not a whole number"},
		{[]string{"log", "walk", "20", "--effort", "lots"}, `effort "lots" is not a duration`},
		{[]string{"goal", "add", "run"}, `required flag(s) "target" not set`},
		{[]string{"goal", "add", "run", "--target", "30 min"}, `target "30 min" has no period`},
		{[]string{"goal", "add", "run", "--target", "5 km/week", "--milestone", "lots"}, "milestone: amount"},
		{[]string{"goal", "add", "42", "--target", "daily"}, "only digits"},
		{[]string{"goal", "edit", "walk"}, "nothing to change"},
		{[]string{"goal", "edit", "walk", "--target", "at most 3 min/day"}, "keep the direction"},
		{[]string{"goal", "edit", "walk", "--target", "5 km/week"}, `target "5 km/week" is in "km" but this goal counts min`},
		{[]string{"goal", "edit", "read", "--target", "30 min/day"}, `target "30 min/day" is in "min" but this goal counts pages`},
		{[]string{"goal", "delete", "walk"}, "add --yes to confirm"},
		{[]string{"goal", "pause", "walk", "--until", "yesterday"}, "is not after today"},
		{[]string{"steps", "--limit", "-1"}, "--limit -1 is negative"},
		{[]string{"steps", "--since", "someday"}, `date "someday" is not understood`},
		{[]string{"step", "edit", "x", "--amount", "3"}, `step id "x" is not a number`},
		{[]string{"step", "edit", "9999", "--amount", "3"}, "no step with id 9999"},
		{[]string{"step", "delete", "9999"}, "no step with id 9999"},
		{[]string{"unskip", "walk", "--date", "2026-11-13"}, "is not a rest day"},
		{[]string{"demo", "--goals", "0"}, "--goals 0 is out of range"},
		{[]string{"show"}, "none was given"},
		{[]string{"why", "wlak"}, `did you mean "walk"`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := h.run(c.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", code, ExitUsage, out, errOut)
			}
			if !strings.HasPrefix(errOut, "stride: ") || !strings.Contains(oneLine(errOut), c.want) {
				t.Errorf("stderr %q, want it to start with \"stride: \" and hold %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	if after := h.ok("steps", "--json"); after != before {
		t.Error("bad input changed the steps")
	}
	if after := h.ok("goal", "list", "--all", "--json"); unstamp(after) != unstamp(goalsBefore) {
		t.Error("bad input changed the goals")
	}
}

// TestFailures checks that failures which are not usage errors exit 1.
func TestFailures(t *testing.T) {
	h := newHarness(t)
	h.seed()
	_, errOut, code := h.run("goal", "add", "Walk", "--target", "20 min/day")
	if code != ExitError || !strings.Contains(oneLine(errOut), `a goal named "Walk" already exists: pick another name, or change it with: stride goal edit Walk --target RATE`) {
		t.Errorf("duplicate goal: exit %d, %q", code, errOut)
	}
	_, errOut, code = h.run("demo", "--goals", "2", "--years", "1")
	if code != ExitError || !strings.Contains(errOut, "--force") {
		t.Errorf("demo into a database with goals: exit %d, %q", code, errOut)
	}
	h2 := newHarness(t)
	h2.db = t.TempDir() // a directory, not a database
	_, errOut, code = h2.run("status")
	if code != ExitUsage || !strings.HasPrefix(errOut, "stride: cannot open the database") || !strings.Contains(errOut, "--db or STRIDE_DB") {
		t.Errorf("a directory as the database: exit %d, %q", code, errOut)
	}
	_, errOut, code = newHarness(t).run("undo")
	if code != ExitError || !strings.Contains(errOut, "nothing to undo") {
		t.Errorf("undo with no steps: exit %d, %q", code, errOut)
	}
}

func TestNoDatabaseForHelpVersionCompletion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"help"}, {"--help"}, {"log", "--help"},
		{"completion", "bash"}, {"completion", "zsh"}, {"completion", "fish"}, {"completion", "powershell"}} {
		var out, errOut bytes.Buffer
		env := Env{
			Getenv: func(string) string { return "" },
			Now:    func() time.Time { return now },
			Stdout: &out, Stderr: &errOut,
			Open: func(context.Context, string) (*stride.Services, error) {
				t.Errorf("%v opened a database", args)
				return nil, errors.New("no database in this test")
			},
		}
		if code := env.Run(context.Background(), args); code != 0 || out.Len() == 0 {
			t.Errorf("%v: exit %d, %d bytes out, stderr %q", args, code, out.Len(), errOut.String())
		}
	}
}

func TestColour(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.tty = true
	if out := h.ok(); !strings.Contains(out, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	h.vars["NO_COLOR"] = "1"
	for _, args := range [][]string{{}, {"show", "walk"}, {"why", "walk"}, {"steps"}, {"log", "walk", "5"}} {
		if out := h.ok(args...); strings.Contains(out, "\x1b[") {
			t.Errorf("%v: escape codes with NO_COLOR set:\n%q", args, out)
		}
	}
}

func TestStepsEditDeleteUndo(t *testing.T) {
	h := newHarness(t)
	h.seed()
	out := h.ok("log", "walk", "10", "oops")
	if !strings.Contains(out, "Logged 10 min of walk on Sat 2026-11-21") {
		t.Fatalf("log said %q", out)
	}
	out = h.ok("undo")
	if !strings.Contains(out, "Removed step") || !strings.Contains(out, `10 min of walk on Sat 2026-11-21 ("oops")`) {
		t.Errorf("undo said %q", out)
	}
	h.tty = true
	h.in = "n\n"
	if out, errOut, code := h.run("undo"); code != 0 || out != "" || !strings.Contains(errOut, "Nothing removed") {
		t.Errorf("undo answered no: exit %d, %q, %q", code, out, errOut)
	}
	h.tty, h.in = false, ""
	out = h.ok("step", "edit", "1", "--amount", "1h", "--note", "long one", "--time", "07:00")
	if out != "Updated step 1: 1h of walk on Sun 2026-11-08.\n" {
		t.Errorf("step edit said %q", out)
	}
	if out := h.ok("steps", "walk", "--limit", "1", "--since", "2026-11-08"); !strings.Contains(out, "07:00  1h") || !strings.Contains(out, "long one") {
		t.Errorf("the edit did not stick: %q", out)
	}
	if out := h.ok("step", "delete", "1"); !strings.Contains(out, "Removed step 1") {
		t.Errorf("step delete said %q", out)
	}
	if out := h.ok("goal", "delete", "coffee", "--yes"); !strings.Contains(out, "Deleted coffee and its 2 steps") {
		t.Errorf("goal delete said %q", out)
	}
}

func TestGoalLifecycle(t *testing.T) {
	h := newHarness(t)
	h.seed()
	if out := h.ok("goal", "pause", "read", "--until", "2026-12-01"); !strings.Contains(out, "starts again on Tue 2026-12-01") {
		t.Errorf("pause said %q", out)
	}
	if out := h.ok(); strings.Contains(out, "read") {
		t.Errorf("a paused goal is on the board:\n%s", out)
	}
	h.ok("goal", "resume", "read")
	out := h.ok("goal", "done", "meditate")
	if !strings.Contains(out, "meditate is done") || !strings.Contains(out, "9 steps on 9 days") {
		t.Errorf("done said %q", out)
	}
	h.ok("goal", "archive", "coffee")
	list := h.ok("goal", "list")
	if strings.Contains(list, "coffee") || strings.Contains(list, "meditate") || !strings.Contains(list, "read") {
		t.Errorf("goal list:\n%s", list)
	}
	if all := h.ok("goal", "list", "--all"); !strings.Contains(all, "archived") || !strings.Contains(all, "done") {
		t.Errorf("goal list --all:\n%s", all)
	}
	h.ok("goal", "edit", "read", "--name", "reading", "--why", "joy")
	if out := h.ok("show", "reading"); !strings.Contains(out, "why: joy") {
		t.Errorf("show after edit:\n%s", out)
	}
}

func TestLogAmountAndNote(t *testing.T) {
	walk := &stride.Goal{Name: "walk", Unit: "min"}
	check := &stride.Goal{Name: "meditate"}
	pages := &stride.Goal{Name: "read", Unit: "pages"}
	for _, c := range []struct {
		g      *stride.Goal
		words  []string
		amount float64
		note   string
	}{
		{walk, []string{"20"}, 20, ""},
		{walk, []string{"20", "min", "by", "the", "river"}, 20, "by the river"},
		{walk, []string{"1h30m", "long"}, 90, "long"},
		{walk, []string{"1.5h"}, 90, ""},
		{walk, []string{"20", "lovely"}, 20, "lovely"},
		{check, nil, 1, ""},
		{check, []string{"calm", "morning"}, 1, "calm morning"},
		{check, []string{"2", "times"}, 2, ""},
		{pages, []string{"12", "pages", "good"}, 12, "good"},
		{pages, []string{"12", "great"}, 12, "great"},
	} {
		amount, note, err := splitAmountNote(c.words, c.g)
		if err != nil || amount != c.amount || note != c.note {
			t.Errorf("%s %q: got %v %q %v, want %v %q", c.g.Name, c.words, amount, note, err, c.amount, c.note)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"walk", "read", "meditate", "water plants"}
	for in, want := range map[string]string{"wlak": "walk", "Walk ": "walk", "med": "meditate",
		"water": "water plants", "raed": "read", "swim": "", "x": ""} {
		if got := closest(strings.TrimSpace(in), names); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDemo(t *testing.T) {
	run := func() (string, string) {
		h := newHarness(t)
		out := h.ok("demo", "--goals", "2", "--years", "1", "--seed", "3")
		return out, unstamp(h.ok("steps", "--json"))
	}
	board1, steps1 := run()
	board2, steps2 := run()
	if board1 != board2 || steps1 != steps2 {
		t.Error("the same demo options gave different databases")
	}
	if strings.Count(board1, "\n") < 3 || strings.Count(steps1, `"id"`) < 300 {
		t.Errorf("demo looks thin:\n%s", board1)
	}
	checkWidth(t, "demo", board1)

	// without --db, demo keeps its own database and says how to look at it
	h := newHarness(t)
	var out, errOut bytes.Buffer
	env := Env{Getenv: func(k string) string { return h.vars[k] }, Now: func() time.Time { return now },
		Stdout: &out, Stderr: &errOut}
	if code := env.Run(context.Background(), []string{"demo", "--goals", "1", "--years", "1"}); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut.String())
	}
	demoDB := filepath.Join(h.vars["XDG_DATA_HOME"], "stride", "demo.db")
	if !strings.Contains(errOut.String(), "stride --db "+demoDB+" status") {
		t.Errorf("demo did not say how to look around: %q", errOut.String())
	}
	if _, err := os.Stat(filepath.Join(h.vars["XDG_DATA_HOME"], "stride", "stride.db")); err == nil {
		t.Error("demo wrote to the user's own database")
	}
	if code := env.Run(context.Background(), []string{"demo", "--goals", "1", "--years", "1"}); code != 0 {
		t.Errorf("a second demo run did not replace its database: %s", errOut.String())
	}
}

// TestHeatKey: the line under stride show's calendar names every cell it
// can draw, in 80 columns, for a target and for a limit.
func TestHeatKey(t *testing.T) {
	d := stride.NewDate(2026, 11, 2)
	for _, g := range []*stride.Goal{
		{Name: "walk", Unit: "min", Target: stride.Target{From: d, Amount: 30, Unit: "min", Per: stride.PerDay}},
		{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Target: stride.Target{From: d, Amount: 2, Unit: "cups", Per: stride.PerDay}},
	} {
		key := heatKey(g)
		if w := width(key); w > lineWidth {
			t.Errorf("%s: the key is %d columns: %q", g.Name, w, key)
		}
		for _, cell := range append(shades[:], "--") {
			if !strings.Contains(key, cell) {
				t.Errorf("%s: the key %q has no %s", g.Name, key, cell)
			}
		}
	}
}
