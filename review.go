package stride

import (
	"context"
	"strings"
	"time"
)

// Review is a weekly review: the week's summary as it stood when the
// review was saved, and the user's answers to the prompts. Week is the
// first day of the week (the user's week start).
type Review struct {
	ID        int64        `json:"id"`
	UserID    int64        `json:"-"`
	Week      Date         `json:"week"`
	WentWell  string       `json:"went_well"`
	Learned   string       `json:"learned"`
	Obstacles string       `json:"obstacles"`
	NextFocus string       `json:"next_focus"`
	Summary   *WeekSummary `json:"summary,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// Validate trims and checks a review. It returns EINVALID.
func (r *Review) Validate() error {
	for _, f := range []struct {
		name string
		p    *string
	}{{"what went well", &r.WentWell}, {"what you learned", &r.Learned}, {"what got in the way", &r.Obstacles}, {"next focus", &r.NextFocus}} {
		*f.p = strings.TrimSpace(*f.p)
		if err := checkText(f.name, *f.p); err != nil {
			return err
		}
	}
	if n := TextLen(r.NextFocus); n > 500 {
		return Errorf(EINVALID, "next focus is %d characters: keep it under 500", n)
	}
	return nil
}

// WeekSummary is the automatic part of a weekly review.
type WeekSummary struct {
	From  Date       `json:"from"`
	To    Date       `json:"to"`
	Goals []GoalWeek `json:"goals"`
	Wins  []*Win     `json:"wins"`
	// Lessons are the week's lessons; Themes their themes, most frequent first.
	Lessons   []*Lesson    `json:"lessons"`
	Themes    []ThemeCount `json:"themes"`
	Focus     []*Focus     `json:"focus"` // the week's foci, oldest first
	FocusDone int          `json:"focus_done"`
	Works     []WorkWeek   `json:"works"`
	Effort    float64      `json:"effort_minutes"` // all goals' effort (the works' is each WorkWeek's)
	Steps     int          `json:"steps"`
	Far       *HowFar      `json:"how_far,omitempty"` // overall, when there are 8 weeks of record
}

// Quiet reports whether the week has nothing in the record: no step, no
// lesson, no focus and no work iterated or shipped. A quiet week is said
// to be one kindly, and a week with any of these is not.
func (s *WeekSummary) Quiet() bool {
	return s.Steps == 0 && len(s.Lessons) == 0 && len(s.Focus) == 0 && len(s.Works) == 0
}

// ThemeCount is a theme and how often it came up.
type ThemeCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// GoalWeek is one goal's week.
type GoalWeek struct {
	GoalID        int64     `json:"goal_id"`
	Name          string    `json:"name"`
	Unit          string    `json:"unit"`
	Direction     Direction `json:"direction"`
	Total         float64   `json:"total"`  // amount, or days with a step for a count target
	Target        float64   `json:"target"` // the week's share of the target in effect at its end
	TargetText    string    `json:"target_text"`
	Count         bool      `json:"count"`
	MomentumStart float64   `json:"momentum_start"` // the day before the week
	MomentumEnd   float64   `json:"momentum_end"`   // the week's last day (or today)
	Steps         int       `json:"steps"`
	Effort        float64   `json:"effort_minutes"`
	Held          int       `json:"held_days"` // skip and paused days
	// DaysJudged and DaysOver are set for a limit judged day by day (its
	// period is not a week: "at most 2 cups/day", "at most 8 drinks/month"): the week's
	// active days counted and how many of them went over the limit, as
	// momentum scores each day. That, not the week's total against
	// Target, says how such a week went. Limit is the limit in words:
	// "2 cups a day", "3 glasses in 2 days".
	DaysJudged int    `json:"days_judged,omitempty"`
	DaysOver   int    `json:"days_over,omitempty"`
	Limit      string `json:"limit,omitempty"`
}

// WorkWeek is one work's week.
type WorkWeek struct {
	WorkID     int64   `json:"work_id"`
	Name       string  `json:"name"`
	Iterations int     `json:"iterations"`
	Shipped    []int   `json:"shipped"`        // versions shipped this week
	Effort     float64 `json:"effort_minutes"` // the effort recorded on the week's iterations
}

// HowFar compares the first four weeks of a record with the last four.
type HowFar struct {
	First Stretch `json:"first"`
	Last  Stretch `json:"last"`
	// Limit marks a limit's record (at most 2 cups/day): less per week is
	// the way it asks to go, so a change is told by its direction.
	Limit bool `json:"limit,omitempty"`
}

// Stretch is four weeks of a record.
type Stretch struct {
	From     Date    `json:"from"`
	To       Date    `json:"to"`
	PerWeek  float64 `json:"per_week"` // amount per week (days with a step for a check goal; steps overall)
	Momentum float64 `json:"momentum"` // average momentum
	Effort   float64 `json:"effort_minutes_per_week"`
}

// ReviewFilter selects reviews.
type ReviewFilter struct {
	Limit int
}

// ReviewService stores weekly reviews of the context's user and
// summarises weeks.
type ReviewService interface {
	// FindReviewByWeek returns the review of the week starting on week,
	// or ENOTFOUND.
	FindReviewByWeek(ctx context.Context, week Date) (*Review, error)
	// FindReviews returns reviews newest week first.
	FindReviews(ctx context.Context, filter ReviewFilter) ([]*Review, error)
	// SaveReview stores r as the review of r.Week, replacing the answers
	// of an earlier save of that week, and sets r's fields from what was
	// stored. EINVALID when r.Week is not a first day of the user's week.
	SaveReview(ctx context.Context, r *Review) error
	// DeleteReview removes the review of the week, or returns ENOTFOUND.
	DeleteReview(ctx context.Context, week Date) error
	// SummarizeWeek computes the summary of the week starting on week as
	// the record stands, counting days up to today at most.
	SummarizeWeek(ctx context.Context, week, today Date) (*WeekSummary, error)
	// HowFarGoal compares a goal's first four weeks with its last four
	// (through today, or the day the goal was finished). A goal with
	// fewer than eight weeks of record returns ENOTFOUND with the message
	// "fewer than eight weeks of record yet: how far you've come shows
	// after eight weeks", as a goal that is not the user's does; never a
	// nil HowFar without an error.
	HowFarGoal(ctx context.Context, goalID int64, today Date) (*HowFar, error)
}

// DefaultReviewWeek returns the first day of the week a review is of when
// none is named: the current week, or the week just past on the first two
// days of a week (a Monday review looks back).
func DefaultReviewWeek(today Date, weekStart time.Weekday) Date {
	start := today.StartOfWeek(weekStart)
	if today-start < 2 {
		start = start.AddDays(-7)
	}
	return start
}
