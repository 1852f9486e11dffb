// Package review computes what stride celebrates and summarises from the
// record: the wins a person earned, the automatic summary of a weekly
// review, and how far a goal (or the whole record) has come since its first
// weeks.
//
// It reads the record only through the domain services (stride.Services),
// so it works over either store; the stores wire NewWins in as their
// WinService and call SummarizeWeek and HowFarGoal from their
// ReviewService. The computations themselves are pure functions over plain
// inputs (a goal, its days, its steps, works): GoalWins, WorkWins,
// GoalWeekOf, Summarize, GoalFar and OverallFar. They take today (or the
// last day to count) as an argument and never read the clock.
package review

import (
	"time"

	"github.com/strideapp/stride"
)

// Record is one goal's record as the computations read it.
type Record struct {
	Goal *stride.Goal
	// Days are the goal's days as StatusService.GoalHistory returns them,
	// in any order; a day missing from the span asked for counts as a day
	// with nothing logged.
	Days []stride.Day
	// Steps are the goal's steps over the same span or a later part of
	// it, for their effort (days before them have none) and their number
	// (else taken from the days).
	Steps []*stride.Step
}

// series is a record laid out day by day from from through to.
type series struct {
	from, to stride.Date
	days     []stride.Day
	effort   []float64 // minutes by day
	steps    []int     // steps by day
}

// newSeries lays rec out over [from, to]; days and steps outside it are left out.
func newSeries(rec Record, from, to stride.Date) *series {
	n := max(0, int(to-from)+1)
	s := &series{from: from, to: to, days: make([]stride.Day, n), effort: make([]float64, n), steps: make([]int, n)}
	for i := range s.days {
		s.days[i].Date = from + stride.Date(i)
	}
	for _, d := range rec.Days {
		if d.Date >= from && d.Date <= to {
			s.days[d.Date-from] = d
		}
	}
	for _, st := range rec.Steps {
		if st.Day < from || st.Day > to {
			continue
		}
		s.steps[st.Day-from]++
		if st.Effort != nil {
			s.effort[st.Day-from] += *st.Effort
		}
	}
	return s
}

// in reports whether d lies in the series.
func (s *series) in(d stride.Date) bool { return d >= s.from && d <= s.to }

// day returns the day d, which must lie in the series.
func (s *series) day(d stride.Date) *stride.Day { return &s.days[d-s.from] }

// stepped reports whether anything was logged on d: a step, or an amount
// when only the days are known.
func (s *series) stepped(d stride.Date) bool {
	i := d - s.from
	return s.steps[i] > 0 || s.days[i].Steps > 0 || s.days[i].Amount > 0
}

// totalThrough returns the amounts logged from the series' start through d.
func (s *series) totalThrough(d stride.Date) float64 {
	total := 0.0
	for i := range s.days {
		if s.days[i].Date <= d {
			total += s.days[i].Amount
		}
	}
	return total
}

// nSteps returns the number of steps on d: counted from the steps when
// there are any, else as GoalHistory reports them.
func (s *series) nSteps(d stride.Date) int {
	i := d - s.from
	return max(s.steps[i], s.days[i].Steps)
}

// eps absorbs the rounding of summed amounts when they are compared with a target.
const eps = 1e-9

// weekStartOf returns the week start of the context's user for tests and
// callers that hold a user: Monday when there is none.
func weekStartOf(u *stride.User) time.Weekday {
	if u == nil {
		return time.Monday
	}
	return u.WeekStart
}

// comparable reports whether a target can be judged week by week: its
// period lasts a week at most, so a week below its share is a real gap and
// not just the quiet part of a month.
func comparable(t stride.Target) bool { return t.Amount > 0 && t.Days() <= 7 }
