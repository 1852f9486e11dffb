package stride

import (
	"context"
	"strings"
	"time"
)

// Doubt is a self-doubt written down in the user's words, with the evidence
// against it and a kinder reframe. Revisiting asks later whether it still
// holds.
type Doubt struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"-"`
	Day       Date      `json:"date"`
	Text      string    `json:"text"`
	Against   string    `json:"against"`
	Reframe   string    `json:"reframe"`
	Revisits  []Revisit `json:"revisits"` // oldest first
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Revisit is a later look at a doubt: does it still hold?
type Revisit struct {
	Day   Date   `json:"date"`
	Holds bool   `json:"holds"`
	Note  string `json:"note"`
}

// Validate trims and checks a doubt. It returns EINVALID.
func (d *Doubt) Validate() error {
	d.Text = strings.TrimSpace(d.Text)
	d.Against = strings.TrimSpace(d.Against)
	d.Reframe = strings.TrimSpace(d.Reframe)
	if d.Text == "" {
		return Errorf(EINVALID, "write the doubt in your own words, such as \"I am not a runner\"")
	}
	for _, f := range []struct{ name, v string }{{"doubt", d.Text}, {"evidence", d.Against}, {"reframe", d.Reframe}} {
		if err := checkText(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// DoubtFilter selects doubts; nil fields select everything.
type DoubtFilter struct {
	Since *Date
	Until *Date
	Limit int
}

// DoubtUpdate changes the fields that are not nil.
type DoubtUpdate struct {
	Day     *Date
	Text    *string
	Against *string
	Reframe *string
}

// DoubtService stores doubts of the context's user.
type DoubtService interface {
	// FindDoubtByID returns the doubt with its revisits, or ENOTFOUND.
	FindDoubtByID(ctx context.Context, id int64) (*Doubt, error)
	// FindDoubts returns doubts newest day first.
	FindDoubts(ctx context.Context, filter DoubtFilter) ([]*Doubt, error)
	// CreateDoubt validates and stores d and sets its ID.
	CreateDoubt(ctx context.Context, d *Doubt) error
	// UpdateDoubt changes a doubt and returns it.
	UpdateDoubt(ctx context.Context, id int64, upd DoubtUpdate) (*Doubt, error)
	// RevisitDoubt records a later look at the doubt and returns it.
	RevisitDoubt(ctx context.Context, id int64, r Revisit) (*Doubt, error)
	// DeleteDoubt removes a doubt with its revisits, or returns ENOTFOUND.
	DeleteDoubt(ctx context.Context, id int64) error
}
