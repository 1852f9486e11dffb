package words

import (
	"fmt"

	"github.com/strideapp/stride"
)

// Shade returns the shade of a day's credit in the calendar heatmaps (the
// web app's and stride show's): 0 for none, 1 under a third, 2 under two
// thirds, 3 for more, and 4 for full credit as Credit rounds it (99.5% and
// up), so a day called "full credit" is drawn full.
func Shade(credit float64) int {
	switch {
	case credit <= 0:
		return 0
	case credit < 0.34:
		return 1
	case credit < 0.67:
		return 2
	case credit < 0.995:
		return 3
	}
	return 4
}

// KeyEntry is one entry of a heatmap's key: the shades it stands for (see
// Shade), or a rest day, and what they mean.
type KeyEntry struct {
	Shades []int
	Rest   bool // a rest day (skipped or paused): momentum held still
	Label  string
}

// HeatKey says what the shades of g's calendar mean, for a key beside
// it: a sentence on what a day's shade measures, and the entries, the
// full shade first. A day is shaded by its credit, which looks back over
// the target's period (momentum.Run), so a day without a step can still
// be shaded by the days before it; for a limit the full shade is the good
// one, staying within it.
func HeatKey(g *stride.Goal) (lead string, entries []KeyEntry) {
	t := g.Target
	target := Target(g, t)
	if len(g.Targets) > 1 {
		target = "now " + target
	}
	n := t.Days()
	for _, o := range g.Targets {
		if o.Days() != n {
			n = 0 // periods of different lengths over the years
		}
	}
	window := fmt.Sprintf("the %d days up to it", n)
	if n == 0 {
		window = "the target's period up to it"
	}
	rest := KeyEntry{Rest: true, Label: "rest day"}
	if g.Direction == stride.AtMost {
		lead = fmt.Sprintf("A day is shaded full while %s, rest days aside, stay within the limit (%s), lighter the further over, lightest at twice the limit.",
			window, target)
		if n == 1 {
			lead = fmt.Sprintf("A day is shaded full when it stays within the limit (%s), lighter the further over, lightest at twice the limit.", target)
		}
		return lead, []KeyEntry{
			{Shades: []int{4}, Label: "within the limit"},
			{Shades: []int{3, 2, 1}, Label: "over the limit"},
			{Shades: []int{0}, Label: "twice the limit"},
			rest,
		}
	}
	lead = fmt.Sprintf("A day is shaded by how much of the target (%s) %s met, rest days aside, so a day without a step can still show the work before it.",
		target, window)
	if n == 1 {
		lead = fmt.Sprintf("A day is shaded by how much of its target (%s) it met.", target)
	}
	return lead, []KeyEntry{
		{Shades: []int{4}, Label: "target met"},
		{Shades: []int{3}, Label: "most"},
		{Shades: []int{2}, Label: "about half"},
		{Shades: []int{1}, Label: "some"},
		{Shades: []int{0}, Label: "a gap"},
		rest,
	}
}
