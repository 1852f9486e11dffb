package storetest

import (
	"testing"

	"github.com/strideapp/stride"
)

// testIDsNeverReused: an id names one record for good. Removing the newest
// step, goal or lesson and creating another gives the new one an id of its
// own, so a script or an import key still holding the old id cannot reach
// the new record (SQLite reused the largest id before migration 00006).
func testIDsNeverReused(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))

	first := logStep(t, ctx, svc, walk.ID, d, 10).Step.ID
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, first)) // as stride undo does
	if again := logStep(t, ctx, svc, walk.ID, d, 10).Step.ID; again == first {
		t.Errorf("a step after deleting step %d got the same id", first)
	}

	old := createGoal(t, ctx, svc, walkGoal("read", d)).ID
	must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, old))
	if g := createGoal(t, ctx, svc, walkGoal("read", d)); g.ID == old {
		t.Errorf("a goal after deleting goal %d got the same id", old)
	}

	if svc.Lessons == nil {
		return
	}
	l := &stride.Lesson{Day: d, Wanted: "walk daily", Happened: "rain"}
	must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l))
	must(t, "DeleteLesson", svc.Lessons.DeleteLesson(ctx, l.ID))
	l2 := &stride.Lesson{Day: d, Wanted: "walk daily", Happened: "snow"}
	must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l2))
	if l2.ID == l.ID {
		t.Errorf("a lesson after deleting lesson %d got the same id", l.ID)
	}
}
