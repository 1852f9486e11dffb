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

func TestSummaryWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{GoalWeek(stride.GoalWeek{Name: "walk", Unit: "min", Direction: stride.AtLeast, Total: 180, Target: 210,
			MomentumStart: 0.4, MomentumEnd: 0.52, Steps: 6, Effort: 180, Held: 1}),
			"walk: 3h/3h30m, momentum 40% → 52%, 6 steps, 3h of effort, 1 rest day"},
		{GoalWeek(stride.GoalWeek{Name: "gym", Unit: "min", Count: true, Direction: stride.AtLeast, Total: 2, Target: 3, Steps: 2}),
			"gym: 2/3 times, momentum 0% → 0%, 2 steps"},
		{GoalWeek(stride.GoalWeek{Name: "read", Unit: "pages", Direction: stride.AtLeast, Total: 80, Target: 100, Steps: 1, MomentumEnd: 0.3}),
			"read: 80/100 pages, momentum 0% → 30%, 1 step"},
		{GoalWeek(stride.GoalWeek{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Total: 10, Target: 14, Steps: 10}),
			"coffee: 10 cups within a limit of 14 cups, momentum 0% → 0%, 10 steps"},
		{GoalWeek(stride.GoalWeek{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Total: 16, Target: 14, Steps: 16}),
			"coffee: 16 cups for a limit of 14 cups, momentum 0% → 0%, 16 steps"},
		{Effort(330), "Your effort counts: 5h30m this week."},
		{Effort(0), ""},
		{FocusKept(0, 0), "No focus set this week: one key task a day can start any morning."},
		{FocusKept(3, 5), "Focus done on 3 of 5 days."},
		{FocusKept(5, 5), "Focus done on all 5 days you set one."},
		{FocusKept(1, 1), "Focus done on the 1 day you set one."},
		{FocusKept(0, 2), "2 focus days set; each can carry over to a new day."},
		{Themes([]stride.ThemeCount{{Name: "time", Count: 3}, {Name: "energy", Count: 1}}), "time ×3, energy ×1"},
		{WorkWeek(stride.WorkWeek{Name: "essay", Iterations: 3, Shipped: []int{2}}), "essay: 3 iterations, shipped version 2"},
		{Far(&stride.HowFar{First: stride.Stretch{PerWeek: 45, Momentum: 0.2}, Last: stride.Stretch{PerWeek: 160.4, Momentum: 0.55, Effort: 200}}, "min"),
			"From 45 min a week in your first four weeks to 2h40m a week in your last four. Momentum 20% then, 55% now. Effort 0 min a week then, 3h20m now."},
		{Far(&stride.HowFar{First: stride.Stretch{PerWeek: 5.25, Momentum: 0.6}, Last: stride.Stretch{PerWeek: 3, Momentum: 0.4}}, "days"),
			"Your first four weeks: 5.3 days a week; your last four: 3 days a week. Progress comes in waves, and the record keeps every step. Momentum 60% then, 40% now."},
		{Far(nil, "steps"), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
		checkTone(t, tc.got)
	}
}
