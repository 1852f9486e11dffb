package stride

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// GoalState is where a goal stands.
type GoalState string

// The states of a goal. Only active goals appear on the board.
const (
	GoalActive   GoalState = "active"
	GoalPaused   GoalState = "paused"
	GoalDone     GoalState = "done"
	GoalArchived GoalState = "archived"
)

// Goal is a measure of progress the user chose: why it matters, what counts,
// and at what rate.
type Goal struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"-"`
	Name   string `json:"name"`
	Why    string `json:"why,omitempty"`
	// Unit is what amounts are counted in ("min", "pages", "km"); "" makes
	// a check goal, where a step means "done" for the day.
	Unit      string    `json:"unit,omitempty"`
	Direction Direction `json:"direction"`
	// Target is the target in effect now, on the user's today (the
	// store's clock in the user's time zone); a target set to start
	// later is not it yet. Targets is the whole history, oldest first, so
	// past days keep the target they had; its first target is in effect
	// from Start, and those after today are still to come (TargetsAfter).
	Target         Target   `json:"target"`
	Targets        []Target `json:"targets"`
	DoneWhen       string   `json:"done_when,omitempty"`
	DoneWhenAmount *float64 `json:"done_when_amount,omitempty"`
	// DoneWhenMet is the day the done-when was met: the done-when amount
	// crossed (set by the store) or the text said met by the user.
	DoneWhenMet *Date `json:"done_when_met,omitempty"`
	// EditsAfterMet counts edits of the goal (fields, targets) after its
	// done-when was met: a few invite a gentle "good enough?".
	EditsAfterMet int `json:"edits_after_met,omitempty"`
	// FinishedOn is the day the goal was marked done, in the user's time
	// zone; nil while it is not done.
	FinishedOn   *Date       `json:"finished_on,omitempty"`
	SmallestStep string      `json:"smallest_step,omitempty"`
	ParentID     *int64      `json:"parent_id,omitempty"`
	Milestones   []Milestone `json:"milestones,omitempty"`
	// Start is the first day of the goal's record: SetStart, or the day
	// of its first step when that is earlier. The store keeps it so: a
	// step logged before the start moves it back, and deleting or moving
	// that step puts it back where the steps left need it.
	Start Date `json:"start"`
	// SetStart is the start the goal was given (when it was added, or
	// by an edit of its start). Days from Start to SetStart without a
	// step are untracked: the goal asked nothing of them, so they are
	// held (momentum neither rises nor falls) and never a gap.
	SetStart    Date      `json:"set_start"`
	State       GoalState `json:"state"`
	PausedUntil *Date     `json:"paused_until,omitempty"`
	// Total is the sum of every step's amount, kept by the store.
	Total     float64   `json:"total"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Kind returns "check" for yes/no goals and "amount" for goals with a unit.
func (g *Goal) Kind() string {
	if g.Unit == "" {
		return "check"
	}
	return "amount"
}

// TargetOn returns the target in effect on day: the latest one starting on
// or before it, or the first one for days before any target.
func (g *Goal) TargetOn(day Date) Target {
	return TargetOn(g.Targets, day)
}

// TargetsAfter returns the targets of the history set to start after day,
// oldest first: those still to come when day is today.
func (g *Goal) TargetsAfter(day Date) []Target {
	for i, t := range g.Targets {
		if i > 0 && t.From > day {
			return g.Targets[i:]
		}
	}
	return nil
}

// TargetOn returns the target of history (oldest first) in effect on day.
func TargetOn(history []Target, day Date) Target {
	if len(history) == 0 {
		return Target{}
	}
	t := history[0]
	for _, h := range history[1:] {
		if h.From > day {
			break
		}
		t = h
	}
	return t
}

// Milestone is a cumulative amount worth celebrating when the goal's total
// crosses it. Reached is set once, by the step that crossed it.
type Milestone struct {
	Amount  float64 `json:"amount"`
	Reached *Date   `json:"reached,omitempty"`
	StepID  *int64  `json:"step_id,omitempty"`
}

// MaxNameLen bounds goal names so they fit a terminal line.
const MaxNameLen = 60

// ValidateGoalName checks a goal name: 1 to 60 characters, not only digits
// (so it never looks like an id) and without control characters.
func ValidateGoalName(name string) error {
	n := strings.TrimSpace(name)
	if n == "" {
		return Errorf(EINVALID, "a goal needs a name, such as \"walk\" or \"read\"")
	}
	if utf8.RuneCountInString(n) > MaxNameLen {
		return Errorf(EINVALID, "goal name %q is too long: use at most %d characters", n, MaxNameLen)
	}
	if strings.Trim(n, "0123456789") == "" {
		return Errorf(EINVALID, "goal name %q is only digits: include a letter so it cannot be mistaken for a step id", n)
	}
	for _, r := range n {
		if r < 0x20 || r == 0x7f {
			return Errorf(EINVALID, "goal name %q has a control character: use letters, digits, spaces and punctuation", n)
		}
	}
	return nil
}

