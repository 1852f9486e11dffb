package review_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/review"
	"github.com/strideapp/stride/storetest"
)

// These tests run the review over real stores (SQLite, and PostgreSQL when
// STRIDE_TEST_POSTGRES_DSN is set), through the services only; the pure
// computations have their own table tests.

// eachStore runs test on a fresh fixture in every store.
func eachStore(t *testing.T, test func(t *testing.T, f *fixture)) {
	for _, st := range storetest.Stores() {
		t.Run(st.Name, func(t *testing.T) { test(t, newFixture(t, st.Open)) })
	}
}

func date(month time.Month, d int) stride.Date { return stride.NewDate(2026, month, d) }

// fixture is a store with one user and the record of a few weeks:
//
//	walk  150 min/week from Mon Jan 5, 2026: 160 (Mon 30, Tue 50, Thu 80),
//	      160 (Mon 100 with 30 min of effort, Wed 60 with 130), 150 (Tue),
//	      then 90 on Mon Jan 26; a milestone at 400 min
//	read  20 pages/week from Mon Jan 19: 10 pages on Tue Jan 20
//
// Today is Tue Jan 27. 90 more minutes of walk today would make its week
// the 4th in a row on pace, and its best (180 after 160).
type fixture struct {
	ctx        context.Context
	svc        *stride.Services
	walk, read *stride.Goal
	today      stride.Date
}

func newFixture(t *testing.T, open func(*testing.T) *stride.Services) *fixture {
	t.Helper()
	svc := open(t)
	u, err := svc.Users.EnsureUser(context.Background(), "ada")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: stride.NewContextWithUser(context.Background(), u), svc: svc, today: date(1, 27)}
	f.walk = f.goal(t, "walk", "150 min/week", date(1, 5), 400)
	f.read = f.goal(t, "read", "20 pages/week", date(1, 19))
	for _, s := range []struct {
		day            stride.Date
		amount, effort float64
	}{{date(1, 5), 30, 0}, {date(1, 6), 50, 0}, {date(1, 8), 80, 0}, {date(1, 12), 100, 30}, {date(1, 14), 60, 130},
		{date(1, 20), 150, 0}, {date(1, 26), 90, 0}} {
		f.step(t, f.walk, s.day, s.amount, s.effort)
	}
	f.step(t, f.read, date(1, 20), 10, 0)
	return f
}

func (f *fixture) goal(t testing.TB, name, target string, start stride.Date, milestones ...float64) *stride.Goal {
	t.Helper()
	tg, dir, err := stride.ParseTarget(target)
	if err != nil {
		t.Fatal(err)
	}
	tg.From = start
	g := &stride.Goal{Name: name, Unit: tg.Unit, Direction: dir, Targets: []stride.Target{tg}, Start: start}
	for _, m := range milestones {
		g.Milestones = append(g.Milestones, stride.Milestone{Amount: m})
	}
	if err := f.svc.Goals.CreateGoal(f.ctx, g); err != nil {
		t.Fatal(err)
	}
	return g
}

func (f *fixture) step(t testing.TB, g *stride.Goal, d stride.Date, amount, effort float64) {
	t.Helper()
	s := &stride.Step{GoalID: g.ID, Day: d, Amount: amount}
	if effort > 0 {
		s.Effort = &effort
	}
	if _, err := f.svc.Steps.CreateStep(f.ctx, s); err != nil {
		t.Fatal(err)
	}
}

func kinds(ws []*stride.Win) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Day.String()+" "+w.Goal+" "+string(w.Kind))
	}
	return strings.Join(out, "\n")
}

func TestFindWins(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		wins := review.NewWins(f.svc)
		today := &f.today
		got, err := wins.FindWins(f.ctx, stride.WinFilter{Since: today}, f.today)
		if err != nil || len(got) != 0 {
			t.Fatalf("nothing earned today yet: %s %v", kinds(got), err)
		}

		// A step logged today that earns wins makes them today's.
		f.step(t, f.walk, f.today, 90, 0)
		got, err = wins.FindWins(f.ctx, stride.WinFilter{Since: today}, f.today)
		if err != nil {
			t.Fatal(err)
		}
		if want := "2026-01-27 walk best_week\n2026-01-27 walk steady_weeks"; kinds(got) != want {
			t.Errorf("today's wins:\n%s\nwant\n%s", kinds(got), want)
		}
		if len(got) == 2 && (got[0].Text != "Best week yet for walk: 3h." || got[1].Amount != 4) {
			t.Errorf("today's wins: %+v %+v", got[0], got[1])
		}

		all, err := wins.FindWins(f.ctx, stride.WinFilter{}, f.today)
		if err != nil {
			t.Fatal(err)
		}
		want := `2026-01-05 walk first_step
2026-01-20 read first_step
2026-01-20 walk milestone
2026-01-27 walk best_week
2026-01-27 walk steady_weeks`
		if kinds(all) != want {
			t.Errorf("all wins:\n%s\nwant\n%s", kinds(all), want)
		}

		// One goal, up to a day.
		until := date(1, 19)
		got, err = wins.FindWins(f.ctx, stride.WinFilter{GoalID: &f.walk.ID, Until: &until}, f.today)
		if err != nil || kinds(got) != "2026-01-05 walk first_step" {
			t.Errorf("walk until Jan 19: %s %v", kinds(got), err)
		}
		missing := int64(9999)
		if _, err := wins.FindWins(f.ctx, stride.WinFilter{GoalID: &missing}, f.today); stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Errorf("an unknown goal: %v", err)
		}
		bob, err := f.svc.Users.EnsureUser(context.Background(), "bob")
		if err != nil {
			t.Fatal(err)
		}
		bobCtx := stride.NewContextWithUser(context.Background(), bob)
		if _, err := wins.FindWins(bobCtx, stride.WinFilter{GoalID: &f.walk.ID}, f.today); stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Errorf("another user's goal: %v", err)
		}
		if got, err := wins.FindWins(bobCtx, stride.WinFilter{}, f.today); err != nil || len(got) != 0 {
			t.Errorf("bob has no wins: %s %v", kinds(got), err)
		}
	})
}

