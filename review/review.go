package review

import (
	"context"
	"slices"
	"time"

	"github.com/strideapp/stride"
)

// This file reads the record through the services and hands it to the pure
// computations. A nil Lessons, Focus or Works service reads as no records:
// the CLI may talk to a server from before they existed.

// NewWins returns the WinService that finds wins in the record s holds. s
// is read on each call, so a store may fill its other fields after.
func NewWins(s *stride.Services) stride.WinService { return &wins{s: s} }

type wins struct{ s *stride.Services }

// FindWins returns the wins of the context's user earned from filter.Since
// through filter.Until (today at most), oldest first (a day's by goal name,
// then works' ships), each with its text; see GoalWins and WorkWins for
// what earns one and the day it is dated. It reads each goal's whole
// history. With filter.GoalID it reads only that goal (and the works for
// it), and returns ENOTFOUND for a goal that is not the user's. It returns
// EUNAUTHORIZED without a user, or an internal error.
func (w *wins) FindWins(ctx context.Context, filter stride.WinFilter, today stride.Date) ([]*stride.Win, error) {
	until := today
	if filter.Until != nil && *filter.Until < until {
		until = *filter.Until
	}
	since := stride.Date(0)
	if filter.Since != nil {
		since = *filter.Since
	}
	var goals []*stride.Goal
	if filter.GoalID != nil {
		g, err := w.s.Goals.FindGoalByID(ctx, *filter.GoalID)
		if err != nil {
			return nil, err
		}
		goals = []*stride.Goal{g}
	} else {
		var err error
		if goals, err = w.s.Goals.FindGoals(ctx, stride.GoalFilter{}); err != nil {
			return nil, err
		}
	}
	out := []*stride.Win{}
	if since > until {
		return out, nil
	}
	// Only effort weeks need the steps themselves (the days carry amounts
	// and counts), and only those of the weeks from since's on can show.
	ws := weekStartOf(stride.UserFromContext(ctx))
	recs, err := readWhole(ctx, w.s, goals, filter.GoalID, since.StartOfWeek(ws), until)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		for _, win := range GoalWins(r, ws, until) {
			if win.Day >= since {
				out = append(out, win)
			}
		}
	}
	if w.s.Works != nil {
		works, err := w.s.Works.FindWorks(ctx, stride.WorkFilter{GoalID: filter.GoalID})
		if err != nil {
			return nil, err
		}
		if len(works) > 0 {
			its, err := w.s.Works.FindIterations(ctx, since, until)
			if err != nil {
				return nil, err
			}
			for _, wk := range works {
				out = append(out, WorkWins(wk, its, since, until)...)
			}
		}
	}
	// goals' and works' wins, each oldest first, merged by day
	slices.SortStableFunc(out, func(a, b *stride.Win) int { return int(a.Day - b.Day) })
	return out, nil
}

// readWhole reads each goal's days from its start through until, and
// their steps from stepsFrom on (of goalID alone when it is set) in one query.
func readWhole(ctx context.Context, s *stride.Services, goals []*stride.Goal, goalID *int64, stepsFrom, until stride.Date) ([]Record, error) {
	var recs []Record
	first := until
	for _, g := range goals {
		if g.Start > until {
			continue
		}
		days, err := s.Status.GoalHistory(ctx, g.ID, g.Start, until)
		if err != nil {
			return nil, err
		}
		recs = append(recs, Record{Goal: g, Days: days})
		first = min(first, g.Start)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	first = max(first, stepsFrom)
	steps, err := s.Steps.FindSteps(ctx, stride.StepFilter{GoalID: goalID, Since: &first, Until: &until})
	if err != nil {
		return nil, err
	}
	attach(recs, steps)
	return recs, nil
}

// attach gives each record its goal's steps.
func attach(recs []Record, steps []*stride.Step) {
	at := make(map[int64]int, len(recs))
	for i, r := range recs {
		at[r.Goal.ID] = i
	}
	for _, st := range steps {
		if i, ok := at[st.GoalID]; ok {
			recs[i].Steps = append(recs[i].Steps, st)
		}
	}
}

// SummarizeWeek computes the automatic summary of the week starting on
// week for the context's user, counting days through today at most (later
// days have not happened): every goal active that week (see GoalWeekOf),
// the week's wins, its lessons oldest first and their themes, its foci
// and how many were done, the works iterated or shipped, the week's effort
// and steps, and how far the whole record has come when it spans eight
// weeks (see OverallFar; archived goals are left out of it). week must be
// a first day of the user's week (Monday without a user) and not after
// today, or it returns EINVALID. It returns EUNAUTHORIZED without a user,
// or an internal error.
func SummarizeWeek(ctx context.Context, s *stride.Services, week, today stride.Date) (*stride.WeekSummary, error) {
	ws := weekStartOf(stride.UserFromContext(ctx))
	if first := week.StartOfWeek(ws); first != week {
		return nil, stride.Errorf(stride.EINVALID, "%s is a %s, but your weeks start on %s: summarise the week of %s",
			week, week.Weekday(), ws, first)
	}
	if week > today {
		return nil, stride.Errorf(stride.EINVALID, "the week of %s has not begun yet: today is %s", week, today)
	}
	end := min(week+6, today)
	goals, err := s.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return nil, err
	}
	in := Week{From: week, Today: today}

	// Each goal from the day before the week, for its momentum then.
	steps, err := s.Steps.FindSteps(ctx, stride.StepFilter{Since: &week, Until: &end})
	if err != nil {
		return nil, err
	}
	stepped := map[int64]bool{}
	for _, st := range steps {
		stepped[st.GoalID] = true
	}
	for _, g := range goals {
		if g.Start > end {
			continue
		}
		if !stepped[g.ID] && (g.State == stride.GoalArchived || g.FinishedOn != nil && *g.FinishedOn < week) {
			in.Goals = append(in.Goals, Record{Goal: g}) // not in the summary: no need for its days
			continue
		}
		days, err := s.Status.GoalHistory(ctx, g.ID, max(g.Start, week-1), end)
		if err != nil {
			return nil, err
		}
		in.Goals = append(in.Goals, Record{Goal: g, Days: days})
	}
	attach(in.Goals, steps)

	if in.Wins, err = NewWins(s).FindWins(ctx, stride.WinFilter{Since: &week, Until: &end}, today); err != nil {
		return nil, err
	}
	if s.Lessons != nil {
		if in.Lessons, err = s.Lessons.FindLessons(ctx, stride.LessonFilter{Since: &week, Until: &end}); err != nil {
			return nil, err
		}
	}
	if s.Focus != nil {
		if in.Focus, err = s.Focus.FindFoci(ctx, stride.FocusFilter{Since: &week, Until: &end}); err != nil {
			return nil, err
		}
	}
	if s.Works != nil {
		if in.Iterations, err = s.Works.FindIterations(ctx, week, end); err != nil {
			return nil, err
		}
		if len(in.Iterations) > 0 {
			if in.Works, err = s.Works.FindWorks(ctx, stride.WorkFilter{}); err != nil {
				return nil, err
			}
		}
	}
	if in.Far, err = overallFar(ctx, s, goals, ws, end); err != nil {
		return nil, err
	}
	return Summarize(in), nil
}