// Validate checks a goal before it is stored. It returns EINVALID.
func (g *Goal) Validate() error {
	g.Name = strings.TrimSpace(g.Name)
	if err := ValidateGoalName(g.Name); err != nil {
		return err
	}
	if len(g.Targets) == 0 {
		return Errorf(EINVALID, "goal %q needs a target: %s", g.Name, targetHelp)
	}
	for _, t := range g.Targets {
		if err := ValidateTarget(t, g.Unit); err != nil {
			return err
		}
	}
	switch g.Direction {
	case AtLeast, AtMost:
	case "":
		g.Direction = AtLeast
	default:
		return Errorf(EINVALID, "direction %q is not at_least or at_most", g.Direction)
	}
	switch g.State {
	case GoalActive, GoalPaused, GoalDone, GoalArchived:
	case "":
		g.State = GoalActive
	default:
		return Errorf(EINVALID, "state %q is not active, paused, done or archived", g.State)
	}
	if g.DoneWhenAmount != nil && *g.DoneWhenAmount <= 0 {
		return Errorf(EINVALID, "done-when amount must be more than 0")
	}
	for _, m := range g.Milestones {
		if m.Amount <= 0 || m.Amount > maxAmount {
			return Errorf(EINVALID, "milestone %s must be more than 0", FormatNumber(m.Amount))
		}
	}
	return nil
}

// ValidateTarget checks that t fits a goal kept in unit.
func ValidateTarget(t Target, unit string) error {
	if t.Amount <= 0 || t.Amount > maxAmount {
		return Errorf(EINVALID, "target amount must be more than 0: %s", targetHelp)
	}
	switch t.Per {
	case PerDay, PerWeek, PerMonth:
	case PerDays:
		if t.Every < 1 || t.Every > 366 {
			return Errorf(EINVALID, "a target every N days needs N from 1 to 366")
		}
	default:
		return Errorf(EINVALID, "target period %q is not day, week, month or days", t.Per)
	}
	if !t.Count && !SameUnit(t.Unit, unit) {
		if unit == "" {
			return Errorf(EINVALID, "target %q is in %s but this goal counts times: use \"N times/PERIOD\"", t, t.Unit)
		}
		return Errorf(EINVALID, "target %q is in %q but this goal counts %s: use the same unit", t, t.Unit, unit)
	}
	return nil
}

// GoalFilter selects goals; nil fields select everything.
type GoalFilter struct {
	ID     *int64
	Name   *string // case-insensitive exact match
	States []GoalState
}

// GoalUpdate changes the fields that are not nil, all in one write: when
// one part is refused, nothing changes.
type GoalUpdate struct {
	Name           *string
	Why            *string
	DoneWhen       *string
	DoneWhenAmount **float64
	// DoneWhenMet marks the done-when met on a day, or clears the mark.
	DoneWhenMet  **Date
	SmallestStep *string
	ParentID     **int64
	Milestones   *[]float64
	// Start sets the goal's start (and SetStart): a start after its
	// first step is refused.
	Start *Date
	// Target puts a new target in effect from its From on, as
	// GoalService.SetTarget does, after the fields above (a From before
	// a new Start means the start).
	Target *Target
	// State marks the goal active, done or archived, as
	// GoalService.SetGoalState does, after everything else.
	State *GoalState
}

// GoalService stores goals of the context's user.
type GoalService interface {
	// FindGoalByID returns the goal, or ENOTFOUND (also for another user's goal).
	FindGoalByID(ctx context.Context, id int64) (*Goal, error)
	// FindGoalByName returns the goal with this name, case-insensitively, or ENOTFOUND.
	FindGoalByName(ctx context.Context, name string) (*Goal, error)
	// FindGoals returns the goals matching filter, by name.
	FindGoals(ctx context.Context, filter GoalFilter) ([]*Goal, error)
	// CreateGoal stores g with its targets and milestones and sets its ID.
	// ECONFLICT when the name is taken, EINVALID for bad fields.
	CreateGoal(ctx context.Context, g *Goal) error
	// UpdateGoal changes a goal's fields, its target and its state in one
	// write and returns it: when one change is refused, none is made.
	UpdateGoal(ctx context.Context, id int64, upd GoalUpdate) (*Goal, error)
	// SetTarget puts t in effect from t.From on; days before keep theirs.
	// Targets starting on that day or later give way to it. A From before
	// the goal's start means the start: days before it ask for nothing.
	SetTarget(ctx context.Context, id int64, t Target) (*Goal, error)
	// SetGoalState marks a goal active, done or archived (pausing has its own call).
	SetGoalState(ctx context.Context, id int64, state GoalState) (*Goal, error)
	// PauseGoal pauses a goal from day on, until the day before until
	// (nil: until resumed). Paused days neither raise nor lower momentum.
	PauseGoal(ctx context.Context, id int64, from Date, until *Date) (*Goal, error)
	// ResumeGoal ends the current pause: day is the first active day again.
	ResumeGoal(ctx context.Context, id int64, day Date) (*Goal, error)
	// DeleteGoal removes a goal with its steps, skips and targets.
	DeleteGoal(ctx context.Context, id int64) error
	// SkipDay marks day a planned rest day for the goal; it is idempotent.
	SkipDay(ctx context.Context, id int64, day Date) error
	// UnskipDay removes a skip; ENOTFOUND when the day was not skipped.
	UnskipDay(ctx context.Context, id int64, day Date) error
}
