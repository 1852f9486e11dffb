package momentum

import (
	"slices"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestWeeks(t *testing.T) {
	raised := stride.Target{From: start + 14, Amount: 200, Unit: "min", Per: stride.PerWeek}
	g := &stride.Goal{Targets: []stride.Target{weekly150, raised}, Start: start}
	var days []stride.Day
	for d := start; d < start+21; d++ {
		days = append(days, stride.Day{Date: d, Amount: 30})
	}
	today := start + 17 // Thursday of the third week
	weeks := Weeks(g, days, time.Monday, today, 5)
	if len(weeks) != 3 {
		t.Fatalf("%d weeks, want the 3 since the start", len(weeks))
	}
	for i, want := range []struct{ done, aim float64 }{{210, 150}, {210, 150}, {120, 200}} {
		if weeks[i].Done != want.done || weeks[i].Aim != want.aim {
			t.Errorf("week %d: %v of %v, want %v of %v", i, weeks[i].Done, weeks[i].Aim, want.done, want.aim)
		}
	}
	if WeeklyAim(daily30) != 210 || WeeklyAim(stride.Target{Amount: 1, Count: true, Per: stride.PerDays, Every: 2}) != 3.5 {
		t.Error("weekly aims")
	}
}

// A week's aim is the review's: shared out over its active days (a rest
// day, a start in mid-week lower it; days not lived yet do not), a count
// rounded up to whole days.
func TestWeekAim(t *testing.T) {
	count := stride.Target{Amount: 3, Count: true, Per: stride.PerWeek}
	for _, tc := range []struct {
		t      stride.Target
		active int
		want   float64
	}{
		{daily30, 7, 210}, {daily30, 6, 180}, {weekly150, 4, 150.0 * 4 / 7}, {count, 7, 3}, {count, 5, 3}, {count, 2, 1}, {count, 0, 0},
	} {
		if got := WeekAim(tc.t, tc.active); got != tc.want {
			t.Errorf("WeekAim(%s, %d) = %v, want %v", tc.t, tc.active, got, tc.want)
		}
	}
	g := &stride.Goal{Targets: []stride.Target{count}, Start: start + 2} // a Wednesday start
	days := []stride.Day{{Date: start + 2, Amount: 1}, {Date: start + 3, Held: true}}
	w := Weeks(g, days, time.Monday, start+3, 1)[0]
	// Wed and Thu lived, Thu held; Fri to Sun to come: 4 of 7 days, 3×4/7 rounded up
	if w.Aim != 2 || w.Days != 1 || w.Done != 1 {
		t.Errorf("week begun on Wednesday with a rest day: %+v", w)
	}
}

// TestWeeksTargetToCome: the week under way is measured against today's
// target, not one set to start later in it (the board's pace says the same).
func TestWeeksTargetToCome(t *testing.T) {
	later := stride.Target{From: start + 10, Amount: 5, Unit: "min", Per: stride.PerDay}
	g := &stride.Goal{Targets: []stride.Target{weekly150, later}, Start: start}
	weeks := Weeks(g, nil, time.Monday, start+7, 2) // Monday of the second week
	if w := weeks[1]; w.Target != weekly150 || w.Aim != 150 {
		t.Errorf("the week under way: %v, aim %v; want %v, 150", w.Target, w.Aim, weekly150)
	}
	weeks = Weeks(g, nil, time.Monday, start+14, 3)
	if w := weeks[1]; w.Target != later || w.Aim != 35 {
		t.Errorf("that week once over: %v, aim %v; want the target at its end, %v, 35", w.Target, w.Aim, later)
	}
}

// TestWeeksUntracked: weeks wholly before the set start without a step are
// left out, as the goal asked nothing of them; the week of the step that
// moved the start back stays.
func TestWeeksUntracked(t *testing.T) {
	set := start + 28
	g := &stride.Goal{Targets: []stride.Target{weekly150}, Start: start + 2, SetStart: set}
	days := []stride.Day{{Date: start + 2, Amount: 20}, {Date: set + 1, Amount: 30}}
	var got []stride.Date
	for _, w := range Weeks(g, days, time.Monday, set+2, 6) {
		got = append(got, w.Start)
	}
	if want := []stride.Date{start, set}; !slices.Equal(got, want) {
		t.Errorf("weeks %v, want %v", got, want)
	}
}
