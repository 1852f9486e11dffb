package review

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// walk is 150 min/week from Mon 2026-01-05, week by week (weeks from Monday):
//
//	W0 Jan  5-11  Mon 30, Tue 50, Thu 80          160: on pace Thu (first step Mon)
//	W1 Jan 12-18  Mon 100 (30 min effort), Wed 60 (130)
//	                                              160: on pace Wed; effort 160 that day, but the week met its target
//	W2 Jan 19-25  Tue 150                         on pace Tue; 400 min in all crossed (milestone)
//	W3 Jan 26-    paused all week                 held: neither breaks nor extends the run
//	W4 Feb  2-8   Mon 90, Tue 90                  on pace Tue: 4th week in a row; 180 beats 160 after 3 weeks with steps
//	W5 Feb  9-15  Wed 40 (100 effort), Fri 20 (60)
//	                                              effort 160 on Fri with 60 of 150: an effort week; a gap
//	W6 Feb 16-22  nothing                         a gap
//	W7 Feb 23-    Mon 200                         back on pace after the gap; 200 beats 180
//	W8 Mar  2-8   Mon 75, Tue 70, Sat skipped     share 150×6/7 = 128.6: on pace Tue; done-when 1000 crossed Tue
//	W9 Mar  9-    Mon 50 (until Wed 11)           under way: no verdict
func walk() *rec {
	g := goal(1, "walk", "150 min/week", day(1, 5))
	g.Milestones = []stride.Milestone{{Amount: 400, Reached: ptr(day(1, 20))}, {Amount: 2000}}
	g.DoneWhenAmount, g.DoneWhenMet = ptr(1000.0), ptr(day(3, 3))
	return newRec(g).
		step(day(1, 5), 30, 0).step(day(1, 6), 50, 0).step(day(1, 8), 80, 0).
		step(day(1, 12), 100, 30).step(day(1, 14), 60, 130).
		step(day(1, 20), 150, 0).
		held(day(1, 26), day(2, 1)).
		step(day(2, 2), 90, 0).step(day(2, 3), 90, 0).
		step(day(2, 11), 40, 100).step(day(2, 13), 20, 60).
		step(day(2, 23), 200, 0).
		step(day(3, 2), 75, 0).step(day(3, 3), 70, 0).held(day(3, 7), day(3, 7)).
		step(day(3, 9), 50, 0)
}

// gym is a check goal, 3 times/week from Wed 2026-01-07, finished Sat Feb 7:
//
//	W0  Wed, Fri, Sun           share 3×5/7 rounded up to 3: on pace Sun
//	W1  Mon, Tue (2 steps), Thu on pace Thu
//	W2  Mon, Tue, Wed           on pace Wed
//	W3  Mon, Wed, Thu           on pace Thu: 4 weeks in a row; 3 days ties the best, no best week
//	W4  Mon to Fri              the 4th day, Thu, beats 3 days
func gym() *rec {
	g := goal(2, "gym", "3 times/week", day(1, 7))
	g.FinishedOn = ptr(day(2, 7))
	r := newRec(g)
	for _, d := range []stride.Date{day(1, 7), day(1, 9), day(1, 11), day(1, 12), day(1, 13), day(1, 13), day(1, 15),
		day(1, 19), day(1, 20), day(1, 21), day(1, 26), day(1, 28), day(1, 29),
		day(2, 2), day(2, 3), day(2, 4), day(2, 5), day(2, 6)} {
		r.step(d, 1, 0)
	}
	return r
}

