package cli

import (
	"strings"
	"testing"
)

func TestFocus(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkGolden(t, h, []goldenCase{
		{"focus-list.txt", []string{"focus", "list"}},
		{"focus-list.json", []string{"focus", "list", "--json"}},
	})

	// today has none, and yesterday's is still open: offered, without blame
	out, errOut, code := h.run("focus")
	wantOffer := "Yesterday's focus is still open: call the bank — carry it over with\n`stride focus --carry`, or pick a new one.\n"
	if code != 0 || out != "" || errOut != wantOffer {
		t.Errorf("focus with an open one yesterday: exit %d, %q, %q", code, out, errOut)
	}
	if out := h.ok("focus", "--json"); out != "null\n" {
		t.Errorf("focus --json with none: %q", out)
	}
	out = h.ok("focus", "--carry")
	if out != "Carried over to today (Sat 2026-11-21): call the bank\n  A new day, the same task that matters. Then: stride focus done\n" {
		t.Errorf("carry said %q", out)
	}
	out = h.ok("focus")
	want := "· Focus for today (Sat 2026-11-21): call the bank\n  carried over from Thu 2026-11-19\n  When it is done: stride focus done\n"
	if out != want {
		t.Errorf("focus said\n%s\nwant\n%s", out, want)
	}
	if _, errOut, code := h.run("focus", "--carry"); code != ExitError || !strings.Contains(errOut, "today (Sat 2026-11-21) already has a focus: call the bank") {
		t.Errorf("carry onto a day with a focus: exit %d, %q", code, errOut)
	}

	// the board shows it at the top, in text only
	board := h.ok()
	if !strings.HasPrefix(board, "→ focus: call the bank\nSat 21 Nov 2026") {
		t.Errorf("the board:\n%s", board)
	}
	if js := h.ok("status", "--json"); !strings.HasPrefix(js, "[") || strings.Contains(js, "call the bank") {
		t.Errorf("status --json changed shape:\n%s", js)
	}

	out = h.ok("focus", "phone", "the", "bank", "at", "9")
	if out != "Focus for today (Sat 2026-11-21): phone the bank at 9\n  (it was: call the bank)\n  Do it before the day gets busy. Then: stride focus done\n" {
		t.Errorf("focus TEXT said %q", out)
	}
	if out := h.ok("focus", "done"); out != "✓ Done: phone the bank at 9. The one thing that mattered is done.\n" {
		t.Errorf("focus done said %q", out)
	}
	if out := h.ok("focus", "done"); !strings.Contains(out, "already done") {
		t.Errorf("focus done twice said %q", out)
	}
	if board := h.ok(); !strings.HasPrefix(board, "✓ focus: phone the bank at 9\n") {
		t.Errorf("the board after done:\n%s", board)
	}
	js := h.ok("focus", "--json")
	if !strings.Contains(js, `"done": true`) || strings.Contains(js, "carried_from") { // a new task is not carried over
		t.Errorf("focus --json:\n%s", js)
	}
	// the same task again stays done; another one after it is not done yet
	if out := h.ok("focus", "phone the bank at 9"); strings.Contains(out, "it was") {
		t.Errorf("the same focus again said %q", out)
	}
	if js := h.ok("focus", "--json"); !strings.Contains(js, `"done": true`) {
		t.Errorf("the same focus again is no longer done:\n%s", js)
	}
	if out := h.ok("focus", "post the letter"); !strings.Contains(out, "(it was: phone the bank at 9, done)") {
		t.Errorf("a new focus after a done one said %q", out)
	}
	if js := h.ok("focus", "--json"); !strings.Contains(js, `"done": false`) {
		t.Errorf("a new focus after a done one is done already:\n%s", js)
	}
	h.ok("focus", "done")

	// tomorrow can be planned the evening before
	if out := h.ok("focus", "plan the week", "--date", "tomorrow"); out != "Focus for tomorrow (Sun 2026-11-22): plan the week\n" {
		t.Errorf("focus for tomorrow said %q", out)
	}
	// the count is of tasks up to today: Thursday's carried to Friday is
	// one, and tomorrow's is not asked of anyone yet
	if out := h.ok("focus", "list"); !strings.HasPrefix(out, "Sun 2026-11-22  · plan the week\n") ||
		!strings.HasSuffix(out, "\n2 of 3 focus tasks done; 1 more planned ahead.\n") {
		t.Errorf("focus list with tomorrow planned:\n%s", out)
	}
	if out := h.ok("focus", "list", "--since", "tomorrow"); out != "Sun 2026-11-22  · plan the week\n1 focus day planned ahead.\n" {
		t.Errorf("focus list of tomorrow alone:\n%s", out)
	}
	// --until alone lists the 30 days up to it, however long ago
	if out, errOut, code := h.run("focus", "list", "--until", "2026-10-01"); code != 0 || out != "" ||
		errOut != "No focus set from Wed 2026-09-02 to Thu 2026-10-01.\n" {
		t.Errorf("focus list --until a day before the last 30: exit %d, %q, %q", code, out, errOut)
	}
	if out := h.ok("focus", "list", "--until", "2026-11-19"); !strings.Contains(out, "Thu 2026-11-19") || strings.Contains(out, "Sat 2026-11-21") {
		t.Errorf("focus list --until 2026-11-19:\n%s", out)
	}

	// a day with nothing before it
	h2 := newHarness(t)
	if out, errOut, _ := h2.run("focus"); out != "" || !strings.Contains(errOut, "No focus for today (Sat 2026-11-21) yet") {
		t.Errorf("a first focus: %q, %q", out, errOut)
	}
	if _, errOut, code := h2.run("focus", "--carry"); code != ExitError || !strings.Contains(errOut, "no open focus before today") {
		t.Errorf("carry with nothing: exit %d, %q", code, errOut)
	}
	// one task carried over twice is one task, not yet done
	h2.ok("focus", "call the bank", "--date", "2026-11-19")
	h2.ok("focus", "--carry", "--date", "2026-11-20")
	h2.ok("focus", "--carry")
	if out := h2.ok("focus", "list"); !strings.HasSuffix(out, "(from Thu 19)\nThu 2026-11-19  · call the bank\n0 of 1 focus task done.\n") {
		t.Errorf("focus list of a task carried over twice:\n%s", out)
	}
}

func TestFocusUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkUsage(t, h, []usageCase{
		{[]string{"focus", "x", "--carry"}, "give either a new focus or --carry, not both"},
		{[]string{"focus", "--date", "someday"}, `date "someday" is not understood`},
		{[]string{"focus", strings.Repeat("x", 501)}, "keep it under 500"},
		{[]string{"focus", "done", "--date", "tomorrow"}, "is in the future"},
		{[]string{"focus", "done", "--date", "2026-11-01"}, "no focus for Sun 2026-11-01 to mark done"},
		{[]string{"focus", "done", "extra"}, `takes no arguments; "extra" was given`},
		{[]string{"focus", "list", "--since", "2026-11-20", "--until", "2026-11-01"}, "is before --since"},
		{[]string{"focus", "list", "--since", "x"}, `date "x" is not understood`},
	})
}
