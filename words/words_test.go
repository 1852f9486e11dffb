package words

import (
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

func TestNumbers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Delta(0.03), "+3%"}, {Delta(-0.052), "−5%"}, {Delta(0.004), "+0.4%"}, {Delta(0.0001), "±0%"},
		{Moved(0.28, 0.295), "28% → 30%"}, {Moved(0.002, 0.0098), "0% → 1%"}, {Moved(0.642, 0.6448), "64.2% → 64.5%"},
		{Moved(0.64151, 0.64249), "64.15% → 64.25%"}, {Moved(0.5, 0.5002), "50% → 50%"}, {Moved(0.7, 0.696), "70.0% → 69.6%"},
		{Pct(0.596), "60%"}, {Amount(1, "pages"), "1 page"}, {Amount(90, "min"), "1h30m"}, {Amount(2, ""), "2 times"},
		{Credit(1), "full credit"}, {Credit(0.6), "60% credit"}, {Credit(0), "no credit"},
		{Plural(1, "step"), "1 step"}, {Plural(3, "step"), "3 steps"},
		{ShortDay(stride.NewDate(2026, 11, 17)), "Tue 17"}, {Day(stride.NewDate(2026, 11, 21)), "Sat 2026-11-21"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestPace(t *testing.T) {
	week := stride.Pace{Per: stride.PerWeek, Done: 90, Target: 150, State: stride.PaceOnPace}
	if got := Pace(week, "min"); got != "90/150 min this week" {
		t.Errorf("week: %q", got)
	}
	// a first week begun on Sunday: the weekly 20 pages shared over 1 day
	first := stride.Pace{Per: stride.PerWeek, Done: 6, Target: 20.0 / 7, Days: 7, ActiveDays: 1, State: stride.PaceMet}
	if got := Pace(first, "pages"); got != "6/2.9 pages this week" {
		t.Errorf("first week: %q", got)
	}
	if got := PaceShare(first); got != "the aim covers 1 of this week's 7 days" {
		t.Errorf("first week's note: %q", got)
	}
	first.Target = 2571.43
	if got := Pace(first, "words"); got != "6/2571 words this week" {
		t.Errorf("a large share: %q", got)
	}
	// paused all week: nothing asked, so no "20/0"
	paused := stride.Pace{Per: stride.PerWeek, Done: 20, Days: 7, ActiveDays: 0, State: stride.PaceMet}
	if got, word := Pace(paused, "min"), PaceWord(paused); got != "20 min this week" || word != "resting" {
		t.Errorf("paused week: %q, %q", got, word)
	}
	if got := PaceShare(week); got != "" {
		t.Errorf("a whole week has a note: %q", got)
	}
	day := stride.Pace{Per: stride.PerDay, Count: true, Target: 1}
	if got := Pace(day, ""); got != "not yet today" {
		t.Errorf("check not done: %q", got)
	}
	day.Done = 1
	if got := Pace(day, ""); got != "✓ today" {
		t.Errorf("check done: %q", got)
	}
}

func TestWhyNeverShames(t *testing.T) {
	start := stride.NewDate(2026, 11, 1)
	tg := stride.Target{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}
	g := &stride.Goal{Name: "walk", Unit: "min", Target: tg, Targets: []stride.Target{tg}, Start: start, SmallestStep: "walk 5 minutes"}
	days, m := walked(start, start+20, func(d stride.Date) bool { return d%3 != 0 })
	st := &stride.GoalStatus{Goal: g, Name: "walk", Unit: "min", Momentum: m,
		Pace: stride.Pace{Per: stride.PerDay, Target: 30, State: stride.PaceOnPace}, Next: stride.NextStep{Text: "walk 5 minutes", Amount: 5, Momentum: m + 0.01}}
	w := Explain(g, st, days, start+20)
	if len(w.Down) == 0 || len(w.Up) == 0 {
		t.Fatalf("expected days that moved momentum both ways: %+v", w)
	}
	all := w.Trend() + w.HowItWorks() + w.RestSentence()
	for _, m := range append(w.Up, w.Down...) {
		all += m.Sentence(g)
	}
	text, nudge := w.Today()
	all += text
	if !nudge {
		t.Error("a day with nothing yet offers the smallest step")
	}
	for _, bad := range []string{"fail", "missed", "broke", "streak", "lazy", "should have"} {
		if strings.Contains(all, bad) {
			t.Errorf("why says %q: %s", bad, all)
		}
	}
}

// TestWhyTodayIsOpen: today without a step is not yet a gap.
func TestWhyTodayIsOpen(t *testing.T) {
	start := stride.NewDate(2026, 11, 1)
	today := start + 10
	tg := stride.Target{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}
	g := &stride.Goal{Name: "walk", Unit: "min", Target: tg, Targets: []stride.Target{tg}, Start: start}
	days, m := walked(start, today, func(d stride.Date) bool { return d < today })
	w := Explain(g, &stride.GoalStatus{Goal: g, Momentum: m}, days, today)
	if len(w.Down) != 1 || !w.Down[0].Open {
		t.Fatalf("today should be the one open day that eased momentum: %+v", w.Down)
	}
	got := w.Down[0].Sentence(g)
	if strings.Contains(got, "gap") || !strings.Contains(got, "the day is not over") {
		t.Errorf("today's sentence: %q", got)
	}
}

// TestWhyRestingGoalAsksNothing: a paused, done or archived goal offers
// no step for today, and its empty today is neither open nor a gap.
func TestWhyRestingGoalAsksNothing(t *testing.T) {
	start := stride.NewDate(2026, 11, 1)
	today := start + 10
	finished, until := today-2, today+5
	tg := stride.Target{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}
	days, m := walked(start, today, func(d stride.Date) bool { return d < finished })
	for _, c := range []struct {
		state        stride.GoalState
		until, done  *stride.Date
		says, denies string
	}{
		{stride.GoalPaused, &until, nil, "Paused until Mon 2026-11-16: nothing is asked of today", ""},
		{stride.GoalPaused, nil, nil, "Paused: nothing is asked of today", ""},
		{stride.GoalDone, nil, &finished, "Finished on Mon 2026-11-09: nothing more is asked of it.", ""},
		{stride.GoalArchived, nil, nil, "Archived: nothing is asked of it.", ""},
		{stride.GoalPaused, &today, nil, "Today: ", "Paused"}, // the pause is over today
	} {
		g := &stride.Goal{Name: "walk", Unit: "min", Target: tg, Targets: []stride.Target{tg}, Start: start,
			State: c.state, PausedUntil: c.until, FinishedOn: c.done}
		pace := stride.PaceMet // as a paused day's 0 of 0 is
		if c.denies != "" {
			pace = stride.PaceOnPace
		}
		st := &stride.GoalStatus{Goal: g, Unit: "min", Momentum: m, Pace: stride.Pace{Per: stride.PerDay, Target: 30, State: pace},
			Next: stride.NextStep{Amount: 5, Momentum: m + 0.01}}
		w := Explain(g, st, days, today)
		text, nudge := w.Today()
		if !strings.HasPrefix(text, c.says) || c.denies != "" && strings.Contains(text, c.denies) || nudge != (c.denies != "") {
			t.Errorf("%s until %v: today says %q (nudge %v), want %q", c.state, c.until, text, nudge, c.says)
		}
		for _, mv := range w.Down {
			if c.denies == "" && (mv.Open || mv.Day.Date == today || c.done != nil && mv.Day.Date > *c.done) {
				t.Errorf("%s: %q is explained, but nothing was asked of that day", c.state, mv.Sentence(g))
			}
		}
	}
}

// walked is the history of a 30 min/day goal from start through last,
// full on the days walk says, with momentum moving 6% toward each day's
// credit; it returns the days and the last momentum.
func walked(start, last stride.Date, walk func(stride.Date) bool) ([]stride.Day, float64) {
	var days []stride.Day
	m := 0.0
	for d := start; d <= last; d++ {
		day := stride.Day{Date: d}
		if walk(d) {
			day.Amount, day.Credit = 30, 1
			m = 0.94*m + 0.06
		} else {
			m = 0.94 * m
		}
		day.Momentum = m
		days = append(days, day)
	}
	return days, m
}

// TestShade: the heatmaps' five shades, the full one exactly where Credit
// says "full credit".
func TestShade(t *testing.T) {
	for _, c := range []struct {
		credit float64
		want   int
	}{{0, 0}, {-1, 0}, {0.01, 1}, {0.33, 1}, {0.34, 2}, {0.66, 2}, {0.67, 3}, {0.99, 3}, {0.995, 4}, {1, 4}} {
		if got := Shade(c.credit); got != c.want {
			t.Errorf("Shade(%v) = %d, want %d", c.credit, got, c.want)
		}
		if full := Credit(c.credit) == "full credit"; full != (Shade(c.credit) == 4) {
			t.Errorf("credit %v: %q, shade %d", c.credit, Credit(c.credit), Shade(c.credit))
		}
	}
}
