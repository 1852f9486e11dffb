package momentum

import (
	"math"
	"time"

	"github.com/strideapp/stride"
)

// WeekTotal is one calendar week of a goal against the target in effect
// at its end.
type WeekTotal struct {
	Start  stride.Date
	Done   float64 // amounts, or days with a step for a count target
	Aim    float64 // what the target asks of a whole week
	Target stride.Target
}

// WeeklyAim returns what a target asks of one whole week.
func WeeklyAim(t stride.Target) float64 {
	switch t.Per {
	case stride.PerWeek:
		return t.Amount
	case stride.PerDay:
		return t.Amount * 7
	}
	return t.Amount * 7 / float64(t.Days())
}

// WeekAim returns what a target asks of a week with active days of its
// seven that it can ask anything of: WeeklyAim shared out over them, so
// days before the goal's start and held days (skips, pauses) lower it and
// a rest never puts anyone behind, rounded up to whole days for a count
// target, as the pace does. Days not yet lived count as active.
func WeekAim(t stride.Target, active int) float64 {
	aim := WeeklyAim(t)
	if active < 7 {
		aim = aim * float64(max(active, 0)) / 7
	}
	if t.Count {
		aim = math.Ceil(aim - 1e-9)
	}
	return aim
}

// ByDay reports whether a limit with target t is judged day by day: its
// period is shorter than a week ("at most 2 cups/day", "at most 3
// drinks/2 days"), so each day's rolling window says whether that day kept
// it, and a week is within the limit only if none of its days went over.
// A weekly limit is judged by the week's total against WeekAim.
func ByDay(t stride.Target) bool { return t.Days() < 7 }

// OverLimit reports whether d, a day of an at-most goal, went over its
// limit as momentum judges it: an active day whose rolling window held
// more than the limit, so that its credit is below full.
func OverLimit(d stride.Day) bool { return !d.Held && d.Credit < 1-1e-9 }

// Weeks totals the last n calendar weeks up to today (weeks starting on
// weekStart), oldest first, skipping weeks that ended before the goal
// began. days holds the goal's days, in any order; missing days count as
// nothing.
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
		t := g.TargetOn(wk.AddDays(6))
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
		out = append(out, w)
	}
	return out
}
