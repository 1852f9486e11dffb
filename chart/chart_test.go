package chart

import (
	"encoding/xml"
	"html/template"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// wellFormed parses the SVG and counts its elements by name.
func wellFormed(t *testing.T, s template.HTML) map[string]int {
	t.Helper()
	counts := map[string]int{}
	dec := xml.NewDecoder(strings.NewReader(string(s)))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed SVG: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
	return counts
}

func sample() []stride.Day {
	start := stride.NewDate(2026, 1, 5)
	var days []stride.Day
	for i := range 365 {
		d := stride.Day{Date: start + stride.Date(i), Momentum: float64(i%100) / 100}
		switch i % 5 {
		case 0:
		case 1:
			d.Held = true
		default:
			d.Amount, d.Credit = float64(10*(i%4)), float64(i%4)/3
		}
		days = append(days, d)
	}
	return days
}

func walkGoal(start stride.Date) *stride.Goal {
	tg := stride.Target{From: start, Amount: 150, Unit: "min", Per: stride.PerWeek}
	return &stride.Goal{Name: "walk", Unit: "min", Target: tg, Targets: []stride.Target{tg}, Start: start}
}

func TestHeatmap(t *testing.T) {
	days := sample()
	s := Heatmap(days, time.Monday, walkGoal(days[0].Date))
	c := wellFormed(t, s)
	if c["rect"] != len(days) || c["svg"] != 1 {
		t.Fatalf("heatmap has %d cells for %d days", c["rect"], len(days))
	}
	for _, want := range []string{`role="img"`, "aria-label=", "hm-held", "rest day", "a gap"} {
		if !strings.Contains(string(s), want) {
			t.Errorf("heatmap lacks %q", want)
		}
	}
}

func TestTrendWeeksSpark(t *testing.T) {
	days := sample()
	if c := wellFormed(t, Trend(days)); c["polyline"] != 1 {
		t.Errorf("trend: %v", c)
	}
	tg := stride.Target{From: days[0].Date, Amount: 150, Unit: "min", Per: stride.PerWeek}
	g := &stride.Goal{Name: "walk", Unit: "min", Target: tg, Targets: []stride.Target{tg}, Start: days[0].Date}
	weeks := momentum.Weeks(g, days, time.Monday, days[len(days)-1].Date, 12)
	if c := wellFormed(t, Weeks(weeks, g)); c["rect"] != 12 || c["polyline"] != 1 {
		t.Errorf("weeks: %v", c)
	}
	if c := wellFormed(t, Spark(days[len(days)-14:], 30)); c["rect"] != 14 {
		t.Errorf("spark: %v", c)
	}
	if Heatmap(nil, time.Monday, g) != "" || Trend(nil) != "" || Weeks(nil, g) != "" || Spark(nil, 1) != "" {
		t.Error("empty input draws nothing")
	}
}

func TestLabelsEscaped(t *testing.T) {
	days := sample()[:7]
	g := walkGoal(days[0].Date)
	g.Unit = `<script>`
	s := string(Heatmap(days, time.Monday, g))
	if strings.Contains(s, "<script>") {
		t.Fatal("a unit reached the SVG unescaped")
	}
}

// TestHeatmapCells: each cell's class is its shade as the key names it,
// and its tooltip says what the day holds in the key's terms: a rest day
// stays a rest day with a step logged on it, a day without a step can
// carry credit from the days before it, and a limit's empty day is no gap.
func TestHeatmapCells(t *testing.T) {
	d := stride.NewDate(2026, 3, 2) // a Monday
	days := []stride.Day{
		{Date: d, Amount: 150, Credit: 1},
		{Date: d + 1, Credit: 0.8},
		{Date: d + 2, Held: true},
		{Date: d + 3, Held: true, Amount: 20},
		{Date: d + 4, Amount: 10, Credit: 0.1},
		{Date: d + 5, Amount: 40, Credit: 0.5},
		{Date: d + 6},
	}
	g := walkGoal(d)
	cells := regexp.MustCompile(`<rect class="([^"]+)"[^>]*><title>([^<]*)</title>`).FindAllStringSubmatch(string(Heatmap(days, time.Monday, g)), -1)
	want := [][2]string{
		{"hm-4", "Mon 2026-03-02: 2h30m, full credit"},
		{"hm-3", "Tue 2026-03-03: no step, 80% credit from the days before"},
		{"hm-held", "Wed 2026-03-04: rest day"},
		{"hm-held", "Thu 2026-03-05: rest day, 20 min logged"},
		{"hm-1", "Fri 2026-03-06: 10 min, 10% credit"},
		{"hm-2", "Sat 2026-03-07: 40 min, 50% credit"},
		{"hm-0", "Sun 2026-03-08: a gap"},
	}
	if len(cells) != len(want) {
		t.Fatalf("%d cells for %d days", len(cells), len(want))
	}
	for i, c := range cells {
		if got := [2]string{c[1], c[2]}; got != want[i] {
			t.Errorf("cell %d: %q, want %q", i, got, want[i])
		}
	}

	// A day before the start the goal was given, after a step logged
	// earlier moved its start back, asks nothing: no rest day, no gap.
	if s := string(Heatmap([]stride.Day{{Date: d, Held: true, Untracked: true}}, time.Monday, g)); !strings.Contains(s, `class="hm-untracked"`) ||
		!strings.Contains(s, "before the start you gave it") || strings.Contains(s, "rest day") {
		t.Errorf("an untracked day: %s", s)
	}

	coffee := &stride.Goal{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Start: d,
		Target: stride.Target{From: d, Amount: 2, Unit: "cups", Per: stride.PerDay}}
	if s := string(Heatmap([]stride.Day{{Date: d, Credit: 1}}, time.Monday, coffee)); !strings.Contains(s, "none, full credit") || strings.Contains(s, "a gap") {
		t.Errorf("a limit's day without an entry: %s", s)
	}
}

// TestHeatmapKey: the key names every shade a cell can take, the full one
// first, and says what a day's shade measures for the goal's target.
func TestHeatmapKey(t *testing.T) {
	d := stride.NewDate(2026, 3, 2)
	daily := stride.Target{From: d, Amount: 30, Unit: "min", Per: stride.PerDay}
	limit := stride.Target{From: d, Amount: 14, Unit: "cups", Per: stride.PerWeek}
	raised := stride.Target{From: d + 60, Amount: 40, Unit: "min", Per: stride.PerDay}
	for _, c := range []struct {
		name   string
		g      *stride.Goal
		lead   []string
		labels []string
	}{
		{"a weekly target", walkGoal(d),
			[]string{"how much of the target (150 min/week) the 7 days up to it met", "a day without a step can still show"},
			[]string{"target met", "most", "about half", "some", "a gap", "rest day"}},
		{"a daily target", &stride.Goal{Unit: "min", Target: daily, Targets: []stride.Target{daily}},
			[]string{"how much of its target (30 min/day) it met."},
			[]string{"target met", "most", "about half", "some", "a gap", "rest day"}},
		{"a raised target", &stride.Goal{Unit: "min", Target: raised, Targets: []stride.Target{daily, raised}},
			[]string{"its target (now 40 min/day)"},
			[]string{"target met", "most", "about half", "some", "a gap", "rest day"}},
		{"a limit", &stride.Goal{Unit: "cups", Direction: stride.AtMost, Target: limit, Targets: []stride.Target{limit}},
			[]string{"full while the 7 days up to it, rest days aside, stay within the limit (at most 14 cups/week)", "lightest at twice the limit"},
			[]string{"within the limit", "over the limit", "twice the limit", "rest day"}},
	} {
		k := HeatmapKey(c.g)
		for _, w := range c.lead {
			if !strings.Contains(k.Lead, w) {
				t.Errorf("%s: the key says %q, want %q", c.name, k.Lead, w)
			}
		}
		var labels []string
		classes := map[string]bool{}
		for _, e := range k.Entries {
			labels = append(labels, e.Label)
			for _, cl := range e.Classes {
				classes[cl] = true
			}
		}
		if strings.Join(labels, ", ") != strings.Join(c.labels, ", ") {
			t.Errorf("%s: labels %q, want %q", c.name, labels, c.labels)
		}
		for _, cl := range []string{"hm-0", "hm-1", "hm-2", "hm-3", "hm-4", "hm-held"} {
			if !classes[cl] {
				t.Errorf("%s: the key has no swatch of %s", c.name, cl)
			}
		}
		if k.Entries[0].Classes[0] != "hm-4" {
			t.Errorf("%s: the key starts with %v, want the full shade", c.name, k.Entries[0].Classes)
		}
	}
}

// A limit's week is drawn and worded as a limit: the line is the limit,
// and a daily limit's week is within it when no day went over, whatever
// its total. A rest day lowers the week's line, as in the review.
func TestWeeksLimit(t *testing.T) {
	start := stride.NewDate(2026, 1, 5) // a Monday
	tg, dir, _ := stride.ParseTarget("at most 2 cups/day")
	tg.From = start
	g := &stride.Goal{Name: "coffee", Unit: "cups", Direction: dir, Target: tg, Targets: []stride.Target{tg}, Start: start}
	var days []stride.Day
	for i := range 14 {
		d := stride.Day{Date: start + stride.Date(i), Amount: 1, Steps: 1, Credit: 1}
		switch i {
		case 2: // 4 cups on one day of the first week: over, no credit
			d.Amount, d.Credit = 4, 0
		case 9: // a rest day in the second
			d.Amount, d.Steps, d.Held, d.Credit = 0, 0, true, 0
		}
		days = append(days, d)
	}
	weeks := momentum.Weeks(g, days, time.Monday, start+13, 2)
	if weeks[0].Over != 1 || weeks[0].Aim != 14 || weeks[1].Over != 0 || weeks[1].Aim != 12 || weeks[1].Days != 6 {
		t.Fatalf("weeks: %+v", weeks)
	}
	s := string(Weeks(weeks, g))
	for _, want := range []string{
		"Weekly totals for 2 weeks against the limit; the last week has 6 cups, no day over the limit of 2 cups a day.",
		"week of 2026-01-05: 10 cups, 1 day over the limit of 2 cups a day (at most 2 cups/day)",
		`<rect class="bar bar-met"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "bar-met") != 1 {
		t.Errorf("the week with a day over is drawn as kept:\n%s", s)
	}
}
