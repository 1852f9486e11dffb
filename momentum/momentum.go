// Package momentum computes stride's forgiving momentum score and the pace
// of a period. It is pure: no I/O, no clock; callers pass the days and today.
// docs/momentum.md gives the formula and why its constants were chosen.
package momentum

import (
	"math"

	"github.com/strideapp/stride"
)

// Goal is what the score needs to know about a goal.
type Goal struct {
	Targets   []stride.Target // oldest first; at least one
	Direction stride.Direction
	Start     stride.Date // the first day counted
}

// GoalOf returns the momentum view of a stored goal.
func GoalOf(g *stride.Goal) Goal {
	return Goal{Targets: g.Targets, Direction: g.Direction, Start: g.Start}
}

// Series holds consecutive days from From: the summed amount of each day,
// whether it had any step, and whether it was held (skipped or paused).
type Series struct {
	From   stride.Date
	Amount []float64
	Held   []bool
}

// Len returns the number of days in the series.
func (s *Series) Len() int { return len(s.Amount) }

// State is momentum at the end of Day. The state before a goal starts is
// {Start-1, 0}.
type State struct {
	Day   stride.Date
	Value float64
}

// Point is the score of one day.
type Point struct {
	Day    stride.Date
	Held   bool
	Credit float64 // share of the target met by the rolling window, 0..1
	Value  float64 // momentum at the end of the day
}

// HalfLife returns the half-life in days of momentum for a target whose
// period lasts days: 10 days plus two periods.
func HalfLife(days int) float64 { return 10 + 2*float64(days) }

// Retention returns the share of momentum a day keeps before the day's
// credit is added: 0.5^(1/half-life).
func Retention(days int) float64 { return math.Pow(0.5, 1/HalfLife(days)) }

// Credit returns the share of a target met by a window's sum: amount over
// target, capped at 1, for at-least goals; for at-most goals full credit up
// to the limit, tapering linearly to none at twice it.
func Credit(sum, target float64, dir stride.Direction) float64 {
	if target <= 0 {
		return 0
	}
	r := sum / target
	if dir == stride.AtMost {
		return clamp(2 - r)
	}
	return clamp(r)
}

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// maxWindow returns the longest target period of the goal in days.
func (g Goal) maxWindow() int {
	n := 1
	for _, t := range g.Targets {
		n = max(n, t.Days())
	}
	return n
}

// Run computes momentum for each day after from.Day up to until and calls
// emit for it (emit may be nil). s must cover those days and, before them,
// the window the first of them looks back on: from WindowFrom of the state.
// Days of s before the goal's start are ignored.
//
// Each active day d takes the target t in effect that day, sums the amounts
// of the last t.Days() active days ending on d (held days inside the window
// add their amounts but not their length), turns the sum into a credit c in
// [0, 1], and moves momentum toward it:  m(d) = r·m(d-1) + (1-r)·c, with
// r = Retention(t.Days()). A held day keeps m(d) = m(d-1).
func Run(g Goal, s *Series, from State, until stride.Date, emit func(Point)) State {
	first := max(s.From, g.Start)
	n := int(until-s.From) + 1
	if n > s.Len() {
		n = s.Len()
	}
	// prefix sums of amounts and of days with a step, over the series.
	sum := make([]float64, n+1)
	cnt := make([]float64, n+1)
	active := make([]int, 0, n)
	m := from.Value
	ti := 0
	targets := g.Targets
	for i := 0; i < n; i++ {
		day := s.From + stride.Date(i)
		a := s.Amount[i]
		if day < first {
			a = 0
		}
		sum[i+1] = sum[i] + a
		c := 0.0
		if a > 0 {
			c = 1
		}
		cnt[i+1] = cnt[i] + c
		held := s.Held[i] || day < first
		if !held {
			active = append(active, i)
		}
		if day <= from.Day {
			continue
		}
		for ti+1 < len(targets) && targets[ti+1].From <= day {
			ti++
		}
		t := targets[ti]
		p := Point{Day: day, Held: held, Value: m}
		if !held {
			k := len(active) - 1
			lo := 0
			if k-t.Days() >= 0 {
				lo = active[k-t.Days()] + 1
			}
			var w float64
			if t.Count {
				w = cnt[i+1] - cnt[lo]
			} else {
				w = sum[i+1] - sum[lo]
			}
			p.Credit = Credit(w, t.Amount, g.Direction)
			r := Retention(t.Days())
			m = r*m + (1-r)*p.Credit
			p.Value = m
		}
		if emit != nil {
			emit(p)
		}
	}
	last := min(until, s.From+stride.Date(n-1))
	if last < from.Day {
		return from
	}
	return State{Day: last, Value: m}
}

// WindowFrom returns the first day whose amount can still matter to the
// days after day: the day after the P-th last active day up to day, P being
// the longest period among the goal's targets (held days after it still add
// their amounts to the next windows). s must reach back at least that far,
// or to the goal's start, which is returned when the history is shorter.
func WindowFrom(g Goal, s *Series, day stride.Date) stride.Date {
	need := g.maxWindow()
	i := min(int(day-s.From), s.Len()-1)
	for ; i >= 0; i-- {
		d := s.From + stride.Date(i)
		if d < g.Start {
			break
		}
		if !s.Held[i] {
			need--
			if need == 0 {
				return d + 1
			}
		}
	}
	return max(g.Start, s.From)
}

// Initial returns the state before the goal's first day.
func Initial(g Goal) State { return State{Day: g.Start - 1} }

// Score runs the whole history from the goal's start: the reference the
// incremental stores are tested against.
func Score(g Goal, s *Series, until stride.Date) []Point {
	var pts []Point
	Run(g, s, Initial(g), until, func(p Point) { pts = append(pts, p) })
	return pts
}
