package words

import (
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
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

// Shown is the change a reader can check against the two whole
// percentages beside it, never one from the unrounded values.
func TestShown(t *testing.T) {
	for _, tc := range []struct {
		before, after float64
		want          string
	}{
		{0.476, 0.594, "+11%"}, // 48% → 59%, though the values differ by 11.8
		{0.61, 0.48, "−13%"}, {0.482, 0.484, "+0.2%"}, {0.4751, 0.4849, "+0.9%"}, {0.5, 0.5001, "±0%"},
	} {
		if got := Shown(tc.before, tc.after); got != tc.want {
			t.Errorf("Shown(%v, %v) = %q, want %q", tc.before, tc.after, got, tc.want)
		}
	}
	w := &Why{Goal: &stride.Goal{Name: "walk"}, Status: &stride.GoalStatus{Momentum: 0.594}, Yesterday: new(0.61), WeekAgo: new(0.476)}
	if got := w.Trend(); got != "yesterday 61%, a week ago 48%: up 11% over the week" {
		t.Errorf("trend %q", got)
	}
}

// goalOf makes a goal of one target for the sentences' tests.
func goalOf(t *testing.T, target string) *stride.Goal {
	t.Helper()
	tg, dir, err := stride.ParseTarget(target)
	if err != nil {
		t.Fatal(err)
	}
	return &stride.Goal{Name: "g", Unit: tg.Unit, Direction: dir, Target: tg, Targets: []stride.Target{tg}}
}

// Each day's sentence reads as a person would say it: counts in days
// with a step, amounts in the goal's unit on both sides.
func TestMoveSentence(t *testing.T) {
	day := stride.NewDate(2026, 11, 28) // a Saturday
	for _, tc := range []struct {
		target         string
		amount, window float64
		credit, change float64
		without        float64
		want           string
	}{
		{"1 time/2 days", 1, 1, 1, 0.04, 0, "Sat 28: done; a step in the last 2 days → full credit, +4%"},
		{"1 time/2 days", 0, 0, 0, -0.02, 0, "Sat 28: a gap; nothing in the last 2 days → no credit, −2%"},
		{"1 time/2 days", 0, 1, 1, 0.01, 0, "Sat 28: no step, but a step in the last 2 days → full credit, +1%"},
		{"3 times/week", 1, 4, 1, 0.02, 0, "Sat 28: done; 4 days with a step in the last 7, for 3 asked → full credit, +2%"},
		{"3 times/week", 1, 1, 1.0 / 3, -0.01, -0.03,
			"Sat 28: done; 1 day with a step in the last 7, for 3 asked → 33% credit, −1% (−3% without it)"},
		{"150 min/week", 45, 166, 1, 0.03, 0, "Sat 28: 45 min; 2h46m of 2h30m in the last 7 days → full credit, +3%"},
		{"30 min/day", 45, 45, 1, 0.05, 0, "Sat 28: 45 of 30 min → full credit, +5%"},
		{"1h/day", 75, 75, 1, 0.05, 0, "Sat 28: 1h15m of 1h → full credit, +5%"},
		{"20 pages/week", 12, 14, 0.7, 0.02, 0, "Sat 28: 12 pages; 14 of 20 pages in the last 7 days → 70% credit, +2%"},
		{"at most 10 drinks/week", 4, 9, 1, 0.03, 0, "Sat 28: 4 drinks; 9 in the last 7 days, within the limit of 10 drinks → full credit, +3%"},
		{"at most 2h30m/week", 45, 166, 0.89, -0.01, 0,
			"Sat 28: 45 min; 2h46m in the last 7 days, over the limit of 2h30m → 89% credit, −1%"},
		{"at most 2h/day", 150, 150, 0.75, -0.01, 0, "Sat 28: 2h30m, over the limit of 2h → 75% credit, −1%"},
		{"at most 2 cups/day", 0, 0, 1, 0.04, 0, "Sat 28: none, within the limit of 2 cups → full credit, +4%"},
	} {
		g := goalOf(t, tc.target)
		m := Move{Day: stride.Day{Date: day, Amount: tc.amount, Credit: tc.credit}, Change: tc.change, Window: tc.window,
			Target: g.Target, Without: tc.without}
		got := m.Sentence(g)
		if got != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.target, got, tc.want)
		}
		checkTone(t, got)
	}
}

