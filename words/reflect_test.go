package words

import (
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

// shaming are words a person must never read about themselves (METHOD.md, Tone).
var shaming = []string{"fail", "broke", "streak", "lazy", "should have", "missed", "behind", "only "}

func checkTone(t *testing.T, text string) {
	t.Helper()
	low := strings.ToLower(text)
	for _, bad := range shaming {
		if strings.Contains(low, bad) {
			t.Errorf("%q says %q", text, bad)
		}
	}
}

func TestWinText(t *testing.T) {
	for _, tc := range []struct {
		win  stride.Win
		want string
	}{
		{stride.Win{Kind: stride.WinFirstStep, Goal: "walk"}, "First step for walk: every step counts."},
		{stride.Win{Kind: stride.WinMilestone, Goal: "walk", Amount: 600, Unit: "min"}, "Milestone for walk: 10h in all."},
		{stride.Win{Kind: stride.WinMilestone, Goal: "meditate", Amount: 30}, "Milestone for meditate: 30 times in all."},
		{stride.Win{Kind: stride.WinDoneWhen, Goal: "read", Amount: 5000, Unit: "pages"}, "Done-when met for read at 5000 pages: good enough to call it finished."},
		{stride.Win{Kind: stride.WinDoneWhen, Goal: "write"}, "Done-when met for write: good enough to call it finished."},
		{stride.Win{Kind: stride.WinBestWeek, Goal: "walk", Amount: 320, Unit: "min"}, "Best week yet for walk: 5h20m."},
		{stride.Win{Kind: stride.WinBestWeek, Goal: "read", Amount: 1, Unit: "pages"}, "Best week yet for read: 1 page."},
		{stride.Win{Kind: stride.WinSteadyWeeks, Goal: "gym", Amount: 8}, "8 weeks in a row on pace for gym."},
		{stride.Win{Kind: stride.WinComeback, Goal: "gym", Amount: 3}, "Back on pace with gym after a gap: 3 times this week."},
		{stride.Win{Kind: stride.WinEffortWeek, Goal: "writing", Amount: 180, Unit: "min"}, "Your effort counts: 3h on writing this week."},
		{stride.Win{Kind: stride.WinGoalDone, Goal: "run"}, "You finished run. Well done!"},
		{stride.Win{Kind: stride.WinWorkShipped, Work: "essay", Amount: 1}, "You shipped essay: out in the world, open to revision."},
		{stride.Win{Kind: stride.WinWorkShipped, Work: "talk", Amount: 2}, "You shipped version 2 of talk: out in the world, open to revision."},
	} {
		got := WinText(&tc.win)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.win.Kind, got, tc.want)
		}
		checkTone(t, got)
	}
}

func TestEffortAndThemes(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Effort(330), "Your effort counts: 5h30m this week."},
		{Effort(45.2), "Your effort counts: 45 min this week."},
		{Effort(0), ""},
		{Themes([]stride.ThemeCount{{Name: "time", Count: 3}, {Name: "energy", Count: 1}}), "time ×3, energy ×1"},
		{Themes(nil), ""},
		{WeekWorkLine(stride.WorkWeek{Name: "essay", Iterations: 3, Effort: 135.4, Shipped: []int{2}}), "essay: 3 iterations, 2h15m of effort, shipped version 2"},
		{WeekWorkLine(stride.WorkWeek{Name: "essay", Iterations: 1}), "essay: 1 iteration"},
		{WeekWorkLine(stride.WorkWeek{Name: "zine", Shipped: []int{1}}), "zine: shipped version 1"},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
		checkTone(t, tc.got)
	}
}