// overallFar reads the first and last four weeks of every goal not
// archived and compares them. far is nil, and not an error, with fewer
// than eight weeks: the summary then has no how-far part.
func overallFar(ctx context.Context, s *stride.Services, goals []*stride.Goal, ws time.Weekday, end stride.Date) (far *stride.HowFar, err error) {
	var kept []*stride.Goal
	start := end + 1
	for _, g := range goals {
		if g.State != stride.GoalArchived && g.Start <= end {
			kept = append(kept, g)
			start = min(start, g.Start)
		}
	}
	first, last, ok := Stretches(start, end, ws)
	if !ok {
		return nil, nil
	}
	recs := make([]Record, len(kept))
	for i, g := range kept {
		recs[i].Goal = g
	}
	if err := readSpans(ctx, s, recs, nil, first, last); err != nil {
		return nil, err
	}
	far, _ = OverallFar(recs, ws, end)
	return far, nil
}

// readSpans reads the days and steps of recs' goals over two spans: the
// first and last stretches of a how-far comparison.
func readSpans(ctx context.Context, s *stride.Services, recs []Record, goalID *int64, spans ...Span) error {
	for _, sp := range spans {
		for i := range recs {
			g := recs[i].Goal
			from, to := max(sp.From, g.Start), sp.To
			if from > to {
				continue
			}
			days, err := s.Status.GoalHistory(ctx, g.ID, from, to)
			if err != nil {
				return err
			}
			recs[i].Days = append(recs[i].Days, days...)
		}
		steps, err := s.Steps.FindSteps(ctx, stride.StepFilter{GoalID: goalID, Since: &sp.From, Until: &sp.To})
		if err != nil {
			return err
		}
		attach(recs, steps)
	}
	return nil
}

// HowFarGoal compares a goal's first four weeks, from its start, with its
// last four, through today or the day it was finished (see GoalFar). A
// goal with fewer than eight weeks of record returns ENOTFOUND with a
// message that says so (as a goal that is not the user's does): there is
// nothing to compare yet. It returns EUNAUTHORIZED without a user, or an
// internal error.
func HowFarGoal(ctx context.Context, s *stride.Services, goalID int64, today stride.Date) (*stride.HowFar, error) {
	g, err := s.Goals.FindGoalByID(ctx, goalID)
	if err != nil {
		return nil, err
	}
	end := today
	if g.FinishedOn != nil && *g.FinishedOn < end {
		end = *g.FinishedOn
	}
	ws := weekStartOf(stride.UserFromContext(ctx))
	first, last, ok := Stretches(g.Start, end, ws)
	if !ok {
		return nil, stride.Errorf(stride.ENOTFOUND, "%s", TooSoon)
	}
	recs := []Record{{Goal: g}}
	if err := readSpans(ctx, s, recs, &g.ID, first, last); err != nil {
		return nil, err
	}
	far, _ := GoalFar(recs[0], ws, end)
	return far, nil
}

// TooSoon is the message of HowFarGoal's ENOTFOUND for a goal with fewer
// than eight weeks of record.
const TooSoon = "fewer than eight weeks of record yet: how far you've come shows after eight weeks"