// coffee is at most 2 cups/day from Mon 2026-01-05, a limit judged day by
// day: a week is within it when no day went over 2 cups. Week by week,
// Monday to Sunday:
//
//	W0  2 2 2 1 2 2 1   12: within
//	W1  1 2 1 2 1 2 1   10: within
//	W2  4 4 4 4 4 1 1   22: five days at twice the limit (no credit), the
//	                    days' credit averaging 2/7, below half: a gap
//	W3  2 2 2 2 2 2 1   13: within, a comeback on its Sunday
//	W4  nothing         neutral: neither breaks nor extends the run
//	W5  2 2 2 2 2 2 2   14: within
//	W6  1 2 1 2 1 1 1    9: within
//	W7  2 2 1 2 1 2 1   11: within, the 4th in a row
func coffee() *rec {
	r := newRec(goal(3, "coffee", "at most 2 cups/day", day(1, 5)))
	for i, wk := range [][]float64{
		{2, 2, 2, 1, 2, 2, 1}, {1, 2, 1, 2, 1, 2, 1}, {4, 4, 4, 4, 4, 1, 1}, {2, 2, 2, 2, 2, 2, 1},
		nil, {2, 2, 2, 2, 2, 2, 2}, {1, 2, 1, 2, 1, 1, 1}, {2, 2, 1, 2, 1, 2, 1},
	} {
		r.daily(day(1, 5+7*i), wk...)
	}
	return r
}

// daily logs one step of each amount on the days from from, one a day;
// 0 logs nothing.
func (r *rec) daily(from stride.Date, amounts ...float64) *rec {
	for i, v := range amounts {
		if v > 0 {
			r.step(from+stride.Date(i), v, 0)
		}
	}
	return r
}

// save is 200 eur/month from Mon 2026-01-05, a month being no week: no
// steady weeks or comebacks, though best weeks count. Mondays: 50, 50, 50,
// nothing, 60, 100.
func save() *rec {
	r := newRec(goal(4, "save", "200 eur/month", day(1, 5)))
	for i, n := range []float64{50, 50, 50, 0, 60, 100} {
		if n > 0 {
			r.step(day(1, 5+7*i), n, 0)
		}
	}
	return r
}

func ptr[T any](v T) *T { return &v }

// show writes wins one a line for comparison: "2026-01-05 first_step 0  First step for walk: ...".
func show(ws []*stride.Win) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "%s %s %g %s| %s\n", w.Day, w.Kind, w.Amount, w.Unit, w.Text)
	}
	return b.String()
}