func TestFindWinsWorks(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		if f.svc.Works == nil {
			t.Skip("this store has no works yet")
		}
		w := &stride.Work{Name: "essay", GoalID: &f.read.ID}
		if err := f.svc.Works.CreateWork(f.ctx, w); err != nil {
			t.Fatal(err)
		}
		for _, it := range []*stride.Iteration{
			{Kind: stride.IterationChange, Day: date(1, 21), Changed: "first draft"},
			{Kind: stride.IterationShip, Day: date(1, 22)},
			{Kind: stride.IterationChange, Day: date(1, 26), Changed: "a new ending"},
			{Kind: stride.IterationShip, Day: f.today},
		} {
			if _, err := f.svc.Works.AddIteration(f.ctx, w.ID, it); err != nil {
				t.Fatal(err)
			}
		}
		since := date(1, 21)
		got, err := review.NewWins(f.svc).FindWins(f.ctx, stride.WinFilter{GoalID: &f.read.ID, Since: &since}, f.today)
		if err != nil {
			t.Fatal(err)
		}
		if want := "2026-01-22 read work_shipped\n2026-01-27 read work_shipped"; kinds(got) != want {
			t.Fatalf("ships:\n%s\nwant\n%s", kinds(got), want)
		}
		if got[1].Amount != 2 || got[1].Work != "essay" || got[1].Text != "You shipped version 2 of essay: out in the world, open to revision." {
			t.Errorf("the second ship: %+v", got[1])
		}
		// works of another goal are left out
		if got, err := review.NewWins(f.svc).FindWins(f.ctx, stride.WinFilter{GoalID: &f.walk.ID, Since: &since}, f.today); err != nil || len(got) != 0 {
			t.Errorf("walk has no ships: %s %v", kinds(got), err)
		}
	})
}

// The CLI may talk to a server from before lessons, focus and works: a nil
// service reads as no records.
func TestNilReflectionServices(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		bare := *f.svc
		bare.Lessons, bare.Focus, bare.Works, bare.Doubts = nil, nil, nil, nil
		got, err := review.NewWins(&bare).FindWins(f.ctx, stride.WinFilter{}, f.today)
		if err != nil || len(got) != 3 {
			t.Errorf("wins without works: %s %v", kinds(got), err)
		}
		sum, err := review.SummarizeWeek(f.ctx, &bare, date(1, 26), f.today)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Goals) != 2 || len(sum.Lessons) != 0 || len(sum.Focus) != 0 || len(sum.Works) != 0 {
			t.Errorf("summary without reflection services: %+v", sum)
		}
	})
}

