package words

import "github.com/strideapp/stride"

// GoalState names a goal's state on today for lists and for a parent
// shown above its sub-goals: "active", "paused", "paused until Mon
// 2026-06-22", "done", "done on Mon 2026-06-22", "archived".
func GoalState(g *stride.Goal, today stride.Date) string {
	switch g.StateOn(today) {
	case stride.GoalPaused:
		if g.PausedUntil != nil {
			return "paused until " + Day(*g.PausedUntil)
		}
		return "paused"
	case stride.GoalDone:
		if g.FinishedOn != nil {
			return "done on " + Day(*g.FinishedOn) // as stride show's "finished on"
		}
		return "done"
	case stride.GoalArchived:
		return "archived"
	}
	return "active"
}
