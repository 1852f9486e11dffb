package storetest

import (
	"slices"
	"testing"

	"github.com/strideapp/stride"
)

// testUnreachedWhenTotalDrops: a done-when mark that the total no longer
// reaches after a step is deleted (stride undo) or lowered is taken back,
// so nothing suggests finishing or celebrates what is not there; crossing
// again marks and reports it again. Milestones above the lowered total are
// taken back the same way (testMilestones).
func testUnreachedWhenTotalDrops(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	g := walkGoal("read", start)
	g.DoneWhen, g.DoneWhenAmount = "finished the book", ptr(100.0)
	g.Milestones = []stride.Milestone{{Amount: 80}}
	createGoal(t, ctx, svc, g)
	state := func(what string, wantMet, wantMilestone bool) {
		t.Helper()
		got := findGoal(t, ctx, svc, g.ID)
		if met := got.DoneWhenMet != nil; met != wantMet {
			t.Errorf("%s: done-when met = %v (total %v), want %v", what, met, got.Total, wantMet)
		}
		if reached := got.Milestones[0].Reached != nil; reached != wantMilestone {
			t.Errorf("%s: milestone 80 reached = %v (total %v), want %v", what, reached, got.Total, wantMilestone)
		}
	}

	logStep(t, ctx, svc, g.ID, start, 60)
	last := logStep(t, ctx, svc, g.ID, start+1, 50)
	if !last.DoneWhenReached {
		t.Fatalf("the step to 110 of 100 did not reach the done-when")
	}
	state("at 110", true, true)
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, last.Step.ID))
	state("after deleting the step that crossed", false, false)

	again := logStep(t, ctx, svc, g.ID, start+2, 50)
	if !again.DoneWhenReached || !slices.Equal(again.Milestones, []float64{80}) {
		t.Errorf("crossing the done-when amount and milestone 80 again reported %v and %v", again.DoneWhenReached, again.Milestones)
	}
	state("crossed again", true, true)
	_, err := svc.Steps.UpdateStep(ctx, again.Step.ID, stride.StepUpdate{Amount: ptr(30.0)})
	must(t, "UpdateStep", err)
	state("the step lowered to a total of 90", false, true)
	_, err = svc.Steps.UpdateStep(ctx, again.Step.ID, stride.StepUpdate{Amount: ptr(10.0)})
	must(t, "UpdateStep", err)
	state("the step lowered to a total of 70", false, false)
	_, err = svc.Steps.UpdateStep(ctx, again.Step.ID, stride.StepUpdate{Amount: ptr(45.0)})
	must(t, "UpdateStep", err)
	state("the step raised to a total of 105", true, true)

	// Moving the line after meeting it keeps the mark (principle 10: the
	// edit is counted instead, for a gentle "good enough?", testReviews).
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenAmount: ptr(ptr(200.0))})
	must(t, "UpdateGoal", err)
	state("done-when amount raised to 200", true, true)

	// Below the amount now, the mark set when it was 100 stays: only a
	// total falling from the amount to below it takes it back.
	small := logStep(t, ctx, svc, g.ID, start+3, 1)
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, small.Step.ID))
	state("a mark kept below a moved amount", true, true)
}
