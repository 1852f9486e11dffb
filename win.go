package stride

import "context"

// WinKind names what a win celebrates. Every win is earned by the record;
// there is none for nothing.
type WinKind string

// The kinds of win.
const (
	WinFirstStep   WinKind = "first_step"   // the first step of a goal
	WinMilestone   WinKind = "milestone"    // a cumulative milestone crossed
	WinDoneWhen    WinKind = "done_when"    // the done-when amount reached, or the text said met
	WinBestWeek    WinKind = "best_week"    // the most done in any week of the goal so far
	WinSteadyWeeks WinKind = "steady_weeks" // N weeks in a row on pace (4, 8, 12, ...)
	WinComeback    WinKind = "comeback"     // a week on pace again after a gap: a week below half its share
	WinEffortWeek  WinKind = "effort_week"  // much effort this week, whatever the outcome
	WinGoalDone    WinKind = "goal_done"    // a goal finished
	WinWorkShipped WinKind = "work_shipped" // a version of a work shipped
)

// Win is a celebration the record has earned.
type Win struct {
	Kind   WinKind `json:"kind"`
	Day    Date    `json:"date"`
	GoalID *int64  `json:"goal_id,omitempty"`
	Goal   string  `json:"goal,omitempty"`
	WorkID *int64  `json:"work_id,omitempty"`
	Work   string  `json:"work,omitempty"`
	// Amount is the milestone, the week's total, the number of steady
	// weeks, the minutes of effort or the shipped version, by kind.
	Amount float64 `json:"amount,omitempty"`
	Unit   string  `json:"unit,omitempty"`
	// Limit marks a win of an at-most goal: its steady weeks and
	// comebacks are weeks within the limit, not on pace.
	Limit bool `json:"limit,omitempty"`
	// Text says it in words, as the CLI and the web app show it.
	Text string `json:"text"`
}

// WinFilter selects wins; nil fields select everything.
type WinFilter struct {
	GoalID *int64
	Since  *Date // inclusive
	Until  *Date // inclusive; today when nil
}

// WinsDays is how many days of wins are shown unless the user asks for
// another stretch: the last 30, today included, by stride wins, the web
// app's wins page and GET /api/v1/wins alike.
const WinsDays = 30

// WinsSince returns the first day of the wins shown by default up to
// last (today, or the last day asked for): WinsDays days, last included.
func WinsSince(last Date) Date { return last.AddDays(-(WinsDays - 1)) }

// WinService finds the wins of the context's user in the record.
type WinService interface {
	// FindWins returns the wins earned from since to until (today at
	// most), oldest first. ENOTFOUND for a goal that is not the user's.
	FindWins(ctx context.Context, filter WinFilter, today Date) ([]*Win, error)
}
