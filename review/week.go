package review

import (
	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// week is one calendar week of a goal, measured day by day up to the last
// day counted (today, or the end of what is asked).
type week struct {
	start  stride.Date
	target stride.Target // in effect at the week's end, or until if earlier
	// aim is the week's share of the target (momentum.WeekAim): what the
	// target asks of a whole week, lowered for the days it could not ask
	// anything of: days before the goal's start and held days (skips,
	// pauses), so a rest never puts anyone behind. Days not yet lived
	// count in full. A count target's aim is rounded up to whole days, as
	// the pace does.
	aim float64
	// pace, amount and effort are running totals after each day of the
	// week: toward the target (amounts, or days with a step for a count
	// target), in the goal's own measure (amounts, or days with a step for
	// a check goal), and minutes of effort. Days not counted carry the
	// total before them.
	pace, amount, effort [7]float64
	lo, hi               int  // the days counted are start+lo .. start+hi-1
	steps                int  // steps on the days counted
	held                 int  // held days among the days counted
	ended                bool // the week's last day is counted: its totals are final
	// judged is the number of active days counted (not held), credit the
	// sum of their credits and overDays those that went over an at-most
	// goal's limit (momentum.OverLimit): what a limit judged day by day
	// (momentum.ByDay) is judged by.
	judged, overDays int
	credit           float64
}

// weekOf measures the week starting on wk of goal g from s, counting the
// days from the goal's start through until; s must cover those days.
func weekOf(g *stride.Goal, s *series, wk, until stride.Date) *week {
	t := g.TargetOn(min(wk+6, until))
	w := &week{start: wk, target: t, lo: 7, ended: wk+6 <= until}
	active := 0
	var pace, amount, effort float64
	for i := range 7 {
		d := wk + stride.Date(i)
		counted := d >= g.Start && d <= until && s.in(d)
		if counted {
			w.lo, w.hi = min(w.lo, i), i+1
			day := s.day(d)
			stepped := s.stepped(d)
			if t.Count {
				pace += b2f(stepped)
			} else {
				pace += day.Amount
			}
			if g.Unit == "" {
				amount += b2f(stepped)
			} else {
				amount += day.Amount
			}
			effort += s.effort[d-s.from]
			w.steps += s.nSteps(d)
			if day.Held {
				w.held++
			} else {
				w.judged++
				w.credit += day.Credit
				if momentum.OverLimit(*day) {
					w.overDays++
				}
			}
		}
		if d >= g.Start && !(counted && s.day(d).Held) {
			active++
		}
		w.pace[i], w.amount[i], w.effort[i] = pace, amount, effort
	}
	if w.hi == 0 {
		w.lo = 0
	}
	w.aim = momentum.WeekAim(t, active)
	return w
}

// byDay reports whether the week is judged day by day: a limit whose
// period is not a week (momentum.ByDay).
func (w *week) byDay(dir stride.Direction) bool {
	return dir == stride.AtMost && momentum.ByDay(w.target)
}

// total returns the week's total toward its target over the days counted.
func (w *week) total() float64 {
	if w.hi == 0 {
		return 0
	}
	return w.pace[w.hi-1]
}

// paceState is how a week stands against its share of the target.
type paceState int

const (
	// neutral weeks neither extend nor break a run: held all week, a
	// target that is not judged week by week, or an at-most week with
	// nothing logged.
	neutral paceState = iota
	pending           // under way and not met yet: it may still be
	met               // on pace
	short             // over, below its share (or over an at-most limit): a gap
)

// state returns how w stands for a goal kept in direction dir and, when it
// is met, the day it became so: the day the running total reached the
// week's share, or for an at-most goal the week's last day, when the week
// stayed within its limit with something logged. A limit judged day by
// day is within it when no day of the week went over, as momentum judges
// each day; a weekly limit when the week's total stays within its share.
func (w *week) state(dir stride.Direction) (paceState, stride.Date) {
	if !comparable(w.target) || w.aim <= eps || w.hi == 0 {
		return neutral, 0
	}
	if dir == stride.AtMost {
		over := w.total() > w.aim+eps
		if w.byDay(dir) {
			over = w.overDays > 0
		}
		switch {
		case over:
			return short, 0
		case !w.ended:
			return pending, 0
		case w.steps == 0:
			return neutral, 0
		}
		return met, w.start + 6
	}
	for i := w.lo; i < w.hi; i++ {
		if w.pace[i] >= w.aim-eps {
			return met, w.start + stride.Date(i)
		}
	}
	if !w.ended {
		return pending, 0
	}
	return short, 0
}

// gapFraction is how far a short week must fall for it to be a gap that
// a week on pace comes back from: below this share of its aim, or for an
// at-most goal above 1 + gapFraction of its limit, where momentum gives
// half credit (docs/momentum.md); for a limit judged day by day, days
// whose credit averages below 1 - gapFraction, half credit.
const gapFraction = 0.5

// gap reports whether w, a short week (see state), is a gap rather than a
// week that fell just short.
func (w *week) gap(dir stride.Direction) bool {
	if w.byDay(dir) {
		return w.judged > 0 && w.credit/float64(w.judged) < 1-gapFraction-eps
	}
	if dir == stride.AtMost {
		return w.total() > w.aim*(1+gapFraction)+eps
	}
	return w.total() < w.aim*gapFraction-eps
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
