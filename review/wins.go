package review

import (
	"slices"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// The thresholds of the weekly wins.
const (
	// EffortWeekMinutes is the effort on one goal in one week that is
	// honoured as effort when the week's outcome stays below its target.
	EffortWeekMinutes = 150
	// SteadyEvery is how many weeks in a row on pace earn a steady-weeks
	// win, and again at each multiple.
	SteadyEvery = 4
	// BestAfter is how many earlier weeks with steps a week must follow to
	// be a best week, so a goal's first weeks do not each count as one.
	BestAfter = 3
)

// GoalWins returns the wins rec's goal earned from its start through until,
// oldest first, with their text. rec must hold the goal's days from its
// start through until, and its steps of the weeks whose effort weeks are
// wanted.
//
// A weekly win is dated the day it became true: a best week on the day the
// week's running total first went past every earlier week's, steady weeks
// and a comeback on the day the week reached its share of the target (an
// at-most goal's week on its last day, when it stayed within its limit),
// an effort week on the day its effort reached EffortWeekMinutes. Its
// Amount is the total on that day, so a win does not change as the rest
// of its week is logged.
//
// Weeks follow weekStart and are judged against the target in effect at
// their end, shared out over the days it could ask anything of (see week).
// Steady weeks and comebacks need a target judged week by week (a period
// of a week at most); held weeks neither break nor extend a run, and any
// week short of its share breaks it. A limit shorter than a week ("at
// most 1h/day", "at most 3 drinks/2 days") is judged as momentum judges
// it, day by day: its week is within the limit when none of its days went
// over (each day's credit, from rec's days, is full), however its total
// compares with seven days of the limit; a weekly limit by the week's
// total. A comeback is a week on pace after a gap: a week with less than
// half its share done (for a weekly limit, half as much again as it
// allows; for one judged day by day, days averaging below half credit),
// not a week that fell just short, for a nearly full week is no gap to
// come back from. Best weeks and effort weeks are for at-least goals.
func GoalWins(rec Record, weekStart time.Weekday, until stride.Date) []*stride.Win {
	g := rec.Goal
	var out []*stride.Win
	add := func(kind stride.WinKind, day stride.Date, amount float64, unit string) {
		out = append(out, &stride.Win{Kind: kind, Day: day, GoalID: &g.ID, Goal: g.Name, Amount: amount, Unit: unit,
			Limit: g.Direction == stride.AtMost})
	}
	s := newSeries(rec, g.Start, until)
	// An at-most goal's first entry is a count, not progress: nothing to
	// celebrate (it may be over the limit); its wins are weeks within it.
	for d := s.from; d <= s.to && g.Direction != stride.AtMost; d++ {
		if s.stepped(d) {
			add(stride.WinFirstStep, d, 0, "")
			break
		}
	}
	for _, m := range g.Milestones {
		if m.Reached != nil && *m.Reached <= until {
			add(stride.WinMilestone, *m.Reached, m.Amount, g.Unit)
		}
	}

	// The weeks, in order: the best so far, the run of weeks on pace,
	// whether a week short of pace broke it since, and whether one of
	// them was a gap (see gapWeek).
	best, withSteps := 0.0, 0
	run, everMet, broken, gap := 0, false, false, false
	for wk := g.Start.StartOfWeek(weekStart); wk <= until; wk += 7 {
		w := weekOf(g, s, wk, until)
		if g.Direction != stride.AtMost {
			if withSteps >= BestAfter {
				for i := w.lo; i < w.hi; i++ {
					if w.amount[i] > best+eps {
						add(stride.WinBestWeek, wk+stride.Date(i), w.amount[i], g.Unit)
						break
					}
				}
			}
			for i := w.lo; i < w.hi; i++ {
				if w.effort[i] >= EffortWeekMinutes-eps {
					if w.pace[i] < w.aim-eps {
						add(stride.WinEffortWeek, wk+stride.Date(i), w.effort[i], stride.MinutesUnit)
					}
					break
				}
			}
		}
		if w.hi > 0 {
			best = max(best, w.amount[w.hi-1])
		}
		if w.steps > 0 {
			withSteps++
		}
		unit := g.Unit
		if w.target.Count {
			unit = ""
		}
		switch st, day := w.state(g.Direction); st {
		case met:
			if gap && everMet {
				amount, u := w.pace[day-wk], unit
				if w.byDay(g.Direction) {
					// A daily limit is kept day by day: the week's total
					// would read as over it.
					amount, u = 0, ""
				}
				add(stride.WinComeback, day, amount, u)
			}
			if broken {
				run = 0
			}
			broken, gap, everMet = false, false, true
			run++
			if run%SteadyEvery == 0 {
				add(stride.WinSteadyWeeks, day, float64(run), "")
			}
		case short:
			broken = true
			gap = gap || w.gap(g.Direction)
		}
	}

	if g.DoneWhenMet != nil && *g.DoneWhenMet <= until {
		amount := 0.0
		if g.DoneWhenAmount != nil && s.totalThrough(*g.DoneWhenMet) >= *g.DoneWhenAmount-eps {
			amount = *g.DoneWhenAmount // reached, not only marked met short of it
		}
		add(stride.WinDoneWhen, *g.DoneWhenMet, amount, g.Unit)
	}
	// A goal finished with nothing logged is no win: no confetti for nothing.
	if g.FinishedOn != nil && *g.FinishedOn <= until && s.totalThrough(*g.FinishedOn) > 0 {
		add(stride.WinGoalDone, *g.FinishedOn, 0, "")
	}
	return finish(out)
}

// WorkWins returns a work_shipped win for each ship among its (any order)
// within [since, until], oldest first, with their text. Amount is the
// shipped version.
func WorkWins(w *stride.Work, its []*stride.Iteration, since, until stride.Date) []*stride.Win {
	var out []*stride.Win
	for _, it := range its {
		if it.WorkID != w.ID || it.Kind != stride.IterationShip || it.Day < since || it.Day > until {
			continue
		}
		out = append(out, &stride.Win{Kind: stride.WinWorkShipped, Day: it.Day, GoalID: w.GoalID, Goal: w.Goal,
			WorkID: &w.ID, Work: w.Name, Amount: float64(it.Version)})
	}
	return finish(out)
}

// kindOrder orders wins of one day: the start of things first, the end last.
var kindOrder = map[stride.WinKind]int{
	stride.WinFirstStep: 0, stride.WinMilestone: 1, stride.WinBestWeek: 2, stride.WinSteadyWeeks: 3,
	stride.WinComeback: 3, stride.WinEffortWeek: 4, stride.WinDoneWhen: 5, stride.WinGoalDone: 6, stride.WinWorkShipped: 7,
}

// finish sorts wins oldest first (by kind within a day, keeping the given
// order otherwise) and writes their text.
func finish(ws []*stride.Win) []*stride.Win {
	slices.SortStableFunc(ws, func(a, b *stride.Win) int {
		if a.Day != b.Day {
			return int(a.Day - b.Day)
		}
		return kindOrder[a.Kind] - kindOrder[b.Kind]
	})
	for _, w := range ws {
		w.Text = words.WinText(w)
	}
	return ws
}
