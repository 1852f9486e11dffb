package stride

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Day is one calendar day of a goal's record.
type Day struct {
	Date   Date    `json:"date"`
	Amount float64 `json:"amount"` // sum of the day's steps
	Steps  int     `json:"steps"`
	// Held is true on a skip day or a paused day: momentum holds still.
	Held    bool `json:"held,omitempty"`
	Skipped bool `json:"skipped,omitempty"`
	// Untracked is a held day before the goal's SetStart without a
	// step: the goal was not there to ask anything of it.
	Untracked bool `json:"untracked,omitempty"`
	// Credit is the share of the target met by the rolling window ending
	// this day, 0 to 1 (unset on held days).
	Credit   float64 `json:"credit"`
	Momentum float64 `json:"momentum"`
}

// PaceState says how this period is going.
type PaceState string

// Pace states. None of them is a failure: behind comes with the smallest step.
const (
	PaceMet     PaceState = "met"     // the period's target is reached
	PaceAhead   PaceState = "ahead"   // more done than the days so far call for
	PaceOnPace  PaceState = "on_pace" // on track for the period
	PaceBehind  PaceState = "behind"  // the rest is still doable; the smallest step is shown
	PaceOver    PaceState = "over"    // an at-most goal past its limit this period
	PaceWithin  PaceState = "within"  // an at-most goal inside its limit
	PaceResting PaceState = "resting" // today is a skip or paused day
)

// Pace is the current period of a goal's target: done so far against the target.
type Pace struct {
	From      Date    `json:"from"`
	To        Date    `json:"to"`
	Done      float64 `json:"done"`
	Target    float64 `json:"target"`
	Remaining float64 `json:"remaining"`
	DaysLeft  int     `json:"days_left"` // including today
	// Days is the period's length; ActiveDays the days Target is shared
	// out over: from the goal's start, without rest days and pauses. Fewer
	// active days than Days (a first week begun on Sunday) lower Target.
	Days       int       `json:"days"`
	ActiveDays int       `json:"active_days"`
	State      PaceState `json:"state"`
	Count      bool      `json:"count"` // Done and Target count days with a step
	Per        Period    `json:"per"`
}

// NextStep is what the goal's smallest step, logged today, would do.
type NextStep struct {
	Text     string  `json:"text,omitempty"`
	Amount   float64 `json:"amount"`
	Momentum float64 `json:"momentum"` // today's momentum if it were logged
}

// GoalStatus is one line of the board.
type GoalStatus struct {
	Goal              *Goal     `json:"-"`
	ID                int64     `json:"id"`
	Name              string    `json:"name"`
	Kind              string    `json:"kind"`
	Unit              string    `json:"unit"`
	Target            string    `json:"target"`
	Direction         Direction `json:"direction"`
	State             GoalState `json:"state"`
	Momentum          float64   `json:"momentum"`
	MomentumYesterday float64   `json:"momentum_yesterday"`
	Pace              Pace      `json:"pace"`
	Recent            []Day     `json:"recent"` // the last 14 days, oldest first
	Next              NextStep  `json:"next_step"`
	Total             float64   `json:"total"`
	ParentID          *int64    `json:"parent_id,omitempty"` // the goal this one is part of, maybe off the board
}

// StatusService computes the board and goal histories for the context's
// user. Reading it must not scan a goal's whole history: stores keep
// incremental state that stays exact when old steps change.
type StatusService interface {
	// Status returns the board on today: every goal active that day, by name.
	Status(ctx context.Context, today Date) ([]*GoalStatus, error)
	// GoalStatus returns the status of one goal in any state, or ENOTFOUND.
	GoalStatus(ctx context.Context, id int64, today Date) (*GoalStatus, error)
	// GoalHistory returns every day from from to today (inclusive) with
	// amounts and momentum, or ENOTFOUND.
	GoalHistory(ctx context.Context, id int64, from, today Date) ([]Day, error)
}

// StateOn returns the goal's state on day: a pause whose end date has
// come is over.
func (g *Goal) StateOn(day Date) GoalState {
	if g.State == GoalPaused && g.PausedUntil != nil && *g.PausedUntil <= day {
		return GoalActive
	}
	return g.State
}

var leadingAmountRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([0-9]*\.?[0-9]+)\s*([A-Za-z]+)`) })

// SmallestStepAmount returns the amount the goal's smallest step stands for:
// a quantity in the goal's unit found in its text ("walk 5 minutes" on a
// minutes goal is 5), otherwise one time for a check goal, or a tenth of a
// day's share of the target, at least 1 but never more than that day's
// share (0.5 for 0.5 km/day, 0.7 for 5 km/week: one figure, rounded down).
func (g *Goal) SmallestStepAmount() float64 {
	if g.Unit == "" {
		return 1
	}
	for _, m := range leadingAmountRE().FindAllStringSubmatch(g.SmallestStep, -1) {
		if v, err := ParseAmount(m[1]+" "+m[2], g.Unit); err == nil {
			return v
		}
	}
	if f := strings.Fields(g.SmallestStep); len(f) > 0 {
		if v, err := strconv.ParseFloat(f[0], 64); err == nil && v > 0 && v < maxAmount {
			return v
		}
	}
	t := g.Target
	day := t.Amount / float64(t.Days())
	switch share := day / 10; {
	case share >= 1:
		return float64(int(share + 0.5))
	case day >= 1 || day <= 0:
		return 1
	}
	// a day's share below 1: itself, to one figure, so it never asks for more
	p := math.Pow(10, math.Floor(math.Log10(day)))
	return math.Floor(day/p+1e-9) * p
}
