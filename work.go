package stride

import (
	"context"
	"strings"
	"time"
)

// Work is a piece of work refined over iterations (an essay, a talk, a
// design): refinement, not endless polishing. Shipping marks the current
// version shipped; iterating after shipping starts the next version.
type Work struct {
	ID       int64  `json:"id"`
	UserID   int64  `json:"-"`
	Name     string `json:"name"`
	GoalID   *int64 `json:"goal_id,omitempty"`
	Goal     string `json:"goal,omitempty"` // the goal's name, filled when read
	DoneWhen string `json:"done_when,omitempty"`
	// DoneWhenMet is the day the user said the done-when is met.
	DoneWhenMet *Date `json:"done_when_met,omitempty"`
	// NudgeAfter is how many unshipped iterations in a row earn a kind
	// nudge toward sharing; 0 means DefaultNudgeAfter.
	NudgeAfter int `json:"nudge_after"`
	// Version is the version being worked on: 1 at first, one more after
	// each ship followed by an iteration.
	Version int `json:"version"`
	// Shipped is true when the latest version has shipped and nothing
	// was iterated since.
	Shipped bool `json:"shipped"`
	// Unshipped counts iterations since the last ship (or since the start).
	Unshipped  int          `json:"unshipped"`
	Iterations []*Iteration `json:"iterations,omitempty"` // oldest first; filled by FindWorkByID and FindWorkByName, left out of lists
	CreatedAt  time.Time    `json:"created_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
}

// DefaultNudgeAfter is how many unshipped iterations earn a nudge by default.
const DefaultNudgeAfter = 3

// Iteration is one event in a work's refinement log: an iteration (what
// changed, feedback received, effort) or a ship.
type Iteration struct {
	ID       int64    `json:"id"`
	WorkID   int64    `json:"work_id"`
	Version  int      `json:"version"`
	Day      Date     `json:"date"`
	Kind     string   `json:"kind"` // IterationChange or IterationShip
	Changed  string   `json:"changed,omitempty"`
	Feedback string   `json:"feedback,omitempty"`
	Effort   *float64 `json:"effort_minutes,omitempty"`
	Note     string   `json:"note,omitempty"` // a ship's note
	// CreatedAt is set by the store.
	CreatedAt time.Time `json:"created_at"`
}

// Kinds of iteration.
const (
	IterationChange = "iteration"
	IterationShip   = "ship"
)

// Validate trims and checks a work. It returns EINVALID.
func (w *Work) Validate() error {
	w.Name = strings.TrimSpace(w.Name)
	w.DoneWhen = strings.TrimSpace(w.DoneWhen)
	if err := ValidateGoalName(w.Name); err != nil {
		return Errorf(EINVALID, "%s", strings.ReplaceAll(ErrorMessage(err), "goal", "work"))
	}
	if w.NudgeAfter < 0 || w.NudgeAfter > 100 {
		return Errorf(EINVALID, "nudge after %d iterations is out of range: use 1 to 100", w.NudgeAfter)
	}
	return checkText("done when", w.DoneWhen)
}

// Validate trims and checks an iteration. It returns EINVALID.
func (it *Iteration) Validate() error {
	it.Changed = strings.TrimSpace(it.Changed)
	it.Feedback = strings.TrimSpace(it.Feedback)
	it.Note = strings.TrimSpace(it.Note)
	switch it.Kind {
	case IterationChange:
		if it.Changed == "" {
			return Errorf(EINVALID, "an iteration needs what changed, such as \"tightened the opening\"")
		}
	case IterationShip:
	default:
		return Errorf(EINVALID, "iteration kind %q is not iteration or ship", it.Kind)
	}
	if it.Effort != nil && (*it.Effort < 0 || *it.Effort > 24*60) {
		return Errorf(EINVALID, "effort must be between 0 and 24h")
	}
	for _, f := range []struct{ name, v string }{{"what changed", it.Changed}, {"feedback", it.Feedback}, {"note", it.Note}} {
		if err := checkText(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// Nudge says why the work could be shared or shipped now, or "" when there
// is no reason to: a run of unshipped iterations, or its done-when met.
func (w *Work) Nudge() string {
	n := w.NudgeAfter
	if n == 0 {
		n = DefaultNudgeAfter
	}
	switch {
	case w.Shipped:
		return ""
	case w.DoneWhenMet != nil:
		return "its done-when is met"
	case w.Unshipped >= n:
		return "unshipped iterations"
	}
	return ""
}

// WorkFilter selects works; nil fields select everything.
type WorkFilter struct {
	GoalID  *int64
	Shipped *bool
}

// WorkUpdate changes the fields that are not nil.
type WorkUpdate struct {
	Name        *string
	GoalID      **int64
	DoneWhen    *string
	DoneWhenMet **Date
	NudgeAfter  *int
}

// WorkService stores works and their iterations for the context's user.
type WorkService interface {
	// FindWorkByID returns the work with its iterations, or ENOTFOUND.
	FindWorkByID(ctx context.Context, id int64) (*Work, error)
	// FindWorkByName returns the work with this name, case-insensitively,
	// with its iterations, or ENOTFOUND.
	FindWorkByName(ctx context.Context, name string) (*Work, error)
	// FindWorks returns works by name, without their iterations.
	FindWorks(ctx context.Context, filter WorkFilter) ([]*Work, error)
	// CreateWork validates and stores w and sets its ID. ECONFLICT when
	// the name is taken.
	CreateWork(ctx context.Context, w *Work) error
	// UpdateWork changes a work and returns it.
	UpdateWork(ctx context.Context, id int64, upd WorkUpdate) (*Work, error)
	// DeleteWork removes a work with its iterations, or returns ENOTFOUND.
	DeleteWork(ctx context.Context, id int64) error
	// AddIteration records an iteration or a ship (it.Kind) and returns
	// the work. The store sets it.Version: iterating after a ship starts
	// the next version; shipping an already shipped version is ECONFLICT.
	AddIteration(ctx context.Context, workID int64, it *Iteration) (*Work, error)
	// FindIterations returns the iterations of every work in [since, until], oldest first.
	FindIterations(ctx context.Context, since, until Date) ([]*Iteration, error)
}
