package stride

import (
	"context"
	"strings"
	"time"
)

// Focus is the one key task of a day. An unfinished focus is offered again
// the next day; carrying it over makes a new focus whose CarriedFrom names
// the day it was first set.
type Focus struct {
	ID          int64      `json:"id"`
	UserID      int64      `json:"-"`
	Day         Date       `json:"date"`
	Text        string     `json:"text"`
	Done        bool       `json:"done"`
	DoneAt      *time.Time `json:"done_at,omitempty"`
	CarriedFrom *Date      `json:"carried_from,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Validate trims and checks a focus. It returns EINVALID.
func (f *Focus) Validate() error {
	f.Text = strings.TrimSpace(f.Text)
	if f.Text == "" {
		return Errorf(EINVALID, "a focus needs a task, such as \"draft the intro\"")
	}
	if n := TextLen(f.Text); n > 500 {
		return Errorf(EINVALID, "focus is %d characters: keep it under 500", n)
	}
	return nil
}

// FocusTally counts the foci of fs by task, for "1 of 2 done": a task
// carried over is one task however many days it was carried (CarriedFrom,
// or its own day when it was set fresh, names it), done when it was done
// on any of them. A focus planned for a day after today is not counted
// yet; planned says how many there are.
func FocusTally(fs []*Focus, today Date) (done, tasks, planned int) {
	byFirst := map[Date]bool{} // the task's first day: done
	for _, f := range fs {
		if f.Day > today {
			planned++
			continue
		}
		first := f.Day
		if f.CarriedFrom != nil {
			first = *f.CarriedFrom
		}
		byFirst[first] = byFirst[first] || f.Done
	}
	for _, d := range byFirst {
		if d {
			done++
		}
	}
	return done, len(byFirst), planned
}

// FocusFilter selects foci; nil fields select everything.
type FocusFilter struct {
	Since *Date
	Until *Date
	Done  *bool
	Limit int
}

// FocusUpdate changes the fields that are not nil.
type FocusUpdate struct {
	Text *string
	Done *bool
}

// FocusService stores the daily focus of the context's user; there is at
// most one per day.
type FocusService interface {
	// FindFocusByDay returns the day's focus, or ENOTFOUND.
	FindFocusByDay(ctx context.Context, day Date) (*Focus, error)
	// FindFocusByID returns the focus, or ENOTFOUND.
	FindFocusByID(ctx context.Context, id int64) (*Focus, error)
	// FindFoci returns foci newest day first.
	FindFoci(ctx context.Context, filter FocusFilter) ([]*Focus, error)
	// SetFocus stores f as the focus of f.Day, replacing that day's text
	// when there is one (its done mark kept only for the same text), and
	// sets f's fields from what was stored.
	SetFocus(ctx context.Context, f *Focus) error
	// UpdateFocus changes a focus and returns it.
	UpdateFocus(ctx context.Context, id int64, upd FocusUpdate) (*Focus, error)
	// DeleteFocus removes a focus, or returns ENOTFOUND.
	DeleteFocus(ctx context.Context, id int64) error
}
