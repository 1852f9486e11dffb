package words

import (
	"fmt"
	"math"
	"strings"

	"github.com/strideapp/stride"
)

// This file holds the words of wins, which the review package writes into
// every win it finds, and of the weekly summary's effort and themes. They
// celebrate what the record earned and honour effort as effort; a week
// below target is "a gap", never a failure (METHOD.md, Tone).

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
		if w.Limit {
			return fmt.Sprintf("%s in a row within the limit for %s.", Plural(int(w.Amount), "week"), name)
		}
		return fmt.Sprintf("%s in a row on pace for %s.", Plural(int(w.Amount), "week"), name)
	case stride.WinComeback:
		if w.Limit && w.Amount == 0 {
			return fmt.Sprintf("Back within the limit for %s this week.", name)
		}
		if w.Limit {
			return fmt.Sprintf("Back within the limit for %s: %s this week.", name, Amount(w.Amount, w.Unit))
		}
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

// Effort honours a week's effort apart from its outcome: "Your effort
// counts: 5h30m this week.", or "" when no effort was recorded.
func Effort(minutes float64) string {
	if minutes < 0.5 {
		return ""
	}
	return fmt.Sprintf("Your effort counts: %s this week.", Amount(math.Round(minutes), stride.MinutesUnit))
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
