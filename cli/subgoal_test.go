package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// seedSubGoals adds goals with sub-goals: fitness with pushups (itself
// with a sub-goal) and plank, and health, paused, with walk still active.
func (h *harness) seedSubGoals() {
	h.t.Helper()
	h.ok("goal", "add", "fitness", "--target", "150 min/week", "--start", "2026-11-09")
	h.ok("goal", "add", "pushups", "--target", "20 pushups/day", "--parent", "fitness", "--start", "2026-11-09",
		"--smallest-step", "do 5 pushups")
	h.ok("goal", "add", "plank", "--target", "3 times/week", "--parent", "fitness", "--start", "2026-11-09")
	h.ok("goal", "add", "wide grip", "--target", "2 times/week", "--parent", "pushups", "--start", "2026-11-09")
	h.ok("goal", "add", "read", "--target", "60 pages/week", "--start", "2026-11-09")
	h.ok("goal", "add", "health", "--target", "daily", "--start", "2026-11-09")
	h.ok("goal", "add", "walk", "--target", "30 min/day", "--parent", "health", "--start", "2026-11-09")
	for i, d := range []string{"2026-11-10", "2026-11-12", "2026-11-15", "2026-11-18", "2026-11-20"} {
		h.ok("log", "pushups", []string{"20", "15", "25", "10", "20"}[i], "--date", d)
		h.ok("log", "walk", []string{"30", "20", "45", "30", "25"}[i], "--date", d)
		h.ok("log", "fitness", "40", "--date", d)
	}
	h.ok("log", "plank", "--date", "2026-11-19")
	h.ok("log", "read", "15", "--date", "2026-11-19")
	h.ok("goal", "pause", "health", "--until", "2026-12-01")
}

// TestSubGoalsGolden: the board, the goal list and show put a sub-goal
// under its parent, a paused parent above its active sub-goals.
func TestSubGoalsGolden(t *testing.T) {
	h := newHarness(t)
	h.seedSubGoals()
	for _, c := range []struct {
		name string
		args []string
	}{
		{"subgoals-status.txt", []string{}},
		{"subgoals-goal-list.txt", []string{"goal", "list"}},
		{"subgoals-show-parent.txt", []string{"show", "fitness"}},
		{"subgoals-show-child.txt", []string{"show", "walk"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := h.ok(c.args...)
			checkWidth(t, c.name, out)
			golden(t, c.name, out)
		})
	}
}

func TestSubGoals(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "fitness", "--target", "150 min/week")
	out := h.ok("goal", "add", "pushups", "--target", "20 pushups/day", "--parent", "fitness")
	want := "Added pushups: 20 pushups/day, counted in pushups, from Sat 2026-11-21.\n" +
		"  part of fitness\n" +
		"Log a first step, however small: stride log pushups 2\n"
	if out != want {
		t.Errorf("goal add --parent said\n%s\nwant\n%s", out, want)
	}
	board := h.ok()
	if !strings.Contains(board, "\nfitness  ") || !strings.Contains(board, "\n  pushups") {
		t.Errorf("the board does not put pushups under fitness:\n%s", board)
	}

	// The same layout on a terminal with NO_COLOR as in a pipe.
	h.tty = true
	h.vars["NO_COLOR"] = "1"
	if tty := h.ok(); tty != board {
		t.Errorf("on a terminal with NO_COLOR:\n%s\nin a pipe:\n%s", tty, board)
	}
	h.tty = false
	delete(h.vars, "NO_COLOR")

	var lines []struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		ParentID *int64 `json:"parent_id"`
	}
	if err := json.Unmarshal([]byte(h.ok("status", "--json")), &lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].ParentID != nil || lines[1].ParentID == nil || *lines[1].ParentID != lines[0].ID {
		t.Errorf("status --json: %+v, want pushups with fitness's id as parent_id", lines)
	}
	if js := h.ok("show", "fitness", "--json"); !strings.Contains(js, `"sub_goals": [`) || !strings.Contains(js, `"name": "pushups"`) {
		t.Errorf("show --json of a parent lacks its sub_goals:\n%s", js)
	}
	if js := h.ok("show", "pushups", "--json"); strings.Contains(js, `"sub_goals"`) {
		t.Errorf("show --json of a goal without sub-goals has sub_goals:\n%s", js)
	}

	// edit: a new parent, none, and a loop.
	h.ok("goal", "add", "health", "--target", "daily")
	if out := h.ok("goal", "edit", "pushups", "--parent", "health"); out != "Updated pushups.\n  part of health.\n" {
		t.Errorf("edit --parent said %q", out)
	}
	if out := h.ok("goal", "edit", "pushups", "--parent", ""); out != "Updated pushups.\n  a goal of its own now.\n" {
		t.Errorf("edit --parent '' said %q", out)
	}
	h.ok("goal", "edit", "pushups", "--parent", "fitness")
	_, errOut, code := h.run("goal", "edit", "fitness", "--parent", "pushups")
	if code == 0 || !strings.Contains(errOut, "a goal cannot be a sub-goal of itself or of its own sub-goals") {
		t.Errorf("a loop: exit %d, %q", code, errOut)
	}

	// A done parent stays above its active sub-goal, in words (the
	// store dates the finish by its own clock).
	h.ok("goal", "done", "fitness")
	board = h.ok()
	if !regexp.MustCompile(`\nfitness +done on \w{3} \d{4}-\d\d-\d\d\n  pushups +░`).MatchString(board) {
		t.Errorf("a done parent with an active sub-goal:\n%s", board)
	}
	if list := h.ok("goal", "list"); !strings.Contains(list, "\nfitness ") || !strings.Contains(list, "\n  pushups ") {
		t.Errorf("goal list without --all keeps a done parent above its sub-goal:\n%s", list)
	}

	// Deleting a parent keeps its sub-goals, on their own.
	if out := h.ok("goal", "delete", "fitness", "--yes"); !strings.HasSuffix(out, "Its sub-goal pushups stays, as a goal of its own.\n") {
		t.Errorf("delete of a parent said %q", out)
	}
	if board := h.ok(); !strings.Contains(board, "\npushups ") {
		t.Errorf("after the parent's delete:\n%s", board)
	}
}
