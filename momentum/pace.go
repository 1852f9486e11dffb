package momentum

import (
	"time"

	"github.com/strideapp/stride"
)

// Pace returns how the period holding today is going. s must cover that
// period from its first day (or the goal's start) through today.
//
// The target is shared out over the period's active days: days before the
// goal's start and held days (skips, pauses) lower it, so a rest day never
// puts anyone behind. Ahead means more is done than the days so far call
// for; on pace means at least what the days before today called for.
func Pace(g *stride.Goal, s *Series, today stride.Date, weekStart time.Weekday) stride.Pace {
	t := g.TargetOn(today)
	from, to := t.PeriodOf(today, weekStart)
	p := stride.Pace{From: from, To: to, Count: t.Count, Per: t.Per, DaysLeft: int(to-today) + 1}
	total, elapsed := 0, 0
	heldToday := false
	for d := from; d <= to; d++ {
		if d < g.Start {
			continue
		}
		i := int(d - s.From)
		held := d <= today && i >= 0 && i < s.Len() && s.Held[i]
		if d == today {
			heldToday = held
		}
		if held {
			continue
		}
		total++
		if d <= today {
			elapsed++
		}
	}
	for d := max(from, s.From); d <= today; d++ {
		i := int(d - s.From)
		if i >= s.Len() {
			break
		}
		if t.Count {
			if s.Amount[i] > 0 {
				p.Done++
			}
		} else {
			p.Done += s.Amount[i]
		}
	}
	p.Days, p.ActiveDays = int(to-from)+1, total
	if days := p.Days; total < days {
		p.Target = t.Amount * float64(total) / float64(days)
	} else {
		p.Target = t.Amount
	}
	if t.Count { // a count is whole days: round a shared-out target up
		p.Target = float64(int(p.Target + 0.999))
	}
	p.Remaining = max(0, p.Target-p.Done)
	switch {
	case g.Direction == stride.AtMost && p.Done > p.Target:
		p.State = stride.PaceOver
	case g.Direction == stride.AtMost:
		p.State = stride.PaceWithin
		p.Remaining = p.Target - p.Done
	case p.Done >= p.Target:
		p.State = stride.PaceMet
	case heldToday:
		p.State = stride.PaceResting
	case total > 1 && p.Done >= p.Target*float64(elapsed)/float64(total):
		p.State = stride.PaceAhead
	case p.Done >= p.Target*float64(max(elapsed-1, 0))/float64(max(total, 1)):
		p.State = stride.PaceOnPace
	default:
		p.State = stride.PaceBehind
	}
	return p
}
