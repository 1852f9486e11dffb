package stride

import (
	"context"
	"strings"
	"time"
)

// Step is one logged piece of progress, however small.
type Step struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"-"`
	GoalID int64  `json:"goal_id"`
	Goal   string `json:"goal"` // the goal's name, filled when read
	Unit   string `json:"unit"` // the goal's unit, filled when read
	Day    Date   `json:"date"`
	// Time is minutes after midnight, when the user gave a time of day.
	Time   *int    `json:"time,omitempty"`
	Amount float64 `json:"amount"`
	// Effort is the time spent, in minutes, honoured apart from the outcome.
	Effort *float64 `json:"effort_minutes,omitempty"`
	Energy *int     `json:"energy,omitempty"` // 1 (drained) to 5 (full of energy)
	Note   string   `json:"note"`
	// Learned is a short reflection: what the step taught, not only what was done.
	Learned   string    `json:"learned,omitempty"`
	RequestID string    `json:"request_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxNoteLen bounds a step's note.
const MaxNoteLen = 2000

// Validate checks a step before it is stored. It returns EINVALID.
func (s *Step) Validate() error {
	s.Note = strings.TrimSpace(s.Note)
	if s.Amount <= 0 || s.Amount > maxAmount {
		return Errorf(EINVALID, "amount must be more than 0 and at most %s", FormatNumber(maxAmount))
	}
	if s.Time != nil && (*s.Time < 0 || *s.Time >= 24*60) {
		return Errorf(EINVALID, "time of day must be between 00:00 and 23:59")
	}
	if s.Effort != nil && (*s.Effort < 0 || *s.Effort > 24*60) {
		return Errorf(EINVALID, "effort must be between 0 and 24h")
	}
	if s.Energy != nil && (*s.Energy < 1 || *s.Energy > 5) {
		return Errorf(EINVALID, "energy %d is out of range: use 1 (drained) to 5 (full of energy)", *s.Energy)
	}
	if n := TextLen(s.Note); n > MaxNoteLen {
		return Errorf(EINVALID, "note is %d characters: keep it under %d", n, MaxNoteLen)
	}
	s.Learned = strings.TrimSpace(s.Learned)
	if n := TextLen(s.Learned); n > MaxNoteLen {
		return Errorf(EINVALID, "what you learned is %d characters: keep it under %d", n, MaxNoteLen)
	}
	if len(s.RequestID) > 200 {
		return Errorf(EINVALID, "request id is too long: use at most 200 characters")
	}
	return nil
}

// StepLater says whether a step on day, at the time of day clock
// (minutes after midnight; nil when none was given), is later than now,
// read in now's location: the zone the day is reckoned in. Steps record
// what was done, so callers refuse such a step: a day after now's, or
// now's day at a time still to come. An earlier day takes any time of
// day, and a time in the current minute is not later.
func StepLater(day Date, clock *int, now time.Time) bool {
	today := DateOf(now)
	if day != today {
		return day > today
	}
	return clock != nil && *clock > ClockOf(now)
}

// StepFilter selects steps; nil fields select everything.
type StepFilter struct {
	GoalID *int64
	Since  *Date // inclusive
	Until  *Date // inclusive
	// Latest orders by creation, newest first, instead of by day.
	Latest bool
	Limit  int // 0 means no limit
}

// StepUpdate changes the fields that are not nil. A double pointer set to
// nil clears the field.
type StepUpdate struct {
	Day     *Date
	Time    **int
	Amount  *float64
	Effort  **float64
	Energy  **int
	Note    *string
	Learned *string
}

// StepCreated tells what a new step did.
type StepCreated struct {
	Step *Step `json:"step"`
	// Replayed is true when the request id had been seen: Step is the step
	// created the first time and nothing was written.
	Replayed bool `json:"replayed"`
	// Milestones lists the milestones this step crossed, reported once.
	Milestones []float64 `json:"milestones,omitempty"`
	// DoneWhenReached is true when this step crossed the done-when amount.
	DoneWhenReached bool `json:"done_when_reached,omitempty"`
	// FirstStep is true when this is the goal's first step.
	FirstStep bool `json:"first_step,omitempty"`
}

// StepService stores steps of the context's user.
type StepService interface {
	// FindStepByID returns the step, or ENOTFOUND.
	FindStepByID(ctx context.Context, id int64) (*Step, error)
	// FindSteps returns steps by day and time of day (or newest first with Latest).
	FindSteps(ctx context.Context, filter StepFilter) ([]*Step, error)
	// CreateStep stores s. A repeated RequestID returns the first step and
	// writes nothing. A step dated before the goal's start moves the start
	// (Goal.Start), with its first target.
	CreateStep(ctx context.Context, s *Step) (*StepCreated, error)
	// CreateSteps stores many steps in one transaction, all or nothing, for
	// imports and sample data. It reports no milestones.
	CreateSteps(ctx context.Context, steps []*Step) error
	// UpdateStep changes a step and returns it; moving it may move the
	// goal's start, either way (Goal.Start).
	UpdateStep(ctx context.Context, id int64, upd StepUpdate) (*Step, error)
	// DeleteStep removes a step; deleting the one the goal's start is on
	// puts the start where the steps left and the set start have it.
	DeleteStep(ctx context.Context, id int64) error
}