// A step that still left momentum lower is no blame: it is listed apart
// from the gaps, with the deeper dip it saved.
func TestWhySoftened(t *testing.T) {
	start := stride.NewDate(2026, 11, 2) // a Monday
	g := goalOf(t, "3 times/week")
	g.Start, g.Targets[0].From, g.Target.From = start, start, start
	// three weeks of steps on Mon, Wed, Fri, from a momentum built before,
	// then one step in the fourth, on its Friday
	stepped := map[stride.Date]bool{}
	for w := range 3 {
		for _, d := range []int{0, 2, 4} {
			stepped[start+stride.Date(7*w+d)] = true
		}
	}
	stepped[start+25] = true
	today := start + 26
	var days []stride.Day
	m := 0.9
	ret := momentum.Retention(7)
	for d := start; d <= today; d++ {
		day := stride.Day{Date: d}
		if stepped[d] {
			day.Amount = 1
		}
		n := 0.0
		for k := d - 6; k <= d; k++ {
			if stepped[k] {
				n++
			}
		}
		day.Credit = min(1, n/3)
		m = ret*m + (1-ret)*day.Credit
		day.Momentum = m
		days = append(days, day)
	}
	w := Explain(g, &stride.GoalStatus{Goal: g, Momentum: m}, days, today)
	if len(w.Softened) == 0 {
		t.Fatalf("no softened step: up %v, down %v", w.Up, w.Down)
	}
	for _, mv := range w.Down {
		if mv.Day.Amount > 0 {
			t.Errorf("a day with a step is listed as easing it down: %q", mv.Sentence(g))
		}
	}
	s := w.Softened[0]
	if s.Day.Date != start+25 || s.Without >= s.Change || !strings.Contains(s.Sentence(g), "without it)") {
		t.Errorf("softened %q (change %v, without %v)", s.Sentence(g), s.Change, s.Without)
	}
}

func TestWhyLimitToday(t *testing.T) {
	for _, tc := range []struct {
		target       string
		done, window float64
		per          stride.Period
		want         string
	}{
		{"at most 2h/day", 90, 90, stride.PerDay, "So far today: 1h30m, within the limit of 2h. Staying within it keeps the credit full."},
		{"at most 2 cups/day", 0, 0, stride.PerDay, "So far today: none, within the limit of 2 cups. Staying within it keeps the credit full."},
		{"at most 2h/day", 150, 150, stride.PerDay,
			"Over the limit today: 2h30m, for a limit of 2h. The credit tapers to none at 4h, so whatever you skip from here still helps."},
		{"at most 2h/day", 270, 270, stride.PerDay,
			"Over the limit today: 4h30m, for a limit of 2h. Today's credit is spent, and momentum eases down gently; tomorrow is a fresh day."},
		{"at most 10 drinks/week", 22, 22, stride.PerWeek,
			"Over the limit this week: 22 drinks, for a limit of 10 drinks. Momentum eases down gently, never to nothing, and the credit comes back as these days roll out of the 7-day window."},
		{"at most 10 drinks/week", 12, 12, stride.PerWeek,
			"Over the limit this week: 12 drinks, for a limit of 10 drinks. The credit tapers to none at 20 drinks in 7 days, so whatever you skip from here still helps."},
		{"at most 10 drinks/week", 4, 12, stride.PerWeek,
			"So far this week: 4 drinks, within the limit of 10 drinks. The last 7 days hold 12 drinks, over it, so the credit stays below full until the earlier days roll out of the window."},
	} {
		g := goalOf(t, tc.target)
		state := stride.PaceWithin
		if tc.done > g.Target.Amount {
			state = stride.PaceOver
		}
		st := &stride.GoalStatus{Goal: g, Unit: g.Unit, Pace: stride.Pace{Per: tc.per, Done: tc.done, Target: g.Target.Amount, Days: 7, ActiveDays: 7, State: state}}
		w := &Why{Goal: g, Status: st, window: tc.window, hasWindow: true}
		got, nudge := w.Today()
		if got != tc.want || nudge {
			t.Errorf("%s, %v:\n got  %q\n want %q", tc.target, tc.done, got, tc.want)
		}
		checkTone(t, got)
	}
}

func TestStepOf(t *testing.T) {
	for _, c := range []struct {
		amount     float64
		unit, want string
	}{{1, "", "run"}, {20, stride.MinutesUnit, "20 min of run"}, {3, "km", "3 km of run"}, {1, "glasses of water", "1 glass of water for run"}} {
		if got := StepOf(c.amount, c.unit, "run"); got != c.want {
			t.Errorf("StepOf(%v, %q) = %q, want %q", c.amount, c.unit, got, c.want)
		}
	}
}

func TestAmountSingular(t *testing.T) {
	for unit, want := range map[string]string{
		"cups": "1 cup", "pages": "1 page", "glasses": "1 glass", "glasses of water": "1 glass of water",
		"rounds of scales": "1 round of scales", "boxes": "1 box", "inches": "1 inch", "dishes": "1 dish",
		"km": "1 km", "press": "1 press", "": "1 time", "bus": "1 bus", "gas": "1 gas", "lens": "1 lens",
		"series": "1 series", "news": "1 news", "kms": "1 km", "reps": "1 rep", "hours": "1 hour", "pens": "1 pen",
	} {
		if got := Amount(1, unit); got != want {
			t.Errorf("Amount(1, %q) = %q, want %q", unit, got, want)
		}
	}
	if got := Amount(2, "glasses of water"); got != "2 glasses of water" {
		t.Errorf("Amount(2) = %q", got)
	}
}
