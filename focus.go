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
