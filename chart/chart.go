// Package chart draws stride's charts as SVG on the server: a calendar
// heatmap, the momentum trend, weekly totals against the target, and a
// sparkline. No JavaScript and no inline styles (the web app's CSP allows
// neither): shapes carry classes (hm-0 … hm-4, hm-held, trend, bar, aim…)
// that the stylesheet colours for light and dark themes. Each chart is one
// <svg role="img"> with an aria-label that says in words what it shows;
// the heatmap's key (HeatmapKey) is words and classes for the page to lay
// out beside it, so the shades are told in text, not by colour alone.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
	"github.com/strideapp/stride/words"
)

// svg opens a chart of the given size with its accessible label.
func svg(b *strings.Builder, class string, w, h int, label string) {
	fmt.Fprintf(b, `<svg class="chart %s" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		class, w, h, html.EscapeString(label))
}

// Heatmap draws days as a calendar: one column per week (weeks starting on
// weekStart), one row per weekday, each cell shaded by the day's credit
// (words.Shade) or as a rest day, with a tooltip giving the date and
// amount. days must be consecutive, days of g. HeatmapKey says what the
// shades mean.
func Heatmap(days []stride.Day, weekStart time.Weekday, g *stride.Goal) template.HTML {
	if len(days) == 0 {
		return ""
	}
	const cell, gap, top, left, right = 11, 2, 14, 26, 8 // right: room for a month's name over the last week
	first := days[0].Date.StartOfWeek(weekStart)
	weeks := int(days[len(days)-1].Date-first)/7 + 1
	w, h := left+weeks*(cell+gap)+right, top+7*(cell+gap)
	var b strings.Builder
	active := 0
	for _, d := range days {
		if d.Amount > 0 {
			active++
		}
	}
	svg(&b, "heatmap", w, h, fmt.Sprintf("Calendar of %d days from %s to %s: %d with a step.",
		len(days), days[0].Date, days[len(days)-1].Date, active))
	for r := 0; r < 7; r += 2 {
		wd := time.Weekday((int(weekStart) + r) % 7)
		fmt.Fprintf(&b, `<text class="label" x="0" y="%d">%s</text>`, top+r*(cell+gap)+cell-2, wd.String()[:3])
	}
	lastMonth := time.Month(0)
	for _, d := range days {
		col := int(d.Date-first) / 7
		row := int(d.Date-first) % 7
		x, y := left+col*(cell+gap), top+row*(cell+gap)
		if m := d.Date.Month(); row == 0 && m != lastMonth && d.Date.Day() <= 7 {
			fmt.Fprintf(&b, `<text class="label" x="%d" y="10">%s</text>`, x, m.String()[:3])
			lastMonth = m
		}
		class := shadeClass(words.Shade(d.Credit))
		if d.Untracked {
			class = "hm-untracked" // asked nothing: drawn as no day of the record
		} else if d.Held {
			class = "hm-held"
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%d" y="%d" width="%d" height="%d" rx="2"><title>%s</title></rect>`,
			class, x, y, cell, cell, html.EscapeString(words.Day(d.Date)+": "+dayTip(d, g)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func shadeClass(shade int) string { return fmt.Sprintf("hm-%d", shade) }

// dayTip says what a heatmap's cell holds. A day without a step can have
// credit from the days before it in the target's period, and a limit's
// empty day is no gap.
func dayTip(d stride.Day, g *stride.Goal) string {
	switch {
	case d.Untracked:
		return "before the start you gave it, untracked: it asks nothing"
	case d.Held && d.Amount == 0:
		return "rest day"
	case d.Held: // a step on a day rested before it: the day still rests, and has no credit
		return "rest day, " + words.Amount(d.Amount, g.Unit) + " logged"
	case d.Amount > 0:
		return words.Amount(d.Amount, g.Unit) + ", " + words.Credit(d.Credit)
	case g.Direction == stride.AtMost:
		return "none, " + words.Credit(d.Credit)
	case d.Credit > 0:
		return "no step, " + words.Credit(d.Credit) + " from the days before"
	}
	return "a gap"
}

// Key is a heatmap's key, for a page to show beside it in text: what a
// day's shade measures, and each entry's swatches (the classes its cells
// carry) with what they mean.
type Key struct {
	Lead    string
	Entries []KeyEntry
}

// KeyEntry is one entry of a Key.
type KeyEntry struct {
	Classes []string
	Label   string
}

// HeatmapKey returns the key of g's heatmap, in words.HeatKey's words.
func HeatmapKey(g *stride.Goal) Key {
	lead, entries := words.HeatKey(g)
	k := Key{Lead: lead}
	for _, e := range entries {
		ke := KeyEntry{Label: e.Label}
		if e.Rest {
			ke.Classes = []string{"hm-held"}
		}
		for _, s := range e.Shades {
			ke.Classes = append(ke.Classes, shadeClass(s))
		}
		k.Entries = append(k.Entries, ke)
	}
	return k
}

// Trend draws momentum over days as a line on a 0–100% scale, with
// gridlines at 50% and 100% and the first and last values labelled.
func Trend(days []stride.Day) template.HTML {
	if len(days) == 0 {
		return ""
	}
	const w, h, pad = 600, 120, 4
	var b strings.Builder
	first, last := days[0], days[len(days)-1]
	svg(&b, "trend", w, h, fmt.Sprintf("Momentum from %s on %s to %s on %s.",
		words.Pct(first.Momentum), first.Date, words.Pct(last.Momentum), last.Date))
	y := func(v float64) float64 { return pad + (1-v)*(h-2*pad) }
	for _, g := range []float64{0.5, 1} {
		fmt.Fprintf(&b, `<line class="grid" x1="0" x2="%d" y1="%.1f" y2="%.1f"/>`, w, y(g), y(g))
	}
	var pts []string
	step := float64(w) / math.Max(1, float64(len(days)-1))
	for i, d := range days {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", float64(i)*step, y(d.Momentum)))
	}
	fmt.Fprintf(&b, `<polyline class="trend-line" fill="none" points="%s"/>`, strings.Join(pts, " "))
	fmt.Fprintf(&b, `<text class="label" x="2" y="%.1f">%s</text>`, math.Max(12, y(first.Momentum)-4), words.Pct(first.Momentum))
	fmt.Fprintf(&b, `<text class="label" x="%d" y="%.1f" text-anchor="end">%s</text>`, w-2, math.Max(12, y(last.Momentum)-4), words.Pct(last.Momentum))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Weeks draws weekly totals as bars against what the target asked of each
// week (momentum.Weeks: rest days lower it), drawn as a step line so a
// change of target shows where it began. For a limit the line is the
// limit, and a bar is within it when the week kept it: no day over for a
// limit judged day by day, the total within the line for a weekly one.
func Weeks(weeks []momentum.WeekTotal, g *stride.Goal) template.HTML {
	if len(weeks) == 0 {
		return ""
	}
	const w, h, top, bottom = 600, 150, 10, 18
	top2 := 0.0
	for _, wk := range weeks {
		top2 = math.Max(top2, math.Max(wk.Done, wk.Aim))
	}
	scale := func(v float64) float64 { return (h - top - bottom) * v / math.Max(top2, 1e-9) }
	var b strings.Builder
	lastWk := weeks[len(weeks)-1]
	limit := g.Direction == stride.AtMost
	label := fmt.Sprintf("Weekly totals for %d weeks; the last week has %s of %s.",
		len(weeks), words.Amount(lastWk.Done, unitOf(g, lastWk.Target)), aimText(lastWk, g))
	if limit {
		label = fmt.Sprintf("Weekly totals for %d weeks against the limit; the last week has %s, %s.",
			len(weeks), words.Amount(lastWk.Done, unitOf(g, lastWk.Target)), limitText(lastWk, g))
	}
	svg(&b, "weeks", w, h, label)
	slot := float64(w) / float64(len(weeks))
	var aim []string
	for i, wk := range weeks {
		x := float64(i) * slot
		bh := scale(wk.Done)
		met := "bar"
		if kept(wk, g) {
			met = "bar bar-met"
		}
		tip := fmt.Sprintf("week of %s: %s of %s (%s)", wk.Start, words.Amount(wk.Done, unitOf(g, wk.Target)),
			aimText(wk, g), words.Target(g, wk.Target))
		if limit {
			tip = fmt.Sprintf("week of %s: %s, %s (%s)", wk.Start, words.Amount(wk.Done, unitOf(g, wk.Target)),
				limitText(wk, g), words.Target(g, wk.Target))
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s</title></rect>`,
			met, x+slot*0.15, h-bottom-bh, slot*0.7, bh, html.EscapeString(tip))
		ay := h - bottom - scale(wk.Aim)
		aim = append(aim, fmt.Sprintf("%.1f,%.1f %.1f,%.1f", x, ay, x+slot, ay))
		if i%max(1, len(weeks)/6) == 0 {
			fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%d">%s %d</text>`, x+2, h-4, wk.Start.Month().String()[:3], wk.Start.Day())
		}
	}
	fmt.Fprintf(&b, `<polyline class="aim" fill="none" points="%s"/>`, strings.Join(aim, " "))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// kept reports whether a week met its target, or kept within its limit.
func kept(wk momentum.WeekTotal, g *stride.Goal) bool {
	switch {
	case g.Direction != stride.AtMost:
		return wk.Aim > 0 && wk.Done >= wk.Aim
	case momentum.ByDay(wk.Target):
		return wk.Over == 0
	}
	return wk.Done <= wk.Aim+1e-9
}

// aimText writes a week's aim as a reader wants it (a share of a week
// rounded: 128.57 min reads 2h9m).
func aimText(wk momentum.WeekTotal, g *stride.Goal) string {
	return words.Amount(words.RoundShare(wk.Aim), unitOf(g, wk.Target))
}

// limitText says how a week of a limit went: "within the limit of 14
// cups", "2 days over the limit of 2 cups a day".
func limitText(wk momentum.WeekTotal, g *stride.Goal) string {
	switch {
	case momentum.ByDay(wk.Target) && wk.Over > 0:
		return fmt.Sprintf("%s over the limit of %s", words.Plural(wk.Over, "day"), words.PeriodLimit(wk.Target, g.Unit))
	case momentum.ByDay(wk.Target):
		return "no day over the limit of " + words.PeriodLimit(wk.Target, g.Unit)
	case wk.Done > wk.Aim+1e-9:
		return "over the limit of " + aimText(wk, g)
	}
	return "within the limit of " + aimText(wk, g)
}

func unitOf(g *stride.Goal, t stride.Target) string {
	if t.Count {
		return ""
	}
	return g.Unit
}

// Spark draws the recent days' amounts as small bars, held days as a short
// dash, scaled to the larger of the biggest day and scale.
func Spark(days []stride.Day, scale float64) template.HTML {
	if len(days) == 0 {
		return ""
	}
	const bw, h = 6, 20
	w := len(days) * (bw + 2)
	for _, d := range days {
		scale = math.Max(scale, d.Amount)
	}
	var b strings.Builder
	active := 0
	for _, d := range days {
		if d.Amount > 0 {
			active++
		}
	}
	svg(&b, "spark", w, h, fmt.Sprintf("Last %d days: %d with a step.", len(days), active))
	for i, d := range days {
		x := i * (bw + 2)
		switch {
		case d.Amount > 0:
			bh := math.Max(2, h*d.Amount/math.Max(scale, 1e-9))
			fmt.Fprintf(&b, `<rect class="spark-bar" x="%d" y="%.1f" width="%d" height="%.1f"/>`, x, h-bh, bw, bh)
		case d.Untracked: // before the start it was given: nothing drawn
		case d.Held:
			fmt.Fprintf(&b, `<rect class="spark-held" x="%d" y="%d" width="%d" height="2"/>`, x, h/2, bw)
		default:
			fmt.Fprintf(&b, `<rect class="spark-gap" x="%d" y="%d" width="%d" height="1"/>`, x, h-1, bw)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
