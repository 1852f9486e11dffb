package words

import (
	"testing"

	"github.com/strideapp/stride"
)

func TestTargetsToCome(t *testing.T) {
	today := stride.NewDate(2026, 12, 7)
	g := &stride.Goal{Unit: "pages", Direction: stride.AtLeast, Targets: []stride.Target{
		{From: today - 30, Amount: 20, Unit: "pages", Per: stride.PerWeek},
		{From: today + 3, Amount: 5, Unit: "pages", Per: stride.PerDay},
		{From: today + 40, Amount: 6, Unit: "pages", Per: stride.PerDay},
	}}
	want := "from Thu 10: 5 pages/day; from Sat 2027-01-16: 6 pages/day"
	if got := TargetsToCome(g, today); got != want {
		t.Errorf("TargetsToCome = %q, want %q", got, want)
	}
	if got := TargetsToCome(g, today+40); got != "" {
		t.Errorf("on the day of the last target: %q, want none to come", got)
	}
	// The first target is in effect from the start, even one still ahead.
	g.Targets = g.Targets[1:2]
	if got := TargetsToCome(g, today); got != "" {
		t.Errorf("a goal starting later: %q, want none to come", got)
	}
}
