package momentum

import (
	"time"

	"github.com/strideapp/stride"
)

// WeekTotal is one calendar week of a goal against the target in effect
// at its end, or today for the week under way: a target set to start
// later is not this week's yet.
type WeekTotal struct {
	Start  stride.Date
	Done   float64 // amounts, or days with a step for a count target
	Aim    float64 // what the target asks of a whole week
	Target stride.Target
}

// WeeklyAim returns what a target asks of one week.
func WeeklyAim(t stride.Target) float64 {
	switch t.Per {
	case stride.PerWeek:
		return t.Amount
	case stride.PerDay:
		return t.Amount * 7
	}
	return t.Amount * 7 / float64(t.Days())
}

// Weeks totals the last n calendar weeks up to today (weeks starting on
// weekStart), oldest first, skipping weeks that ended before the goal
// began, and those that ended before its set start without a step
// (untracked: a step logged before the start moved it back, and the goal
// asked nothing of them). days holds the goal's days, in any order;
// missing days count as nothing.
func Weeks(g *stride.Goal, days []stride.Day, weekStart time.Weekday, today stride.Date, n int) []WeekTotal {
	byDate := make(map[stride.Date]float64, len(days))
	for _, d := range days {
		byDate[d.Date] = d.Amount
	}
	cur := today.StartOfWeek(weekStart)
	var out []WeekTotal
	for i := n - 1; i >= 0; i-- {
		wk := cur.AddDays(-7 * i)
		if wk.AddDays(6) < g.Start {
			continue
		}
		t := g.TargetOn(min(wk.AddDays(6), today))
		w := WeekTotal{Start: wk, Aim: WeeklyAim(t), Target: t}
		for d := wk; d <= wk.AddDays(6) && d <= today; d++ {
			if t.Count {
				if byDate[d] > 0 {
					w.Done++
				}
			} else {
				w.Done += byDate[d]
			}
		}
		if wk.AddDays(6) < g.SetStart && w.Done == 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}
