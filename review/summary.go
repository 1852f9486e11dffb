package review

import (
	"cmp"
	"slices"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// GoalWeekOf summarises rec's goal over the week starting on wk, counting
// its days through today at most (days after today have not happened).
// rec needs the goal's days from the day before the week (for momentum
// then) through the week's last day counted, and its steps of the week.
//
// Total counts toward the target in effect at the week's end (amounts, or
// days with a step for a count target); Target is the week's share of it:
// 7× a per-day target, 1× a per-week one, a per-month or every-N-days
// target prorated (momentum.WeeklyAim), lowered for days before the goal's
// start and held days and rounded up to whole days for a count target.
// A limit judged day by day (a period other than a week) has its days
// counted instead: DaysJudged and DaysOver, from each day's credit, so rec
// needs its days as GoalHistory gives them, with their credit.
// active is false for a goal with nothing to show that week: no step and
// either not under way (not started, finished before the week, archived)
// or held on every day counted.
func GoalWeekOf(rec Record, wk, today stride.Date) (gw stride.GoalWeek, active bool) {
	g := rec.Goal
	end := min(wk+6, today)
	s := newSeries(rec, wk-1, end)
	w := weekOf(g, s, wk, end)
	gw = stride.GoalWeek{
		GoalID: g.ID, Name: g.Name, Unit: g.Unit, Direction: g.Direction,
		Total: w.total(), Target: w.aim, TargetText: words.Target(g, w.target), Count: w.target.Count,
		Steps: w.steps, Held: w.held,
	}
	if w.hi > 0 {
		gw.Effort = w.effort[w.hi-1]
	}
	if w.byDay(g.Direction) {
		gw.DaysJudged, gw.DaysOver = w.judged, w.overDays
		gw.Limit = words.PeriodLimit(w.target, g.Unit)
	}
	if wk-1 >= g.Start && s.in(wk-1) {
		gw.MomentumStart = s.day(wk - 1).Momentum
	}
	if end >= g.Start && s.in(end) {
		gw.MomentumEnd = s.day(end).Momentum
	}
	if gw.Steps > 0 {
		return gw, true
	}
	underway := g.State != stride.GoalArchived && (g.FinishedOn == nil || *g.FinishedOn >= wk)
	return gw, underway && w.hi-w.lo > w.held
}

// Week is what the summary of one week is made of, as read from the record.
type Week struct {
	From  stride.Date // the week's first day
	Today stride.Date // the last day to count: days after it have not happened
	// Goals are the user's goals, by name, each with what GoalWeekOf needs.
	Goals      []Record
	Wins       []*stride.Win       // the week's, oldest first
	Lessons    []*stride.Lesson    // any order; those dated in the week are kept
	Focus      []*stride.Focus     // any order; those dated in the week are kept
	Works      []*stride.Work      // the user's works, for their names; by name
	Iterations []*stride.Iteration // any order; those dated in the week are kept
	Far        *stride.HowFar      // the whole record's, or nil
}

// Summarize computes the summary of a week from its parts: the goals
// active that week (GoalWeekOf) in the order given, the week's wins, its
// lessons oldest first with their themes counted (most frequent first,
// then by name), its foci oldest first and how many were done, each work
// iterated or shipped that week (by name) with the effort of its
// iterations, and the week's effort and steps over all goals. Lists are
// empty rather than nil.
func Summarize(in Week) *stride.WeekSummary {
	end := min(in.From+6, in.Today)
	inWeek := func(d stride.Date) bool { return d >= in.From && d <= end }
	sum := &stride.WeekSummary{From: in.From, To: in.From + 6, Goals: []stride.GoalWeek{}, Wins: []*stride.Win{},
		Lessons: []*stride.Lesson{}, Themes: []stride.ThemeCount{}, Focus: []*stride.Focus{}, Works: []stride.WorkWeek{}, Far: in.Far}
	for _, r := range in.Goals {
		gw, active := GoalWeekOf(r, in.From, in.Today)
		if active {
			sum.Goals = append(sum.Goals, gw)
		}
		sum.Steps += gw.Steps
		sum.Effort += gw.Effort
	}
	for _, w := range in.Wins {
		if inWeek(w.Day) {
			sum.Wins = append(sum.Wins, w)
		}
	}

	counts := map[string]int{}
	for _, l := range in.Lessons {
		if !inWeek(l.Day) {
			continue
		}
		sum.Lessons = append(sum.Lessons, l)
		for _, t := range l.Themes {
			if counts[t] == 0 {
				sum.Themes = append(sum.Themes, stride.ThemeCount{Name: t})
			}
			counts[t]++
		}
	}
	slices.SortStableFunc(sum.Lessons, func(a, b *stride.Lesson) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.ID, b.ID))
	})
	for i := range sum.Themes {
		sum.Themes[i].Count = counts[sum.Themes[i].Name]
	}
	slices.SortFunc(sum.Themes, func(a, b stride.ThemeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})

	for _, f := range in.Focus {
		if inWeek(f.Day) && f.Day <= in.Today { // a focus planned ahead is not the week's yet
			sum.Focus = append(sum.Focus, f)
			if f.Done {
				sum.FocusDone++
			}
		}
	}
	slices.SortStableFunc(sum.Focus, func(a, b *stride.Focus) int { return cmp.Compare(a.Day, b.Day) })

	for _, w := range in.Works {
		ww := stride.WorkWeek{WorkID: w.ID, Name: w.Name, Shipped: []int{}}
		for _, it := range in.Iterations {
			if it.WorkID != w.ID || !inWeek(it.Day) {
				continue
			}
			if it.Kind == stride.IterationShip {
				ww.Shipped = append(ww.Shipped, it.Version)
			} else {
				ww.Iterations++
			}
			if it.Effort != nil {
				ww.Effort += *it.Effort
			}
		}
		if ww.Iterations > 0 || len(ww.Shipped) > 0 {
			slices.Sort(ww.Shipped)
			sum.Works = append(sum.Works, ww)
		}
	}
	return sum
}
