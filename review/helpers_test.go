package review

import (
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// The fixed data sets of these tests are written by hand, day by day; the
// expected values are worked out from them in the comments.

func day(month time.Month, d int) stride.Date { return stride.NewDate(2026, month, d) }

func goal(id int64, name, target string, start stride.Date) *stride.Goal {
	t, dir, err := stride.ParseTarget(target)
	if err != nil {
		panic(err)
	}
	t.From = start
	unit := t.Unit
	return &stride.Goal{ID: id, Name: name, Unit: unit, Direction: dir, Target: t, Targets: []stride.Target{t},
		Start: start, State: stride.GoalActive}
}

// rec builds a goal's record by hand.
type rec struct {
	g     *stride.Goal
	days  map[stride.Date]*stride.Day
	steps []*stride.Step
}

func newRec(g *stride.Goal) *rec { return &rec{g: g, days: map[stride.Date]*stride.Day{}} }

func (r *rec) at(d stride.Date) *stride.Day {
	if r.days[d] == nil {
		r.days[d] = &stride.Day{Date: d}
	}
	return r.days[d]
}

// step logs amount on d with effort minutes (0: none given).
func (r *rec) step(d stride.Date, amount, effort float64) *rec {
	s := &stride.Step{ID: int64(len(r.steps) + 1), GoalID: r.g.ID, Day: d, Amount: amount}
	if effort > 0 {
		s.Effort = &effort
	}
	r.steps = append(r.steps, s)
	r.at(d).Amount += amount
	r.at(d).Steps++
	return r
}

// held marks days from..to held (a skip or a pause).
func (r *rec) held(from, to stride.Date) *rec {
	for d := from; d <= to; d++ {
		r.at(d).Held = true
	}
	return r
}

// momentum sets the momentum of the days from..to.
func (r *rec) momentum(from, to stride.Date, v float64) *rec {
	for d := from; d <= to; d++ {
		r.at(d).Momentum = v
	}
	return r
}

// record returns the record's days from..to, every day present, as
// GoalHistory gives them: with each day's credit as momentum scores it
// (momentum itself is what the test set by hand).
func (r *rec) record(from, to stride.Date) Record {
	out := Record{Goal: r.g, Steps: r.steps}
	credit := r.credits(to)
	for d := from; d <= to; d++ {
		x := stride.Day{Date: d}
		if r.days[d] != nil {
			x = *r.days[d]
		}
		x.Credit = credit[d]
		out.Days = append(out.Days, x)
	}
	return out
}

// credits scores the record from the goal's start through to.
func (r *rec) credits(to stride.Date) map[stride.Date]float64 {
	g := r.g
	s := &momentum.Series{From: g.Start}
	for d := g.Start; d <= to; d++ {
		x := r.days[d]
		if x == nil {
			x = &stride.Day{}
		}
		s.Amount, s.Held = append(s.Amount, x.Amount), append(s.Held, x.Held)
	}
	out := map[stride.Date]float64{}
	for _, p := range momentum.Score(momentum.GoalOf(g), s, to) {
		out[p.Day] = p.Credit
	}
	return out
}
