package cli

import (
	"strings"
	"testing"
)

// TestDoneWhen walks a goal from its done-when to finishing: stride goal
// met, the suggestion at log and show, the gentle "good enough?" after
// edits, and the celebration of stride goal done.
func TestDoneWhen(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("goal", "edit", "walk", "--done-when", "a 5 km walk without stopping")
	out := h.ok("goal", "met", "walk")
	want := "✓ The done-when of walk is met on Sat 2026-11-21.\n" +
		"  done when: a 5 km walk without stopping\n" +
		"  When it feels complete, finish it: stride goal done walk\n"
	if out != want {
		t.Errorf("goal met said\n%s\nwant\n%s", out, want)
	}
	if out := h.ok("goal", "met", "walk"); !strings.Contains(out, "already met on Sat 2026-11-21") {
		t.Errorf("met twice said %q", out)
	}
	out = h.ok("log", "walk", "10")
	if !strings.HasSuffix(out, "  The done-when of walk is met. When it feels complete, finish it:\n  `stride goal done walk`.\n") {
		t.Errorf("log after met:\n%s", out)
	}
	show := h.ok("show", "walk")
	if !strings.Contains(show, "✓ done-when met on Sat 2026-11-21\n  When it feels complete, finish it: stride goal done walk\n") {
		t.Errorf("show after met:\n%s", show)
	}
	if js := h.ok("goal", "list", "--json"); !strings.Contains(js, `"done_when_met": "2026-11-21"`) {
		t.Errorf("goal list --json lacks done_when_met:\n%s", js)
	}

	// edits after the done-when is met: the second gets a gentle note
	if out := h.ok("goal", "edit", "walk", "--why", "to think"); strings.Contains(out, "Good enough?") {
		t.Errorf("the first edit after met got the note:\n%s", out)
	}
	out = h.ok("goal", "edit", "walk", "--smallest-step", "walk to the corner")
	want = "Updated walk.\n  Good enough? The done-when of walk is met, and this is edit 2 since. Finishing\n" +
		"  is allowed: `stride goal done walk`, and a new goal can take it further.\n"
	if out != want {
		t.Errorf("the second edit after met said\n%s\nwant\n%s", out, want)
	}
	checkTone(t, "good enough", out)

	out = h.ok("goal", "done", "walk")
	want = "✓ walk is done.\n  done when: a 5 km walk without stopping\n" +
		"  10 steps on 10 days, 5h10m in all since Thu 2026-10-01.\n" +
		"  You said what complete looks like, and you got there. Well done.\n"
	if out != want {
		t.Errorf("goal done said\n%s\nwant\n%s", out, want)
	}
	// (the store dates the finish by its own clock)
	if show := h.ok("show", "walk"); !strings.Contains(show, "✓ finished on ") || strings.Contains(show, "When it feels complete") {
		t.Errorf("show after done:\n%s", show)
	}
	if out := h.ok("goal", "edit", "walk", "--why", "again"); strings.Contains(out, "Good enough?") {
		t.Errorf("a done goal got the note:\n%s", out)
	}

	// a done-when amount reached is met by itself
	out = h.ok("log", "read", "400", "--date", "yesterday")
	if !strings.Contains(out, "You reached 400 pages in all") {
		t.Errorf("log crossing the done-when amount:\n%s", out)
	}
	if show := h.ok("show", "read"); !strings.Contains(show, "✓ done-when met on Fri 2026-11-20") ||
		strings.Count(show, "stride goal done read") != 1 {
		t.Errorf("show of a goal whose amount was reached:\n%s", show)
	}
	if out := h.ok("goal", "met", "read", "--clear"); out != "The done-when of read is open again.\n" {
		t.Errorf("met --clear said %q", out)
	}
	if out := h.ok("goal", "met", "read", "--clear"); !strings.Contains(out, "nothing to clear") {
		t.Errorf("met --clear twice said %q", out)
	}
}

func TestGoalMetUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	checkUsage(t, h, []usageCase{
		{[]string{"goal", "met"}, "none was given"},
		{[]string{"goal", "met", "meditate"}, "meditate has no done-when yet: say what complete looks like first"},
		{[]string{"goal", "met", "read", "--date", "tomorrow"}, "is in the future"},
		{[]string{"goal", "met", "wlak"}, `did you mean "walk"`},
	})
}

// TestHowFar shows how far a goal has come once it has eight weeks of
// record, and a kind line before.
func TestHowFar(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "run", "--target", "10 km/week", "--start", "2026-11-01")
	h.ok("goal", "add", "swim", "--target", "2 times/week", "--start", "2026-09-07")
	for _, d := range []string{"2026-09-08", "2026-09-10", "2026-09-22", "2026-10-20", "2026-10-22", "2026-11-03",
		"2026-11-05", "2026-11-10", "2026-11-12", "2026-11-17", "2026-11-19"} {
		h.ok("log", "swim", "--date", d)
	}
	h.ok("log", "run", "5", "--date", "2026-11-02")
	if show := h.ok("show", "run"); !strings.Contains(show, "how far you've come\n  After eight weeks of record, this compares") {
		t.Errorf("a young goal:\n%s", show)
	}
	show := h.ok("show", "swim")
	i := strings.Index(show, "how far you've come")
	if i < 0 {
		t.Fatalf("no how far:\n%s", show)
	}
	golden(t, "show-howfar.txt", show[i:])
	checkTone(t, "how far", show[i:])
	if js := h.ok("show", "swim", "--json"); !strings.Contains(js, `"how_far": {`) {
		t.Errorf("show --json lacks how_far:\n%s", js)
	}
	if js := h.ok("show", "run", "--json"); strings.Contains(js, `"how_far"`) {
		t.Errorf("show --json of a young goal has how_far:\n%s", js)
	}
}

// TestUndoUnmarksDoneWhen: the step that reached a done-when amount,
// undone, takes the mark with it; finishing then says honestly where it
// stopped instead of "you got there".
func TestUndoUnmarksDoneWhen(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "read", "--target", "20 pages/week", "--done-when", "the book is read", "--done-when-amount", "100")
	h.ok("log", "read", "60")
	if out := h.ok("log", "read", "50"); !strings.Contains(out, "what you set as done") {
		t.Fatalf("crossing 100 did not say so:\n%s", out)
	}
	h.ok("undo")
	if show := h.ok("show", "read"); strings.Contains(show, "done-when met") || strings.Contains(show, "finish it") {
		t.Errorf("show after the undo still says met:\n%s", show)
	}
	if wins := h.ok("wins"); strings.Contains(wins, "Done-when met") {
		t.Errorf("wins after the undo still celebrate the done-when:\n%s", wins)
	}
	out := h.ok("goal", "done", "read")
	if strings.Contains(out, "you got there") || !strings.Contains(out, "You finished at 60 pages of the 100 pages you had set") {
		t.Errorf("goal done short of the amount said\n%s", out)
	}
	checkTone(t, "finished short", out)
}

// TestSkipBeforeStart: a rest day before the goal began (a year typed
// wrong) is refused, saying which days are accepted, and nothing is kept.
func TestSkipBeforeStart(t *testing.T) {
	h := newHarness(t)
	h.seed()
	out, errOut, code := h.run("skip", "walk", "--date", "2020-01-01")
	if msg := strings.Join(strings.Fields(errOut), " "); code != ExitUsage || out != "" ||
		!strings.Contains(msg, "2020-01-01 is before walk starts (2026-10-01): a rest day is a day from its start on, 2026-10-01 or later") {
		t.Errorf("skip six years before the start: exit %d\n%s%s", code, out, errOut)
	}
	if out := h.ok("skip", "walk", "--date", "2026-10-01"); !strings.Contains(out, "is a rest day for walk") {
		t.Errorf("skip on the start: %q", out)
	}
}
