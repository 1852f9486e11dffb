package export

import (
	"fmt"
	"strconv"

	"github.com/strideapp/stride"
)

// Created lists what an import summary counts as created (or, in a dry
// run, to be created), leaving out zeros: "8 goals", "1,204 steps",
// "12 skip days". The CLI and the web app say it alike.
func Created(s *stride.ImportSummary) []string {
	var out []string
	for _, p := range []struct {
		n         int
		one, many string
	}{
		{s.Goals, "goal", "goals"}, {s.Steps, "step", "steps"}, {s.Skips, "skip day", "skip days"},
		{s.Pauses, "pause", "pauses"}, {s.Lessons, "lesson", "lessons"}, {s.Doubts, "doubt", "doubts"},
		{s.Focus, "day's focus", "days' focus"}, {s.Works, "work", "works"}, {s.Iterations, "iteration", "iterations"},
		{s.Reviews, "weekly review", "weekly reviews"},
	} {
		if p.n > 0 {
			out = append(out, Count(p.n, p.one, p.many))
		}
	}
	return out
}

// Span says the days of what a summary counts: ", from 2024-01-03 to
// 2025-06-30", ", on 2025-06-30", or "".
func Span(s *stride.ImportSummary) string {
	if s.From == nil || s.To == nil {
		return ""
	}
	if *s.From == *s.To {
		return ", on " + s.From.String()
	}
	return fmt.Sprintf(", from %s to %s", s.From, s.To)
}

// Count writes n with thousands separators and its noun: "1,204 steps".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + many
}
