package words

import (
	"fmt"
	"math"
	"strings"

	"github.com/strideapp/stride"
)

// This file holds the words of the reflection system: wins, the weekly
// summary and how far a person has come. They celebrate what the record
// earned and honour effort as effort; a week below target is "a gap" or
// "room to grow", never a failure (METHOD.md, Tone).

// WinText says what a win celebrates: "Best week yet for walk: 5h20m.".
func WinText(w *stride.Win) string {
	name := w.Goal
	switch w.Kind {
	case stride.WinFirstStep:
		return fmt.Sprintf("First step for %s: every step counts.", name)
	case stride.WinMilestone:
		return fmt.Sprintf("Milestone for %s: %s in all.", name, Amount(w.Amount, w.Unit))
	case stride.WinDoneWhen:
		if w.Amount > 0 {
			return fmt.Sprintf("Done-when met for %s at %s: good enough to call it finished.", name, Amount(w.Amount, w.Unit))
		}
		return fmt.Sprintf("Done-when met for %s: good enough to call it finished.", name)
	case stride.WinBestWeek:
		return fmt.Sprintf("Best week yet for %s: %s.", name, Amount(w.Amount, w.Unit))
	case stride.WinSteadyWeeks:
		return fmt.Sprintf("%s in a row on pace for %s.", Plural(int(w.Amount), "week"), name)
	case stride.WinComeback:
		return fmt.Sprintf("Back on pace with %s after a gap: %s this week.", name, Amount(w.Amount, w.Unit))
	case stride.WinEffortWeek:
		return fmt.Sprintf("Your effort counts: %s on %s this week.", Amount(math.Round(w.Amount), stride.MinutesUnit), name)
	case stride.WinGoalDone:
		return fmt.Sprintf("You finished %s. Well done!", name)
	case stride.WinWorkShipped:
		if w.Amount > 1 {
			return fmt.Sprintf("You shipped version %d of %s: out in the world, open to revision.", int(w.Amount), w.Work)
		}
		return fmt.Sprintf("You shipped %s: out in the world, open to revision.", w.Work)
	}
	return "A win for " + name + "."
}

// GoalWeek says how one goal's week went: "walk: 3h/3h30m, momentum 40% →
// 52%, 6 steps, 3h of effort, 1 rest day". A count target reads "4/5 times";
// an at-most goal reads "10 cups within a limit of 14 cups".
func GoalWeek(gw stride.GoalWeek) string {
	unit := gw.Unit
	if gw.Count {
		unit = ""
	}
	var total string
	switch {
	case gw.Direction == stride.AtMost && gw.Total <= gw.Target:
		total = fmt.Sprintf("%s within a limit of %s", Amount(gw.Total, unit), Amount(gw.Target, unit))
	case gw.Direction == stride.AtMost:
		total = fmt.Sprintf("%s for a limit of %s", Amount(gw.Total, unit), Amount(gw.Target, unit))
	case unit == stride.MinutesUnit:
		total = Amount(gw.Total, unit) + "/" + Amount(gw.Target, unit)
	default:
		total = stride.FormatNumber(gw.Total) + "/" + Amount(gw.Target, unit)
	}
	parts := []string{
		gw.Name + ": " + total,
		"momentum " + Pct(gw.MomentumStart) + " → " + Pct(gw.MomentumEnd),
		Plural(gw.Steps, "step"),
	}
	if gw.Effort > 0 {
		parts = append(parts, Amount(math.Round(gw.Effort), stride.MinutesUnit)+" of effort")
	}
	if gw.Held > 0 {
		parts = append(parts, Plural(gw.Held, "rest day"))
	}
	return strings.Join(parts, ", ")
}

// Effort honours a week's effort apart from its outcome: "Your effort
// counts: 5h30m this week.", or "" when no effort was recorded.
func Effort(minutes float64) string {
	if minutes < 0.5 {
		return ""
	}
	return fmt.Sprintf("Your effort counts: %s this week.", Amount(math.Round(minutes), stride.MinutesUnit))
}

// FocusKept says how the week's daily focus went: "Focus done on 3 of 5
// days.". Days whose focus stayed open are simply not counted.
func FocusKept(done, set int) string {
	switch {
	case set == 0:
		return "No focus set this week: one key task a day can start any morning."
	case done == set && set == 1:
		return "Focus done on the 1 day you set one."
	case done == set:
		return fmt.Sprintf("Focus done on all %d days you set one.", set)
	case done == 0:
		return fmt.Sprintf("%s set; each can carry over to a new day.", Plural(set, "focus day"))
	}
	return fmt.Sprintf("Focus done on %d of %d days.", done, set)
}

// Themes lists lesson themes with their counts, most frequent first as
// given: "time ×3, energy ×1".
func Themes(themes []stride.ThemeCount) string {
	parts := make([]string, len(themes))
	for i, t := range themes {
		parts[i] = fmt.Sprintf("%s ×%d", t.Name, t.Count)
	}
	return strings.Join(parts, ", ")
}

// WorkWeek says what a work's week held: "essay: 3 iterations, shipped
// version 2".
func WorkWeek(ww stride.WorkWeek) string {
	parts := []string{}
	if ww.Iterations > 0 {
		parts = append(parts, Plural(ww.Iterations, "iteration"))
	}
	for _, v := range ww.Shipped {
		parts = append(parts, fmt.Sprintf("shipped version %d", v))
	}
	if len(parts) == 0 {
		return ww.Name
	}
	return ww.Name + ": " + strings.Join(parts, ", ")
}

// Far says how far a goal (or the whole record) has come, comparing its
// first four weeks with its last four. unit names the per-week amount:
// the goal's unit, "days" for a check goal (days with a step) or "steps"
// for the whole record. A lower rate now is shown as the wave it is.
func Far(f *stride.HowFar, unit string) string {
	if f == nil {
		return ""
	}
	first, last := perWeek(f.First.PerWeek, unit), perWeek(f.Last.PerWeek, unit)
	var b strings.Builder
	if f.Last.PerWeek >= f.First.PerWeek {
		fmt.Fprintf(&b, "From %s a week in your first four weeks to %s a week in your last four.", first, last)
	} else {
		fmt.Fprintf(&b, "Your first four weeks: %s a week; your last four: %s a week. Progress comes in waves, and the record keeps every step.", first, last)
	}
	fmt.Fprintf(&b, " Momentum %s then, %s now.", Pct(f.First.Momentum), Pct(f.Last.Momentum))
	if f.First.Effort > 0 || f.Last.Effort > 0 {
		fmt.Fprintf(&b, " Effort %s a week then, %s now.", perWeek(f.First.Effort, stride.MinutesUnit), perWeek(f.Last.Effort, stride.MinutesUnit))
	}
	return b.String()
}

// perWeek rounds a weekly rate to a readable amount: whole numbers from
// ten up, one decimal below.
func perWeek(v float64, unit string) string {
	if v >= 10 {
		v = math.Round(v)
	} else {
		v = math.Round(v*10) / 10
	}
	return Amount(v, unit)
}
