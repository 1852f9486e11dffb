package cli

import (
	"strings"
	"testing"
)

// TestTargetToCome: a target set to start later is not the current one
// until its day, in goal list (and --json), stride show's header and its
// week under way, and the board alike; show and list say it is to come.
func TestTargetToCome(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "read", "--target", "20 pages/week", "--start", "2026-11-01")
	h.ok("log", "read", "12", "--date", "2026-11-17")
	h.ok("goal", "edit", "read", "--target", "5 pages/day", "--from", "2026-11-24") // today is Sat 21

	list := h.ok("goal", "list")
	if !strings.Contains(list, "read  20 pages/week  active") || !strings.Contains(list, "Targets still to come: read, from Tue 24: 5 pages/day.") {
		t.Errorf("goal list:\n%s", list)
	}
	if js := h.ok("goal", "list", "--json"); !strings.Contains(js, `"target": {
      "from": "2026-11-01",
      "amount": 20,`) {
		t.Errorf("goal list --json gives another target:\n%s", js)
	}
	show := h.ok("show", "read")
	for _, want := range []string{"read · 20 pages/week · since Sun 2026-11-01\n", "still to come: from Tue 24: 5 pages/day\n",
		"12/20 pages this week", "Nov 16   12 pages   20 pages"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if board := h.ok(); !strings.Contains(board, "12/20 pages this week") {
		t.Errorf("board:\n%s", board)
	}
	if out := h.ok("why", "read"); !strings.Contains(out, "How it works for 20 pages/week") {
		t.Errorf("why explains another target:\n%s", out)
	}
}

// TestStepBeforeStart walks the newcomer's path: a step logged the day
// before a "1 time/2 days" goal began counts in the period the board shows;
// undoing it puts the start back; a step logged weeks before the goal
// began adds no gaps in between.
func TestStepBeforeStart(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "plants", "--target", "1 time/2 days") // today, Sat 21
	if out := h.ok("log", "plants", "--date", "yesterday"); !strings.Contains(out, "plants now starts on Fri 2026-11-20") ||
		!strings.Contains(out, "1/1 time these 2 days, target met") {
		t.Errorf("log:\n%s", out)
	}
	if board := h.ok(); !strings.Contains(board, "1/1 time these 2 days") {
		t.Errorf("board:\n%s", board)
	}
	if why := h.ok("why", "plants"); strings.Contains(why, "Today: log") || !strings.Contains(why, "The target these 2 days is met.") {
		t.Errorf("why:\n%s", why)
	}
	if out := h.ok("undo"); !strings.Contains(out, "plants starts on Sat 2026-11-21 again, the start it was given.") {
		t.Errorf("undo:\n%s", out)
	}
	if list := h.ok("goal", "list"); !strings.Contains(list, "1 time/2 days  active  2026-11-21") {
		t.Errorf("goal list after undo:\n%s", list)
	}

	h.ok("goal", "add", "walk", "--target", "30 min/day")
	h.ok("log", "walk", "10", "--date", "-20d")
	h.ok("log", "walk", "20")
	why := h.ok("why", "walk")
	if strings.Contains(why, ": a gap") || strings.Contains(why, "Rest days") ||
		strings.Contains(why, "What eased it down") {
		t.Errorf("why counts the days before walk began as gaps or rests:\n%s", why)
	}
	show := h.ok("show", "walk")
	for _, line := range strings.Split(show, "\n") {
		if wd, _, _ := strings.Cut(line, " "); strings.Contains("MonTueWedThuFriSatSun", wd) && len(wd) == 3 &&
			(strings.Contains(line, "··") || strings.Contains(line, "--")) {
			t.Errorf("the calendar draws the days before walk began as gaps or rests: %q", line)
		}
	}
	if strings.Contains(show, "Nov  2") || strings.Contains(show, "Nov  9") {
		t.Errorf("the weeks before walk began are in its totals:\n%s", show)
	}
	if out := h.ok("review", "--week", "-7d"); strings.Contains(out, "walk") {
		t.Errorf("the review of a week before walk began speaks of it:\n%s", out)
	}
	// Moving the early step (2: plants' step 1 is never reused) onto the
	// start day puts the start back too.
	if out := h.ok("step", "edit", "2", "--date", "2026-11-21"); !strings.Contains(out, "walk starts on Sat 2026-11-21 again, the start it was given.") {
		t.Errorf("step edit:\n%s", out)
	}
}
