package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// lineWidth is the width every line of output stays within.
const lineWidth = 80

// day formats a date the way stride echoes it: "Sat 2026-11-21".
func day(d stride.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

// shortDay formats a recent date: "Tue 18".
func shortDay(d stride.Date) string {
	return fmt.Sprintf("%s %d", d.Weekday().String()[:3], d.Day())
}

// pct formats a share 0..1 as a whole percentage.
func pct(v float64) string { return fmt.Sprintf("%d%%", int(math.Round(v*100))) }

// delta formats a change of momentum in percentage points with its sign:
// "+3%", "−5%", "+0.4%" (small changes keep a decimal so they never read 0).
func delta(v float64) string {
	p := v * 100
	sign := "+"
	if p < 0 {
		sign, p = "−", -p
	}
	switch {
	case p < 0.05:
		return "±0%"
	case p < 0.95:
		return fmt.Sprintf("%s%.1f%%", sign, p)
	}
	return fmt.Sprintf("%s%d%%", sign, int(math.Round(p)))
}

// bar draws a share 0..1 as cells of █ and ░.
func bar(v float64, cells int) string {
	n := int(math.Round(math.Max(0, math.Min(1, v)) * float64(cells)))
	return strings.Repeat("█", n) + strings.Repeat("░", cells-n)
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// spark draws one day's amount against a scale: '·' for nothing, '-' for a
// held day without steps, a block from ▁ to █ otherwise.
func spark(amount, scale float64, held bool) rune {
	switch {
	case amount <= 0 && held:
		return '-'
	case amount <= 0:
		return '·'
	case scale <= 0:
		return sparks[len(sparks)-1]
	}
	i := int(math.Ceil(amount/scale*float64(len(sparks)))) - 1
	return sparks[max(0, min(len(sparks)-1, i))]
}

// level draws a share 0..1 as one of eight blocks.
func level(v float64) rune {
	i := int(math.Round(math.Max(0, math.Min(1, v)) * float64(len(sparks)-1)))
	return sparks[i]
}

// width returns the number of terminal cells s takes, for the block and
// box characters stride prints (one cell each).
func width(s string) int { return utf8.RuneCountInString(s) }

// pad pads s with spaces to n cells.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// clip shortens s to n cells, ending with … when cut.
func clip(s string, n int) string {
	if width(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(0, n-1)]) + "…"
}

// amountOf formats an amount in the goal's unit: "45 min", "12 pages",
// "1 time".
func amountOf(v float64, unit string) string {
	if v == 1 && len(unit) > 1 && strings.HasSuffix(unit, "s") && unit != "times" {
		unit = strings.TrimSuffix(unit, "s") // 1 cup, 1 page
	}
	return stride.FormatAmount(v, unit)
}

// paceText says how the period is going: "90/150 min this week",
// "2/3 times this week", "✓ today".
func paceText(p stride.Pace, unit string) string {
	period := periodName(p)
	if p.State == stride.PaceResting && p.Done == 0 {
		return "rest day"
	}
	if p.Count {
		if p.Per == stride.PerDay {
			if p.Done > 0 {
				return "✓ today"
			}
			return "not yet today"
		}
		what := "times"
		if p.Target == 1 {
			what = "time"
		}
		return fmt.Sprintf("%s/%s %s %s", stride.FormatNumber(p.Done), stride.FormatNumber(p.Target), what, period)
	}
	u := unit
	if u == "" {
		u = "times"
	}
	return fmt.Sprintf("%s/%s %s %s", stride.FormatNumber(p.Done), stride.FormatNumber(p.Target), u, period)
}

func periodName(p stride.Pace) string {
	switch p.Per {
	case stride.PerDay:
		return "today"
	case stride.PerWeek:
		return "this week"
	case stride.PerMonth:
		return "this month"
	}
	return fmt.Sprintf("these %d days", int(p.To-p.From)+1)
}

// paceWord describes the pace state in a few kind words.
func paceWord(p stride.Pace) string {
	switch p.State {
	case stride.PaceMet:
		return "target met"
	case stride.PaceAhead:
		return "ahead of pace"
	case stride.PaceOnPace:
		return "on pace"
	case stride.PaceBehind:
		return "room to catch up"
	case stride.PaceOver:
		return "over the limit for now"
	case stride.PaceWithin:
		return "within the limit"
	case stride.PaceResting:
		return "resting"
	}
	return string(p.State)
}

// nextText returns the smallest step of a goal and what it would add:
// "put on shoes and walk 5 minutes (+3% momentum)".
func nextText(gs *stride.GoalStatus) string {
	text := gs.Next.Text
	if text == "" && gs.Goal != nil {
		text = gs.Goal.SmallestStep
	}
	if text == "" {
		text = "log " + amountOf(gs.Next.Amount, gs.Unit)
	}
	if d := gs.Next.Momentum - gs.Momentum; d > 0.0005 {
		text += " (" + delta(d) + " momentum)"
	}
	return text
}

// plural writes a count with its noun: "1 step", "3 steps".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
