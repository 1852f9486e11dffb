package review_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/demo"
	"github.com/strideapp/stride/review"
	"github.com/strideapp/stride/sqlite"
)

// benchGoal loads demo's walk (30 min/day raised to 40, a past pause, rest
// days) with ten years of steps into a SQLite store, half of its steps
// with their effort, and reads its history once (which saves the
// checkpoints) as stride wins would have before.
func benchGoal(b *testing.B) (context.Context, *stride.Services, *stride.Goal, stride.Date) {
	b.Helper()
	svc, err := sqlite.Open(filepath.Join(b.TempDir(), "stride.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Close() })
	u, err := svc.Users.EnsureUser(context.Background(), "ada")
	if err != nil {
		b.Fatal(err)
	}
	ctx := stride.NewContextWithUser(context.Background(), u)
	today := stride.NewDate(2026, 11, 22)
	dg := demo.Generate(demo.Options{Goals: 2, Years: 10, Seed: 7, Today: today}).Goals[1]
	g := dg.Goal
	if err := svc.Goals.CreateGoal(ctx, g); err != nil {
		b.Fatal(err)
	}
	for _, d := range dg.Skips {
		if err := svc.Goals.SkipDay(ctx, g.ID, d); err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range dg.Pauses {
		if _, err := svc.Goals.PauseGoal(ctx, g.ID, p.From, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Goals.ResumeGoal(ctx, g.ID, p.Until); err != nil {
			b.Fatal(err)
		}
	}
	for _, t := range dg.Raises {
		if _, err := svc.Goals.SetTarget(ctx, g.ID, t); err != nil {
			b.Fatal(err)
		}
	}
	for i, s := range dg.Steps {
		s.GoalID = g.ID
		if i%2 == 0 {
			e := s.Amount
			s.Effort = &e
		}
	}
	if err := svc.Steps.CreateSteps(ctx, dg.Steps); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	wins, err := review.NewWins(svc).FindWins(ctx, stride.WinFilter{GoalID: &g.ID}, today)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d days from %s, %d steps, %d wins; first call (saving checkpoints) %v",
		g.Name, today-g.Start+1, g.Start, len(dg.Steps), len(wins), time.Since(t0).Round(time.Microsecond))
	return ctx, svc, g, today
}

// BenchmarkFindWinsOneGoal is the cost of the wins of the last week of one
// goal with ten years of record (as stride log and the review ask): its
// whole history, the steps of the last weeks and the weekly walk through
// the history.
func BenchmarkFindWinsOneGoal(b *testing.B) {
	ctx, svc, g, today := benchGoal(b)
	wins := review.NewWins(svc)
	since := today.AddDays(-6)
	for b.Loop() {
		if _, err := wins.FindWins(ctx, stride.WinFilter{GoalID: &g.ID, Since: &since}, today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindWinsOneGoalAll is stride wins --goal without --since: every
// step is read too, for the effort of every week.
func BenchmarkFindWinsOneGoalAll(b *testing.B) {
	ctx, svc, g, today := benchGoal(b)
	wins := review.NewWins(svc)
	for b.Loop() {
		if _, err := wins.FindWins(ctx, stride.WinFilter{GoalID: &g.ID}, today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoalWinsOneGoal is the computation alone over the same record,
// read once: what BenchmarkFindWinsOneGoal spends outside the store.
func BenchmarkGoalWinsOneGoal(b *testing.B) {
	ctx, svc, g, today := benchGoal(b)
	days, err := svc.Status.GoalHistory(ctx, g.ID, g.Start, today)
	if err != nil {
		b.Fatal(err)
	}
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID})
	if err != nil {
		b.Fatal(err)
	}
	rec := review.Record{Goal: g, Days: days, Steps: steps}
	for b.Loop() {
		review.GoalWins(rec, time.Monday, today)
	}
}
