package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

// RunShared runs the tests that need several store instances over one
// database, as server instances sharing one PostgreSQL are. newDB makes an
// empty database of the test's own and returns a function that opens one
// more instance over it each time it is called; the instances should be
// closed at cleanup, and Close may also be called earlier.
func RunShared(t *testing.T, newDB func(t *testing.T) func(t *testing.T) *stride.Services) {
	t.Run("BoardFollowsWrites", func(t *testing.T) {
		t.Parallel()
		testBoardFollowsWrites(t, newDB(t))
	})
}

// testBoardFollowsWrites interleaves writes of every kind, through two
// instances, with board reads on the first: a store that keeps boards
// must notice every write, its own or another instance's. Each read is
// made twice (the second may be answered from what the first kept) and
// compared with the first board of a newly opened instance, which has
// nothing kept yet.
func testBoardFollowsWrites(t *testing.T, open func(t *testing.T) *stride.Services) {
	a, b := open(t), open(t)
	u, err := a.Users.EnsureUser(context.Background(), "ada")
	must(t, "EnsureUser", err)
	ctx := stride.NewContextWithUser(context.Background(), u)
	start := day(2025, 3, 3)
	today := start + 40

	step := 0
	check := func(what string) {
		t.Helper()
		step++
		what = fmt.Sprintf("%d. after %s", step, what)
		fresh := open(t)
		want, err := fresh.Status.Status(ctx, today)
		must(t, what+": fresh board", err)
		must(t, what+": close the fresh store", fresh.Close())
		for i := range 2 {
			got, err := a.Status.Status(ctx, today)
			must(t, what+": board", err)
			if diff := cmp.Diff(want, got, approx); diff != "" {
				t.Fatalf("%s: board read %d differs from a fresh store's (-want +got):\n%s", what, i+1, diff)
			}
			// The caller owns what it gets: changing it must not change
			// the next answer.
			for _, st := range got {
				st.Name, st.Momentum, st.Goal.Name = "changed", -1, "changed"
			}
		}
	}

	check("nothing")
	walk := createGoal(t, ctx, a, walkGoal("walk", start))
	check("CreateGoal")
	read := createGoal(t, ctx, a, &stride.Goal{Name: "read", Unit: "pages", Start: start, SmallestStep: "one page",
		Targets: []stride.Target{{From: start, Amount: 50, Unit: "pages", Per: stride.PerWeek}}})
	check("CreateGoal read")
	var steps []*stride.Step
	for d := start; d < today; d++ {
		steps = append(steps, &stride.Step{GoalID: walk.ID, Day: d, Amount: float64(10 + d%30)})
		if d%3 == 0 {
			steps = append(steps, &stride.Step{GoalID: read.ID, Day: d, Amount: 12})
		}
	}
	must(t, "CreateSteps", a.Steps.CreateSteps(ctx, steps))
	check("CreateSteps")
	logStep(t, ctx, a, walk.ID, today, 20)
	check("CreateStep")
	late := logStep(t, ctx, b, walk.ID, today-3, 15)
	check("CreateStep through another instance")
	_, err = a.Steps.UpdateStep(ctx, late.Step.ID, stride.StepUpdate{Amount: ptr(40.0)})
	must(t, "UpdateStep amount", err)
	check("UpdateStep amount")
	_, err = b.Steps.UpdateStep(ctx, late.Step.ID, stride.StepUpdate{Day: ptr(today - 1)})
	must(t, "UpdateStep day", err)
	check("UpdateStep day through another instance")
	must(t, "DeleteStep", b.Steps.DeleteStep(ctx, late.Step.ID))
	check("DeleteStep through another instance")
	_, err = a.Goals.UpdateGoal(ctx, read.ID, stride.GoalUpdate{Name: ptr("Read"), SmallestStep: ptr("two pages")})
	must(t, "UpdateGoal", err)
	check("UpdateGoal name and smallest step")
	_, err = b.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Milestones: &[]float64{100, 100000}})
	must(t, "UpdateGoal milestones", err)
	check("UpdateGoal milestones through another instance")
	_, err = a.Goals.SetTarget(ctx, walk.ID, stride.Target{From: today - 10, Amount: 45, Unit: stride.MinutesUnit, Per: stride.PerDay})
	must(t, "SetTarget", err)
	check("SetTarget")
	_, err = b.Goals.SetTarget(ctx, read.ID, stride.Target{From: today - 5, Amount: 80, Unit: "pages", Per: stride.PerWeek})
	must(t, "SetTarget", err)
	check("SetTarget through another instance")
	must(t, "SkipDay", a.Goals.SkipDay(ctx, read.ID, today))
	check("SkipDay")
	must(t, "UnskipDay", b.Goals.UnskipDay(ctx, read.ID, today))
	check("UnskipDay through another instance")
	_, err = a.Goals.PauseGoal(ctx, walk.ID, today-2, nil)
	must(t, "PauseGoal", err)
	check("PauseGoal")
	_, err = b.Goals.ResumeGoal(ctx, walk.ID, today)
	must(t, "ResumeGoal", err)
	check("ResumeGoal through another instance")
	_, err = a.Goals.SetGoalState(ctx, read.ID, stride.GoalDone)
	must(t, "SetGoalState done", err)
	check("SetGoalState done")
	_, err = b.Goals.SetGoalState(ctx, read.ID, stride.GoalActive)
	must(t, "SetGoalState active", err)
	check("SetGoalState active through another instance")
	floss := createGoal(t, ctx, b, &stride.Goal{Name: "floss", Start: start,
		Targets: []stride.Target{{From: start, Amount: 3, Count: true, Per: stride.PerWeek}}})
	check("CreateGoal through another instance")
	logStep(t, ctx, b, floss.ID, today, 1)
	check("CreateStep of a new goal through another instance")
	must(t, "DeleteGoal", b.Goals.DeleteGoal(ctx, floss.ID))
	check("DeleteGoal through another instance")

	// The week start is the context user's: a new one is a new board.
	if b.Auth != nil {
		nu, err := b.Auth.UpdateUser(context.Background(), u.ID, stride.UserUpdate{WeekStart: ptr(time.Sunday)})
		must(t, "UpdateUser", err)
		u.WeekStart = nu.WeekStart
		ctx = stride.NewContextWithUser(context.Background(), u)
		check("UpdateUser week start through another instance")
	}

	// Another day is another board.
	today++
	check("a new day")
	logStep(t, ctx, a, walk.ID, today, 5)
	check("CreateStep on the new day")
}
