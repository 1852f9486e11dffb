package momentum

import (
	"math"
	"time"

	"github.com/strideapp/stride"
)

// WeekTotal is one calendar week of a goal against the target in effect
// at its end, or today for the week under way: a target set to start
// later is not this week's yet.
type WeekTotal struct {
	Start stride.Date
	Done  float64 // amounts, or days with a step for a count target
	// Aim is the week's share of the target (see WeekAim): what the
	// target asks of the week's active days.
	Aim    float64
	Target stride.Target
	// Days is the number of active days counted (from the goal's start
	// through today, not held); Over, for a limit judged day by day (see
	// ByDay), how many of them went over it (see OverLimit).
	Days, Over int
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
// period is not a week ("at most 2 cups/day", "at most 3 drinks/2 days",
// "at most 8 drinks/month"), so each day's rolling window says whether
// that day kept it, and a week is within the limit only if none of its
// days went over. Only a weekly limit is judged by the week's total
// against WeekAim: a week's share of a monthly limit (8 × 7/30 = 1.9
// drinks) would call a week of 4 drinks over a month that keeps within 8.
func ByDay(t stride.Target) bool { return t.Days() != 7 }

// ByLongWindow reports whether a limit with target t is judged day by day
// over a window longer than a week ("at most 8 drinks/month"): a week has
// no share of it to be measured against, only days that kept it or not.
func ByLongWindow(t stride.Target) bool { return ByDay(t) && t.Days() > 7 }

// OverLimit reports whether d, a day of an at-most goal, went over its
// limit as momentum judges it: an active day whose rolling window held
// more than the limit, so that its credit is below full.
func OverLimit(d stride.Day) bool { return !d.Held && d.Credit < 1-1e-9 }

// Weeks totals the last n calendar weeks up to today (weeks starting on
// weekStart), oldest first, skipping weeks that ended before the goal
// began, and those that ended before its set start without a step
// (untracked: a step logged before the start moved it back, and the goal
// asked nothing of them). days holds the goal's days, in any order, with
// their credit as StatusService.GoalHistory gives them; missing days count
// as nothing. Each week is measured against the target in effect at its
// end (today for the week under way: a target set to start later is not
// this week's yet), shared out over its active days (WeekAim), as the
// weekly review measures it.
func Weeks(g *stride.Goal, days []stride.Day, weekStart time.Weekday, today stride.Date, n int) []WeekTotal {
	byDate := make(map[stride.Date]stride.Day, len(days))
	for _, d := range days {
		byDate[d.Date] = d
	}
	cur := today.StartOfWeek(weekStart)
	var out []WeekTotal
	for i := n - 1; i >= 0; i-- {
		wk := cur.AddDays(-7 * i)
		if wk.AddDays(6) < g.Start {
			continue
		}
		t := g.TargetOn(min(wk.AddDays(6), today))
		w := WeekTotal{Start: wk, Target: t}
		active := 0
		for d := wk; d <= wk.AddDays(6); d++ {
			if d < g.Start {
				continue
			}
			day, ok := byDate[d]
			if d > today {
				active++ // not lived yet: it may still be asked of
				continue
			}
			if t.Count {
				if day.Amount > 0 {
					w.Done++
				}
			} else {
				w.Done += day.Amount
			}
			if day.Held {
				continue
			}
			active++
			w.Days++
			if ok && g.Direction == stride.AtMost && ByDay(t) && OverLimit(day) {
				w.Over++
			}
		}
		if wk.AddDays(6) < g.SetStart && w.Done == 0 {
			continue
		}
		w.Aim = WeekAim(t, active)
		out = append(out, w)
	}
	return out
}
