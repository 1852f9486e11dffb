package momentum

import (
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestPace(t *testing.T) {
	// start is a Monday; the week runs Monday to Sunday.
	weekGoal := &stride.Goal{Targets: []stride.Target{weekly150}, Direction: stride.AtLeast, Start: start - 7}
	countGoal := &stride.Goal{Targets: []stride.Target{weekly3}, Direction: stride.AtLeast, Start: start - 7}
	coffee := &stride.Goal{Targets: []stride.Target{{From: start - 7, Amount: 2, Unit: "cups", Per: stride.PerDay}}, Direction: stride.AtMost, Start: start - 7}
	lateStart := &stride.Goal{Targets: []stride.Target{weekly150}, Direction: stride.AtLeast, Start: start + 4}
	for _, tc := range []struct {
		name    string
		g       *stride.Goal
		amounts []float64 // from Monday
		held    []int
		today   int
		state   stride.PaceState
		done    float64
		target  float64
	}{
		{"monday, nothing yet", weekGoal, nil, nil, 0, stride.PaceOnPace, 0, 150},
		{"monday, a first step", weekGoal, []float64{30}, nil, 0, stride.PaceAhead, 30, 150},
		{"wednesday, a little", weekGoal, []float64{25, 25}, nil, 2, stride.PaceOnPace, 50, 150},
		{"wednesday, less", weekGoal, []float64{20, 20}, nil, 2, stride.PaceBehind, 40, 150},
		{"thursday, nothing", weekGoal, nil, nil, 3, stride.PaceBehind, 0, 150},
		{"target met", weekGoal, []float64{100, 60}, nil, 3, stride.PaceMet, 160, 150},
		{"rest days share the target out", weekGoal, []float64{0, 0, 0}, []int{0, 1, 2}, 3, stride.PaceOnPace, 0, 150 * 4.0 / 7},
		{"resting today", weekGoal, []float64{0, 0, 0}, []int{3}, 3, stride.PaceResting, 0, 150 * 6.0 / 7},
		{"counts days, not steps", countGoal, []float64{1, 2, 0, 0}, nil, 3, stride.PaceAhead, 2, 3},
		{"late start", lateStart, []float64{0, 0, 0, 0, 0, 50}, nil, 5, stride.PaceAhead, 50, 150 * 3.0 / 7},
		{"at most, within", coffee, []float64{1}, nil, 0, stride.PaceWithin, 1, 2},
		{"at most, over", coffee, []float64{3}, nil, 0, stride.PaceOver, 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := series(tc.today+1, func(i int) float64 {
				if i < len(tc.amounts) {
					return tc.amounts[i]
				}
				return 0
			})
			for _, h := range tc.held {
				s.Held[h] = true
			}
			p := Pace(tc.g, s, start+stride.Date(tc.today), time.Monday)
			if p.State != tc.state || p.Done != tc.done || abs(p.Target-tc.target) > 1e-9 {
				t.Fatalf("got %s done %v of %v, want %s done %v of %v", p.State, p.Done, p.Target, tc.state, tc.done, tc.target)
			}
			if p.DaysLeft != 7-tc.today && tc.g != coffee {
				t.Errorf("days left %d, want %d", p.DaysLeft, 7-tc.today)
			}
		})
	}
}

func abs(v float64) float64 { return max(v, -v) }
