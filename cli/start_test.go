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
