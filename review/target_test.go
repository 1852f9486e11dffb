package review

import (
	"testing"

	"github.com/strideapp/stride"
)

// The week under way is judged by today's target, not one set to start
// later in it: the board's pace and the week agree. Once the week is over
// the target at its end judges it.
func TestGoalWeekOfTargetToCome(t *testing.T) {
	g := goal(1, "read", "20 pages/week", day(2, 1))
	later, _, _ := stride.ParseTarget("5 pages/day")
	later.From = day(3, 7)
	g.Targets = append(g.Targets, later)
	r := newRec(g).step(day(3, 3), 12, 0)
	gw, _ := GoalWeekOf(r.record(day(3, 1), day(3, 5)), day(3, 2), day(3, 5))
	if gw.Target != 20 || gw.TargetText != "20 pages/week" {
		t.Errorf("the week under way: %v, %q; want 20, 20 pages/week", gw.Target, gw.TargetText)
	}
	gw, _ = GoalWeekOf(r.record(day(3, 1), day(3, 9)), day(3, 2), day(3, 9))
	if gw.Target != 35 || gw.TargetText != "5 pages/day" {
		t.Errorf("the week once over: %v, %q; want 35, 5 pages/day", gw.Target, gw.TargetText)
	}
}
