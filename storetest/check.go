package storetest

import (
	"testing"

	"github.com/strideapp/stride"
)

// testCheckGoalAmounts: a yes/no goal's step is done or not, so an amount
// other than 1 is refused when logged or edited, and nothing is written.
func testCheckGoalAmounts(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	gym := createGoal(t, ctx, svc, &stride.Goal{Name: "gym", Start: start,
		Targets: []stride.Target{{From: start, Amount: 3, Count: true, Per: stride.PerWeek}}})
	_, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: gym.ID, Day: start, Amount: 5})
	wantCode(t, "CreateStep 5 on a yes/no goal", err, stride.EINVALID)
	one := logStep(t, ctx, svc, gym.ID, start, 1)
	_, err = svc.Steps.UpdateStep(ctx, one.Step.ID, stride.StepUpdate{Amount: ptr(2.0)})
	wantCode(t, "UpdateStep to 2 on a yes/no goal", err, stride.EINVALID)
	if g := findGoal(t, ctx, svc, gym.ID); g.Total != 1 {
		t.Errorf("total = %v after refused amounts, want 1", g.Total)
	}
}
