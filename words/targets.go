package words

import (
	"strings"

	"github.com/strideapp/stride"
)

// TargetsToCome says the targets of g set to start after today, oldest
// first, each as "from Thu 10: 5 pages/day" (the date in full when it is
// four weeks away or more), joined by "; "; "" when none is to come.
func TargetsToCome(g *stride.Goal, today stride.Date) string {
	var parts []string
	for _, t := range g.TargetsAfter(today) {
		day := ShortDay(t.From)
		if t.From-today >= 28 {
			day = Day(t.From)
		}
		parts = append(parts, "from "+day+": "+Target(g, t))
	}
	return strings.Join(parts, "; ")
}
