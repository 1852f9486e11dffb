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
