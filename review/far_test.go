package review

import (
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestStretches(t *testing.T) {
	start := day(1, 7) // a Wednesday: weeks from Monday Jan 5
	for _, tc := range []struct {
		end         stride.Date
		first, last Span
		ok          bool
	}{
		{day(2, 22), Span{}, Span{}, false}, // Sunday of the 7th week
		{day(2, 23), Span{day(1, 7), day(2, 1)}, Span{day(2, 2), day(2, 23)}, true},
		{day(3, 4), Span{day(1, 7), day(2, 1)}, Span{day(2, 9), day(3, 4)}, true},
		{day(1, 1), Span{}, Span{}, false},
	} {
		first, last, ok := Stretches(start, tc.end, time.Monday)
		if first != tc.first || last != tc.last || ok != tc.ok {
			t.Errorf("end %s: got %v %v %v, want %v %v %v", tc.end, first, last, ok, tc.first, tc.last, tc.ok)
		}
	}
}

// farWalk is 30 min/day from Wed 2026-01-07, with 20 min every day and
// momentum 0.25 in its first four weeks (Jan 7 to Feb 1: 26 days, 60 min
// of effort on Jan 10), and 30 min a day at 0.5 from Feb 2 through Wed Feb
// 25 (24 days).
func farWalk() *rec {
	r := newRec(goal(1, "walk", "30 min/day", day(1, 7)))
	for d := day(1, 7); d <= day(2, 1); d++ {
		r.step(d, 20, 0)
	}
	r.step(day(1, 10), 0.5, 60)
	r.momentum(day(1, 7), day(2, 1), 0.25)
	for d := day(2, 2); d <= day(2, 25); d++ {
		r.step(d, 30, 0)
	}
	return r.momentum(day(2, 2), day(2, 25), 0.5)
}

func TestGoalFar(t *testing.T) {
	r := farWalk()
	far, ok := GoalFar(r.record(r.g.Start, day(2, 25)), time.Monday, day(2, 25))
	want := stride.HowFar{
		// 26×20 + 0.5 = 520.5 min over 26 days; 60 min of effort
		First: stride.Stretch{From: day(1, 7), To: day(2, 1), PerWeek: 520.5 * 7 / 26, Momentum: 0.25, Effort: 60.0 * 7 / 26},
		// 24×30 = 720 min over 24 days: 210 a week
		Last: stride.Stretch{From: day(2, 2), To: day(2, 25), PerWeek: 210, Momentum: 0.5},
	}
	if !ok || *far != want {
		t.Errorf("got %+v, want %+v", far, want)
	}
	if _, ok := GoalFar(r.record(r.g.Start, day(2, 22)), time.Monday, day(2, 22)); ok {
		t.Error("seven weeks are not enough")
	}
	// a limit's comparison says it is one, for its words
	c := coffee()
	if far, ok := GoalFar(c.record(c.g.Start, day(3, 1)), time.Monday, day(3, 1)); !ok || !far.Limit {
		t.Errorf("a limit's how far: %+v", far)
	}

	// A check goal counts days with a step: every other day is 3.5 a week.
	g := goal(2, "meditate", "daily", day(1, 5))
	check := newRec(g)
	for d := day(1, 5); d <= day(3, 1); d += 2 {
		check.step(d, 1, 0).step(d, 1, 0) // twice a day still counts one day
	}
	far, ok = GoalFar(check.record(g.Start, day(3, 1)), time.Monday, day(3, 1))
	if !ok || far.First.PerWeek != 14.0*7/28 || far.Last.PerWeek != 14.0*7/28 {
		t.Errorf("check goal: %+v", far)
	}
}

// The whole record: walk and read, read from Tue Jan 20 to Tue Feb 10 (when
// it was finished), a step a day, momentum 0.75.
func TestOverallFar(t *testing.T) {
	walk := farWalk()
	g := goal(2, "read", "10 pages/day", day(1, 20))
	g.FinishedOn = ptr(day(2, 10))
	read := newRec(g)
	for d := day(1, 20); d <= day(2, 10); d++ {
		read.step(d, 10, 0)
	}
	read.momentum(day(1, 20), day(2, 25), 0.75)
	recs := []Record{walk.record(walk.g.Start, day(2, 25)), read.record(g.Start, day(2, 25))}
	far, ok := OverallFar(recs, time.Monday, day(2, 25))
	want := stride.HowFar{
		// walk's 27 steps (26 days and one more on Jan 10) and read's 13 (Jan
		// 20 to Feb 1) over 26 days; momentum (0.25 + 0.75) / 2
		First: stride.Stretch{From: day(1, 7), To: day(2, 1), PerWeek: 40.0 * 7 / 26, Momentum: 0.5, Effort: 60.0 * 7 / 26},
		// walk's 24 and read's 9 (Feb 2 to 10) over 24 days; read's
		// momentum counts up to the day it was finished
		Last: stride.Stretch{From: day(2, 2), To: day(2, 25), PerWeek: 33.0 * 7 / 24, Momentum: 0.625},
	}
	if !ok || *far != want {
		t.Errorf("got  %+v\nwant %+v", far, want)
	}
	if _, ok := OverallFar(nil, time.Monday, day(2, 25)); ok {
		t.Error("no goals, no comparison")
	}

	// a limit's entries are not steps: the same comparison with coffee
	// beside them counts the same steps, and coffee's momentum
	cg := goal(3, "coffee", "at most 2 cups/day", walk.g.Start)
	coffee := newRec(cg)
	for d := cg.Start; d <= day(2, 25); d++ {
		coffee.step(d, 1, 0)
	}
	coffee.momentum(cg.Start, day(2, 25), 1)
	recs = append(recs, coffee.record(cg.Start, day(2, 25)))
	far, _ = OverallFar(recs, time.Monday, day(2, 25))
	if far.First.PerWeek != want.First.PerWeek || far.Last.PerWeek != want.Last.PerWeek || far.First.Momentum != 2.0/3 {
		t.Errorf("with a limit: got %+v", far)
	}
}
