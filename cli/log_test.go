package cli

import (
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

func TestLogLearned(t *testing.T) {
	h := newHarness(t)
	h.seed()
	out := h.ok("log", "walk", "25", "--learned", "slower at the start, stronger at the end", "by", "the", "river")
	if !strings.HasPrefix(out, "Logged 25 min of walk on Sat 2026-11-21 (step 23)\n") {
		t.Errorf("log said\n%s", out)
	}
	steps := h.ok("steps", "walk", "--since", "today")
	if !strings.Contains(steps, "by the river\n    learned: slower at the start, stronger at the end\n") {
		t.Errorf("steps:\n%s", steps)
	}
	if js := h.ok("steps", "--since", "today", "--json"); !strings.Contains(js, `"learned": "slower at the start, stronger at the end"`) {
		t.Errorf("steps --json:\n%s", js)
	}
	h.ok("step", "edit", "23", "--learned", "")
	if steps := h.ok("steps", "--since", "today"); strings.Contains(steps, "learned") {
		t.Errorf("--learned \"\" did not clear it:\n%s", steps)
	}
	if _, errOut, code := h.run("log", "walk", "5", "--learned", strings.Repeat("x", 2001)); code != ExitUsage || !strings.Contains(errOut, "what you learned is 2001 characters") {
		t.Errorf("a long reflection: exit %d, %q", code, errOut)
	}
}

// TestLogWins checks the celebrations at log: a first step (only the
// first), and the weekly wins of a weekly target, looked for only when a
// step brings the week to its target.
func TestLogWins(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "run", "--target", "10 km/week", "--start", "2026-09-28")
	out := h.ok("log", "run", "3", "--date", "2026-09-29")
	if !strings.Contains(out, "  First step for run: every step counts.\n") {
		t.Errorf("a first step:\n%s", out)
	}
	if out := h.ok("log", "run", "3", "--date", "2026-09-30"); strings.Contains(out, "First step") {
		t.Errorf("a second step celebrated as the first:\n%s", out)
	}
	// seven weeks on pace, from Sep 28 to Nov 15; today's step brings the
	// eighth to its target
	for _, d := range []string{"2026-10-01", "2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10"} {
		h.ok("log", "run", "10", "--date", d)
	}
	out = h.ok("log", "run", "4", "--date", "2026-11-21")
	if strings.Contains(out, "in a row") {
		t.Errorf("a step below the target found weekly wins:\n%s", out)
	}
	out = h.ok("log", "run", "8")
	if !strings.Contains(out, "8 weeks in a row on pace for run.") {
		t.Errorf("the step that reached the week's target:\n%s", out)
	}
	checkTone(t, "log wins", out)
}

func TestCrossedTarget(t *testing.T) {
	wk := stride.Pace{Per: stride.PerWeek, From: 10, To: 16, Target: 10}
	below, at := wk, wk
	below.Done, at.Done = 6, 11
	day := stride.PerDay
	for _, c := range []struct {
		before, after stride.Pace
		on            stride.Date
		want          bool
	}{
		{below, at, 12, true},
		{at, at, 12, false},       // already there
		{below, below, 12, false}, // not yet
		{below, at, 9, false},     // a step before the week
		{stride.Pace{Per: day, From: 12, To: 12, Target: 30, Done: 20}, stride.Pace{Per: day, From: 12, To: 12, Target: 30, Done: 35}, 12, false},
	} {
		if got := crossedTarget(c.before, c.after, c.on); got != c.want {
			t.Errorf("%+v → %+v on %d: %v, want %v", c.before, c.after, c.on, got, c.want)
		}
	}
}

// TestLogUsageWords: mistakes in what was typed are answered in stride's
// words, not the flag parser's.
func TestLogUsageWords(t *testing.T) {
	h := newHarness(t)
	h.seed()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "walk", "-5"}, "-5 is a negative amount: a step adds progress"},
		{[]string{"log", "walk", "10", "--energy", "abc"}, `--energy "abc" is not a whole number`},
		{[]string{"log", "walk", "10", "--energy", "0"}, "energy 0 is out of range: use 1 (drained) to 5"},
		{[]string{"log"}, "log takes GOAL, then optionally AMOUNT and NOTE; none was given"},
		{[]string{"log", "walk", "1e9"}, `amount "1e9" is not a duration`},
		{[]string{"log", "walk", "2000000000"}, "at most 1000000000): a typo?"},
		{[]string{"goal", "add", "x", "--target", "-5 min/day"}, "needs an amount more than 0"},
		{[]string{"undo", "extra"}, `undo takes no arguments; "extra" was given`},
		{[]string{"log", ""}, "the goal's name is empty"},
		{[]string{"goal", "add", "x", "--target", "30 min/day", "--unit", "pages"}, "counts in min, and --unit says pages"},
	} {
		_, out, code := h.run(c.args...)
		if code != ExitUsage || !strings.Contains(oneLine(out), c.want) || strings.Contains(out, "strconv") || strings.Contains(out, "arg(s)") || strings.Contains(out, "e+") {
			t.Errorf("stride %v said %q (exit %d), want exit 2 and %q", c.args, out, code, c.want)
		}
	}
}

