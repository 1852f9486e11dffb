package review

import (
	"time"

	"github.com/strideapp/stride"
)

// Span is a run of days, both ends included.
type Span struct{ From, To stride.Date }

// Stretches returns the first four calendar weeks of a record that began
// on start and the last four, ending with the week of end, each cut to the
// days from start through end. ok is false when fewer than eight weeks lie
// from start's week to end's, so that the two would overlap.
func Stretches(start, end stride.Date, weekStart time.Weekday) (first, last Span, ok bool) {
	w0, wn := start.StartOfWeek(weekStart), end.StartOfWeek(weekStart)
	if start > end || int(wn-w0)/7+1 < 8 {
		return Span{}, Span{}, false
	}
	return Span{start, w0 + 27}, Span{wn - 21, end}, true
}

// GoalFar compares the first four weeks of rec's goal, from its start,
// with the last four through end. rec needs the goal's days and steps of
// both stretches (more is ignored). Per week is the amount (days with a
// step for a check goal) and effort is minutes, both per seven days
// counted, so a stretch cut short by the start or by end compares fairly;
// momentum is the average over the stretch's days. A limit's is marked
// Limit. ok is false with fewer than eight weeks (see Stretches).
func GoalFar(rec Record, weekStart time.Weekday, end stride.Date) (far *stride.HowFar, ok bool) {
	first, last, ok := Stretches(rec.Goal.Start, end, weekStart)
	if !ok {
		return nil, false
	}
	return &stride.HowFar{First: goalStretch(rec, first), Last: goalStretch(rec, last),
		Limit: rec.Goal.Direction == stride.AtMost}, true
}

func goalStretch(rec Record, sp Span) stride.Stretch {
	s := newSeries(rec, sp.From, sp.To)
	n := float64(sp.To-sp.From) + 1
	var amount, effort, m float64
	for d := sp.From; d <= sp.To; d++ {
		if rec.Goal.Unit == "" {
			amount += b2f(s.stepped(d))
		} else {
			amount += s.day(d).Amount
		}
		effort += s.effort[d-sp.From]
		m += s.day(d).Momentum
	}
	return stride.Stretch{From: sp.From, To: sp.To, PerWeek: amount * 7 / n, Momentum: m / n, Effort: effort * 7 / n}
}

// OverallFar compares the first four weeks of the whole record (from the
// earliest start among recs) with the last four through end. Per week
// counts steps (not a limit's entries, which count what was had), effort
// is minutes per week, both per seven days counted;
// momentum is the average over the goals under way in the stretch (started,
// and not finished before it) of each one's average momentum over its days
// there (up to the day it finished). recs need their days and steps of
// both stretches; a goal starting after end is left out. ok is false with
// fewer than eight weeks of record.
func OverallFar(recs []Record, weekStart time.Weekday, end stride.Date) (far *stride.HowFar, ok bool) {
	start, found := stride.Date(0), false
	for _, r := range recs {
		if r.Goal.Start <= end && (!found || r.Goal.Start < start) {
			start, found = r.Goal.Start, true
		}
	}
	if !found {
		return nil, false
	}
	first, last, ok := Stretches(start, end, weekStart)
	if !ok {
		return nil, false
	}
	return &stride.HowFar{First: overallStretch(recs, first), Last: overallStretch(recs, last)}, true
}

func overallStretch(recs []Record, sp Span) stride.Stretch {
	n := float64(sp.To-sp.From) + 1
	var steps, effort, momentum float64
	goals := 0
	for _, r := range recs {
		g := r.Goal
		from, to := max(sp.From, g.Start), sp.To
		if g.FinishedOn != nil {
			to = min(to, *g.FinishedOn)
		}
		s := newSeries(r, sp.From, sp.To)
		if from <= to {
			var m float64
			for d := from; d <= to; d++ {
				m += s.day(d).Momentum
			}
			momentum += m / (float64(to-from) + 1)
			goals++
		}
		for d := sp.From; d <= sp.To; d++ {
			if g.Direction != stride.AtMost {
				// a limit's entries are what was had, not steps taken
				steps += float64(s.nSteps(d))
			}
			effort += s.effort[d-sp.From]
		}
	}
	st := stride.Stretch{From: sp.From, To: sp.To, PerWeek: steps * 7 / n, Effort: effort * 7 / n}
	if goals > 0 {
		st.Momentum = momentum / float64(goals)
	}
	return st
}