func TestGoalWins(t *testing.T) {
	for _, tc := range []struct {
		name  string
		r     *rec
		until stride.Date
		want  string
	}{
		{"walk", walk(), day(3, 11), `2026-01-05 first_step 0 | First step for walk: every step counts.
2026-01-20 milestone 400 min| Milestone for walk: 6h40m in all.
2026-02-03 best_week 180 min| Best week yet for walk: 3h.
2026-02-03 steady_weeks 4 | 4 weeks in a row on pace for walk.
2026-02-13 effort_week 160 min| Your effort counts: 2h40m on walk this week.
2026-02-23 best_week 200 min| Best week yet for walk: 3h20m.
2026-02-23 comeback 200 min| Back on pace with walk after a gap: 3h20m this week.
2026-03-03 done_when 1000 min| Done-when met for walk at 16h40m: good enough to call it finished.
`},
		// Tuesday Feb 3 logged the step that made the week the 4th on pace and the best:
		// both are dated that day.
		{"walk until Feb 3", walk(), day(2, 3), `2026-01-05 first_step 0 | First step for walk: every step counts.
2026-01-20 milestone 400 min| Milestone for walk: 6h40m in all.
2026-02-03 best_week 180 min| Best week yet for walk: 3h.
2026-02-03 steady_weeks 4 | 4 weeks in a row on pace for walk.
`},
		// On Monday Feb 2 the week is under way at 90: nothing yet.
		{"walk until Feb 2", walk(), day(2, 2), `2026-01-05 first_step 0 | First step for walk: every step counts.
2026-01-20 milestone 400 min| Milestone for walk: 6h40m in all.
`},
		{"gym", gym(), day(2, 9), `2026-01-07 first_step 0 | First step for gym: every step counts.
2026-01-29 steady_weeks 4 | 4 weeks in a row on pace for gym.
2026-02-05 best_week 4 | Best week yet for gym: 4 times.
2026-02-07 goal_done 0 | You finished gym. Well done!
`},
		// a limit's first entry is no progress: no first-step win
		{"coffee", coffee(), day(3, 2), `2026-02-01 comeback 0 | Back within the limit for coffee this week.
2026-03-01 steady_weeks 4 | 4 weeks in a row within the limit for coffee.
`},
		// A week that fell just short breaks a run but is no gap: the
		// week on pace after it is no comeback. Mondays, 150 min/week:
		// 160, 140 (short, no gap), 150, 50 (a gap), 150 (a comeback).
		{"nearly", func() *rec {
			r := newRec(goal(8, "nearly", "150 min/week", day(1, 5)))
			for i, n := range []float64{160, 140, 150, 50, 150} {
				r.step(day(1, 5+7*i), n, 0)
			}
			return r
		}(), day(2, 2), `2026-01-05 first_step 0 | First step for nearly: every step counts.
2026-02-02 comeback 150 min| Back on pace with nearly after a gap: 2h30m this week.
`},
		// One day of 3 cups against 2 a day is over the limit, though
		// the week's 9 cups are well within 14: it breaks the run (the
		// first 4 in a row end on Feb 15, not Feb 1), but its days
		// average 93% credit, no gap: no comeback the week after.
		{"coffee nearly", func() *rec {
			r := newRec(goal(9, "tea", "at most 2 cups/day", day(1, 5)))
			r.daily(day(1, 5), 2, 2, 2, 2, 2, 1, 1).daily(day(1, 12), 3, 1, 1, 1, 1, 1, 1)
			for i := range 4 {
				r.daily(day(1, 19+7*i), 2, 1, 2, 1, 2, 1, 2)
			}
			return r
		}(), day(2, 15), `2026-02-15 steady_weeks 4 | 4 weeks in a row within the limit for tea.
`},
		// The walkthrough's phone: 2h on Monday, Tuesday and Wednesday of
		// five weeks against at most 1h/day. Each of those days is at twice
		// the limit, no credit: no week is within it, whatever the week's
		// 6h against 7 days of 1h. Then a week within it every day: on
		// pace, but no comeback, for the weeks before were no gap (their
		// days average 4/7 credit) and none was ever within the limit.
		{"phone", func() *rec {
			r := newRec(goal(10, "phone", "at most 1h/day", day(1, 5)))
			for i := range 5 {
				r.daily(day(1, 5+7*i), 120, 120, 120)
			}
			return r.daily(day(2, 9), 30, 30, 30, 30, 30, 30, 30)
		}(), day(2, 15), ""},
		// A weekly limit is judged by the week's total, whatever its days:
		// 8 drinks on one Saturday, then 9 on the Monday after (17 in the
		// 7 days to it, which momentum scores as over), are weeks within 10.
		{"weekly limit", func() *rec {
			r := newRec(goal(11, "drinks", "at most 10 drinks/week", day(1, 5)))
			return r.step(day(1, 10), 8, 0).step(day(1, 12), 9, 0).step(day(1, 21), 10, 0).step(day(2, 1), 7, 0)
		}(), day(2, 1), `2026-02-01 steady_weeks 4 | 4 weeks in a row within the limit for drinks.
`},
		// A limit per 2 days is judged day by day over each day's 2-day
		// window, as momentum scores it: W1's Monday and Tuesday, 2 and 2,
		// put 4 in Tuesday's window, over 3, though the week's 4 are far
		// within its share of 10.5. The run starts again with W2.
		{"limit per 2 days", func() *rec {
			r := newRec(goal(12, "wine", "at most 3 glasses/2 days", day(1, 5)))
			r.daily(day(1, 5), 3, 0, 3, 0, 3).daily(day(1, 12), 2, 2)
			for i := range 4 {
				r.daily(day(1, 19+7*i), 3, 0, 3, 0, 3)
			}
			return r
		}(), day(2, 15), `2026-02-15 steady_weeks 4 | 4 weeks in a row within the limit for wine.
`},
		{"save", save(), day(2, 10), `2026-01-05 first_step 0 | First step for save: every step counts.
2026-02-02 best_week 60 eur| Best week yet for save: 60 eur.
2026-02-09 best_week 100 eur| Best week yet for save: 100 eur.
`},
		{"not started", newRec(goal(5, "later", "30 min/day", day(3, 1))), day(2, 1), ""},
		// finished with nothing logged: no confetti for nothing
		{"finished empty", func() *rec {
			g := goal(6, "water", "8 glasses/day", day(1, 5))
			g.FinishedOn = ptr(day(1, 9))
			return newRec(g)
		}(), day(1, 11), ""},
		// done-when marked met at 60 of 100 pages: met, but 100 was not reached
		{"met short", func() *rec {
			g := goal(7, "read", "10 pages/day", day(1, 5))
			g.DoneWhenAmount, g.DoneWhenMet = ptr(100.0), ptr(day(1, 8))
			return newRec(g).step(day(1, 5), 30, 0).step(day(1, 6), 30, 0)
		}(), day(1, 8), `2026-01-05 first_step 0 | First step for read: every step counts.
2026-01-08 done_when 0 pages| Done-when met for read: good enough to call it finished.
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.r.g
			got := show(GoalWins(tc.r.record(g.Start, max(g.Start, tc.until)), time.Monday, tc.until))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// Weeks follow the user's week start. From Sunday, walk's pause (Mon Jan
// 26 to Sun Feb 1) spans two weeks and holds neither all through:
//
//	Jan  4-10  Jan 4 is before the start: share 150×6/7 = 128.6, met Thu (160)
//	Jan 11-17  met Wed (160)
//	Jan 18-24  met Tue (150)
//	Jan 25-31  held Mon-Sat: share 150×1/7 = 21.4, nothing logged on Sunday: a gap
//	Feb  1-7   Sun held: share 128.6; Mon 90, Tue 180: back on pace Tue, and a best week
func TestGoalWinsWeekStart(t *testing.T) {
	r := walk()
	got := show(GoalWins(r.record(r.g.Start, day(2, 3)), time.Sunday, day(2, 3)))
	want := `2026-01-05 first_step 0 | First step for walk: every step counts.
2026-01-20 milestone 400 min| Milestone for walk: 6h40m in all.
2026-02-03 best_week 180 min| Best week yet for walk: 3h.
2026-02-03 comeback 180 min| Back on pace with walk after a gap: 3h this week.
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWorkWins(t *testing.T) {
	w := &stride.Work{ID: 1, Name: "essay", GoalID: ptr(int64(7)), Goal: "write"}
	its := []*stride.Iteration{
		{WorkID: 1, Version: 2, Day: day(2, 1), Kind: stride.IterationShip},
		{WorkID: 1, Version: 1, Day: day(1, 10), Kind: stride.IterationShip},
		{WorkID: 1, Version: 2, Day: day(1, 20), Kind: stride.IterationChange, Changed: "a new ending"},
		{WorkID: 2, Version: 1, Day: day(1, 25), Kind: stride.IterationShip},
	}
	got := WorkWins(w, its, day(1, 1), day(2, 1))
	if s := show(got); s != `2026-01-10 work_shipped 1 | You shipped essay: out in the world, open to revision.
2026-02-01 work_shipped 2 | You shipped version 2 of essay: out in the world, open to revision.
` {
		t.Errorf("got\n%s", s)
	}
	if *got[0].WorkID != 1 || *got[0].GoalID != 7 || got[0].Goal != "write" {
		t.Errorf("the win names its work and goal: %+v", got[0])
	}
	if got := WorkWins(w, its, day(1, 11), day(1, 31)); len(got) != 0 {
		t.Errorf("since and until bound the ships: %s", show(got))
	}
}