// TestLogToFinishedGoal: a step on a done or archived goal is kept, and
// the output says where the goal is and how to bring it back.
func TestLogToFinishedGoal(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("goal", "done", "walk")
	out := h.ok("log", "walk", "10")
	if !strings.Contains(out, "walk is done, so it stays off the board; the step is in its record") ||
		!strings.Contains(out, "stride goal resume walk") {
		t.Errorf("log on a done goal:\n%s", out)
	}
	checkTone(t, "log on a done goal", out)
}

// TestLogAtMostFirstEntry: the first entry of a limit is no progress to
// celebrate, least of all over the limit.
func TestLogAtMostFirstEntry(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "coffee", "--target", "at most 2 cups/day")
	out := h.ok("log", "coffee", "5")
	if strings.Contains(out, "First step") || !strings.Contains(out, "over the limit for now") {
		t.Errorf("first entry over the limit:\n%s", out)
	}
}

// TestGoalAloneLists: stride goal lists the goals and takes list's flags.
func TestGoalAloneLists(t *testing.T) {
	h := newHarness(t)
	h.seed()
	if js := h.ok("goal", "--json"); !strings.Contains(js, `"name": "walk"`) {
		t.Errorf("stride goal --json:\n%s", js)
	}
}

// TestStepTimeNotLater: a step's time of day on today may not be later
// than now (18:00 in the tests), in the zone the CLI reckons days in;
// earlier days take any time. The same holds for stride step edit, and a
// refused command writes nothing.
func TestStepTimeNotLater(t *testing.T) {
	h := newHarness(t)
	h.seed()
	before := h.ok("steps", "--json")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "walk", "10", "--time", "18:01"},
			"--time 18:01 is later than now (18:00 on Sat 2026-11-21, UTC): a step records what was done, so give a time up to 18:00, or leave --time out"},
		{[]string{"log", "walk", "10", "--time", "23:59", "--date", "today"}, "--time 23:59 is later than now"},
		// step 10 is walk's of Fri 2026-11-20, step 20 read's of Thu 21:30
		{[]string{"step", "edit", "10", "--date", "today", "--time", "20:00"},
			`--time 20:00 is later than now (18:00 on Sat 2026-11-21, UTC): a step records what was done, so give a time up to 18:00, or --time "" to leave the time out`},
		{[]string{"step", "edit", "20", "--date", "today"},
			`step 20 is at 21:30, later than now (18:00 on Sat 2026-11-21, UTC): to move it to today, give --time too, up to 18:00, or --time "" to leave the time out`},
	} {
		out, errOut, code := h.run(c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(oneLine(errOut), c.want) {
			t.Errorf("stride %s: exit %d, %q%q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errOut, c.want)
		}
		checkLines(t, c.args, errOut, "")
		checkTone(t, strings.Join(c.args, " "), errOut)
	}
	if after := h.ok("steps", "--json"); after != before {
		t.Errorf("a refused step time wrote:\n%s", after)
	}
	h.ok("log", "walk", "10", "--time", "18:00")                        // this minute
	h.ok("log", "walk", "10", "--time", "23:59", "--date", "yesterday") // any time on an earlier day
	h.ok("step", "edit", "20", "--date", "today", "--time", "17:30")
	h.ok("step", "edit", "10", "--time", "23:00") // Friday's
	// Through TZ (or the account's zone) "now" is that zone's: 08:00 on
	// Sunday in Kiritimati, UTC+14.
	h.vars["TZ"] = "Pacific/Kiritimati"
	if _, errOut, code := h.run("log", "walk", "10", "--time", "09:00"); code != ExitUsage ||
		!strings.Contains(oneLine(errOut), "later than now (08:00 on Sun 2026-11-22, Pacific/Kiritimati)") {
		t.Errorf("a time later than now in Kiritimati: exit %d, %q", code, errOut)
	}
	h.ok("log", "walk", "10", "--time", "07:30")

	// through a server the same
	r := remoteHarness(t, newServer(t))
	r.ok("goal", "add", "walk", "--target", "30 min/day")
	if _, errOut, code := r.run("log", "walk", "10", "--time", "18:01"); code != ExitUsage || !strings.Contains(errOut, "later than now") {
		t.Errorf("through a server: exit %d, %q", code, errOut)
	}
}