func TestWeekGoalLineLimits(t *testing.T) {
	phone := stride.GoalWeek{Name: "phone", Unit: "min", Direction: stride.AtMost, Total: 360, Target: 420,
		MomentumStart: 0.34, MomentumEnd: 0.44, Steps: 3, DaysJudged: 7, DaysOver: 3, Limit: "1h a day"}
	for _, tc := range []struct {
		gw   func(stride.GoalWeek) stride.GoalWeek
		want string
	}{
		{func(g stride.GoalWeek) stride.GoalWeek { return g }, "phone: 3 of 7 days over the limit of 1h a day, momentum 34% → 44%, 3 entries"},
		{func(g stride.GoalWeek) stride.GoalWeek { g.DaysOver, g.DaysJudged, g.Held = 0, 6, 1; return g },
			"phone: within the limit of 1h a day on all 6 days, momentum 34% → 44%, 3 entries, 1 rest day"},
		{func(g stride.GoalWeek) stride.GoalWeek { g.DaysOver, g.DaysJudged = 1, 1; return g },
			"phone: 1 of 1 day over the limit of 1h a day, momentum 34% → 44%, 3 entries"},
		{func(g stride.GoalWeek) stride.GoalWeek { g.DaysOver, g.DaysJudged = 0, 1; return g },
			"phone: within the limit of 1h a day on its 1 day, momentum 34% → 44%, 3 entries"},
		// a weekly limit, or a summary saved before days were counted
		{func(g stride.GoalWeek) stride.GoalWeek { g.DaysOver, g.DaysJudged, g.Limit = 0, 0, ""; return g },
			"phone: 6h within a limit of 7h, momentum 34% → 44%, 3 entries"},
	} {
		gw := tc.gw(phone)
		if got := WeekGoalLine(gw); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
		checkTone(t, WeekGoalLine(gw))
	}
	for _, tc := range []struct {
		t    string
		unit string
		want string
	}{
		{"at most 2 cups/day", "cups", "2 cups a day"}, {"at most 1 cup/day", "cups", "1 cup a day"},
		{"at most 2h/day", "min", "2h a day"}, {"at most 3 glasses/2 days", "glasses", "3 glasses in 2 days"},
		{"at most 1 time/day", "", "1 time a day"}, {"at most 10 drinks/week", "drinks", "10 drinks a week"},
	} {
		target, _, err := stride.ParseTarget(tc.t)
		if err != nil {
			t.Fatal(err)
		}
		if got := PeriodLimit(target, tc.unit); got != tc.want {
			t.Errorf("PeriodLimit(%s) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// A limit's how-far is told by its direction, with the difference of the
// amounts shown, never as progress: more coffee is no climb.
func TestFarLineLimit(t *testing.T) {
	far := func(first, last float64) *stride.HowFar {
		return &stride.HowFar{First: stride.Stretch{PerWeek: first, Momentum: 0.5}, Last: stride.Stretch{PerWeek: last, Momentum: 1}, Limit: true}
	}
	for _, tc := range []struct {
		f    *stride.HowFar
		unit string
		want string
	}{
		{far(9.43, 11.2), "cups", "11 cups a week in your last four weeks, 1.6 cups more than in your first four (9.4 cups)."},
		{far(11.2, 7.84), "cups", "7.8 cups a week in your last four weeks, 3.2 cups less than in your first four (11 cups)."},
		{far(152, 201), "min", "3h21m a week in your last four weeks, 49 min more than in your first four (2h32m)."},
		{far(9.41, 9.44), "cups", "9.4 cups a week in your last four weeks, as in your first four."},
	} {
		got := FarLine(tc.f, tc.unit)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
		for _, bad := range []string{"From ", "waves", "Progress"} {
			if strings.Contains(got, bad) {
				t.Errorf("%q reads a limit as progress (%q)", got, bad)
			}
		}
		checkTone(t, got)
	}
}

func TestWeeksNoteMonthlyLimit(t *testing.T) {
	g := &stride.Goal{Name: "wine", Unit: "drinks", Direction: stride.AtMost,
		Target: stride.Target{Amount: 8, Unit: "drinks", Per: stride.PerMonth}}
	want := "Bars are each week's total; the dashed line is a week's even share of 8 drinks a month, a guide rather than the limit: a day keeps the limit when its last 30 days held no more than 8 drinks."
	if got := WeeksNote(g); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
