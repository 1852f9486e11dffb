package chart

import (
	"encoding/xml"
	"html/template"
	"io"
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

func TestHeatmap(t *testing.T) {
	days := sample()
	s := Heatmap(days, time.Monday, "min")
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
	if Heatmap(nil, time.Monday, "") != "" || Trend(nil) != "" || Weeks(nil, g) != "" || Spark(nil, 1) != "" {
		t.Error("empty input draws nothing")
	}
}

func TestLabelsEscaped(t *testing.T) {
	days := sample()[:7]
	s := string(Heatmap(days, time.Monday, `<script>`))
	if strings.Contains(s, "<script>") {
		t.Fatal("a unit reached the SVG unescaped")
	}
}