func TestSummarizeWeek(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.step(t, f.walk, f.today, 90, 45)
		week := date(1, 26)
		if f.svc.Lessons != nil {
			for _, l := range []*stride.Lesson{
				{Day: date(1, 26), Happened: "a long day at work", Themes: []string{"time", "energy"}},
				{Day: date(1, 27), Next: "walk at lunch", Themes: []string{"time"}},
				{Day: date(1, 25), Happened: "last week's", Themes: []string{"travel"}},
			} {
				if err := f.svc.Lessons.CreateLesson(f.ctx, l); err != nil {
					t.Fatal(err)
				}
			}
		}
		if f.svc.Focus != nil {
			for _, fc := range []*stride.Focus{{Day: date(1, 26), Text: "plan the week"}, {Day: date(1, 27), Text: "draft"}} {
				if err := f.svc.Focus.SetFocus(f.ctx, fc); err != nil {
					t.Fatal(err)
				}
			}
			first, err := f.svc.Focus.FindFocusByDay(f.ctx, date(1, 26))
			if err != nil {
				t.Fatal(err)
			}
			done := true
			if _, err := f.svc.Focus.UpdateFocus(f.ctx, first.ID, stride.FocusUpdate{Done: &done}); err != nil {
				t.Fatal(err)
			}
		}

		sum, err := review.SummarizeWeek(f.ctx, f.svc, week, f.today)
		if err != nil {
			t.Fatal(err)
		}
		if sum.From != week || sum.To != date(2, 1) || len(sum.Goals) != 2 || sum.Far != nil {
			t.Fatalf("summary: %+v", sum)
		}
		hist, err := f.svc.Status.GoalHistory(f.ctx, f.walk.ID, date(1, 25), f.today)
		if err != nil {
			t.Fatal(err)
		}
		// read (by name first) had nothing this week: still in the summary, at 0 of 20.
		r, w := sum.Goals[0], sum.Goals[1]
		if r.Name != "read" || r.Total != 0 || r.Target != 20 || r.Steps != 0 {
			t.Errorf("read's week: %+v", r)
		}
		want := stride.GoalWeek{GoalID: f.walk.ID, Name: "walk", Unit: "min", Direction: stride.AtLeast, Total: 180, Target: 150,
			TargetText: "150 min/week", MomentumStart: hist[0].Momentum, MomentumEnd: hist[2].Momentum, Steps: 2, Effort: 45}
		if w != want {
			t.Errorf("walk's week:\n%+v\nwant\n%+v", w, want)
		}
		if w.MomentumEnd <= w.MomentumStart || w.MomentumStart == 0 {
			t.Errorf("momentum rose over the week: %v → %v", w.MomentumStart, w.MomentumEnd)
		}
		if kinds(sum.Wins) != "2026-01-27 walk best_week\n2026-01-27 walk steady_weeks" {
			t.Errorf("the week's wins:\n%s", kinds(sum.Wins))
		}
		if sum.Steps != 2 || sum.Effort != 45 {
			t.Errorf("steps %d, effort %v", sum.Steps, sum.Effort)
		}
		if f.svc.Lessons != nil {
			if len(sum.Lessons) != 2 || sum.Lessons[0].Day != date(1, 26) ||
				len(sum.Themes) != 2 || sum.Themes[0] != (stride.ThemeCount{Name: "time", Count: 2}) || sum.Themes[1] != (stride.ThemeCount{Name: "energy", Count: 1}) {
				t.Errorf("lessons %+v, themes %+v", sum.Lessons, sum.Themes)
			}
		}
		if f.svc.Focus != nil && (len(sum.Focus) != 2 || sum.Focus[0].Text != "plan the week" || sum.FocusDone != 1) {
			t.Errorf("focus %+v, done %d", sum.Focus, sum.FocusDone)
		}

		for _, bad := range []stride.Date{date(1, 27), date(2, 2)} {
			if _, err := review.SummarizeWeek(f.ctx, f.svc, bad, f.today); stride.ErrorCode(err) != stride.EINVALID {
				t.Errorf("week %s: %v", bad, err)
			}
		}
	})
}

// old is 20 min a day from Mon Nov 3, 2025 through today: twelve weeks.
func TestHowFar(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		if _, err := review.HowFarGoal(f.ctx, f.svc, f.walk.ID, f.today); stride.ErrorCode(err) != stride.ENOTFOUND ||
			stride.ErrorMessage(err) != review.TooSoon {
			t.Errorf("four weeks of walk: %v", err)
		}
		start := stride.NewDate(2025, 11, 3)
		old := f.goal(t, "old", "20 min/day", start)
		var steps []*stride.Step
		for d := start; d <= f.today; d++ {
			steps = append(steps, &stride.Step{GoalID: old.ID, Day: d, Amount: 20})
		}
		if err := f.svc.Steps.CreateSteps(f.ctx, steps); err != nil {
			t.Fatal(err)
		}
		far, err := review.HowFarGoal(f.ctx, f.svc, old.ID, f.today)
		if err != nil {
			t.Fatal(err)
		}
		// Nov 3-30 and Jan 5-27: 140 min a week in both
		if far.First.From != start || far.First.To != stride.NewDate(2025, 11, 30) || far.First.PerWeek != 140 ||
			far.Last.From != date(1, 5) || far.Last.To != f.today || far.Last.PerWeek != 140 {
			t.Errorf("how far: %+v", far)
		}
		if far.Last.Momentum <= far.First.Momentum {
			t.Errorf("a steady habit builds momentum: %v then, %v now", far.First.Momentum, far.Last.Momentum)
		}
		missing := int64(9999)
		if _, err := review.HowFarGoal(f.ctx, f.svc, missing, f.today); stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Errorf("an unknown goal: %v", err)
		}

		// The summary's overall how-far: from the earliest start, steps per week.
		sum, err := review.SummarizeWeek(f.ctx, f.svc, date(1, 26), f.today)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Far == nil || sum.Far.First.PerWeek != 7 || sum.Far.First.From != start {
			t.Errorf("overall: %+v", sum.Far)
		}
	})
}
