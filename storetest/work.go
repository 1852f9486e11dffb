package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

// iterationLog is a work's log in short: kind and version of each entry.
type iterationLog struct {
	Kind    string
	Version int
	Changed string
}

func logOf(its []*stride.Iteration) []iterationLog {
	out := []iterationLog{}
	for _, it := range its {
		out = append(out, iterationLog{it.Kind, it.Version, it.Changed})
	}
	return out
}

func workNames(ws []*stride.Work) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return out
}

func testWorks(t *testing.T, svc *stride.Services) {
	needService(t, svc.Works != nil, "work")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))

	essay := &stride.Work{Name: " Essay ", GoalID: &walk.ID, DoneWhen: " three readers find it clear "}
	must(t, "CreateWork", svc.Works.CreateWork(ctx, essay))
	if essay.ID == 0 || essay.Name != "Essay" || essay.DoneWhen != "three readers find it clear" || essay.Goal != "walk" ||
		essay.Version != 1 || essay.Shipped || essay.Unshipped != 0 || len(essay.Iterations) != 0 || essay.CreatedAt.IsZero() {
		t.Fatalf("CreateWork: %+v, want it trimmed, at version 1, nothing shipped, with its goal's name", essay)
	}
	got, err := svc.Works.FindWorkByName(ctx, " ESSAY ")
	must(t, "FindWorkByName", err)
	if diff := cmp.Diff(essay, got, emptyEqual); diff != "" {
		t.Errorf("FindWorkByName (-created +found):\n%s", diff)
	}
	_, err = svc.Works.FindWorkByName(ctx, "poem")
	wantCode(t, "FindWorkByName unknown", err, stride.ENOTFOUND)
	wantCode(t, "CreateWork same name", svc.Works.CreateWork(ctx, &stride.Work{Name: "essay"}), stride.ECONFLICT)
	wantCode(t, "CreateWork blank", svc.Works.CreateWork(ctx, &stride.Work{Name: " "}), stride.EINVALID)
	wantCode(t, "CreateWork bad nudge", svc.Works.CreateWork(ctx, &stride.Work{Name: "x", NudgeAfter: -1}), stride.EINVALID)
	wantCode(t, "CreateWork for an unknown goal",
		svc.Works.CreateWork(ctx, &stride.Work{Name: "x", GoalID: ptr(walk.ID + 1000)}), stride.ENOTFOUND)

	add := func(w *stride.Work, it *stride.Iteration) *stride.Work {
		t.Helper()
		got, err := svc.Works.AddIteration(ctx, w.ID, it)
		must(t, "AddIteration "+it.Kind+" "+it.Changed, err)
		return got
	}
	change := func(day stride.Date, what string) *stride.Iteration {
		return &stride.Iteration{Kind: stride.IterationChange, Day: day, Changed: what}
	}
	it1 := &stride.Iteration{Kind: stride.IterationChange, Day: d, Changed: " outline ", Effort: ptr(30.0)}
	w := add(essay, it1)
	if it1.ID == 0 || it1.WorkID != essay.ID || it1.Version != 1 || w.Version != 1 || w.Unshipped != 1 || w.Shipped {
		t.Errorf("first iteration %+v gave work version %d unshipped %d shipped %v", it1, w.Version, w.Unshipped, w.Shipped)
	}
	add(essay, change(d+1, "first draft"))
	if w.Nudge() != "" {
		t.Errorf("nudge after two iterations: %q", w.Nudge())
	}
	w = add(essay, change(d+2, "tightened"))
	if w.Unshipped != 3 || w.Nudge() == "" {
		t.Errorf("after 3 unshipped iterations: unshipped %d, nudge %q; want 3 and a nudge", w.Unshipped, w.Nudge())
	}
	_, err = svc.Works.AddIteration(ctx, essay.ID, &stride.Iteration{Kind: stride.IterationChange, Day: d})
	wantCode(t, "AddIteration without what changed", err, stride.EINVALID)
	_, err = svc.Works.AddIteration(ctx, essay.ID, &stride.Iteration{Kind: "polish", Day: d, Changed: "x"})
	wantCode(t, "AddIteration of an unknown kind", err, stride.EINVALID)
	_, err = svc.Works.AddIteration(ctx, essay.ID, &stride.Iteration{Kind: stride.IterationChange, Changed: "x"})
	wantCode(t, "AddIteration without a day", err, stride.EINVALID)

	ship := &stride.Iteration{Kind: stride.IterationShip, Day: d + 3, Note: "sent to Ann"}
	w = add(essay, ship)
	if ship.Version != 1 || w.Version != 1 || !w.Shipped || w.Unshipped != 0 || w.Nudge() != "" {
		t.Errorf("after shipping: iteration version %d, work %+v; want version 1 shipped, no nudge", ship.Version, w)
	}
	_, err = svc.Works.AddIteration(ctx, essay.ID, &stride.Iteration{Kind: stride.IterationShip, Day: d + 3})
	wantCode(t, "shipping a shipped version again", err, stride.ECONFLICT)

	next := &stride.Iteration{Kind: stride.IterationChange, Day: d + 5, Changed: "cut a section", Feedback: "too long"}
	w = add(essay, next)
	if next.Version != 2 || w.Version != 2 || w.Shipped || w.Unshipped != 1 {
		t.Errorf("iterating after a ship: iteration version %d, work version %d shipped %v unshipped %d; want version 2, 1 unshipped",
			next.Version, w.Version, w.Shipped, w.Unshipped)
	}
	w = add(essay, &stride.Iteration{Kind: stride.IterationShip, Day: d + 6})
	if w.Version != 2 || !w.Shipped {
		t.Errorf("second ship: version %d shipped %v", w.Version, w.Shipped)
	}
	wantLog := []iterationLog{
		{"iteration", 1, "outline"}, {"iteration", 1, "first draft"}, {"iteration", 1, "tightened"}, {"ship", 1, ""},
		{"iteration", 2, "cut a section"}, {"ship", 2, ""},
	}
	got, err = svc.Works.FindWorkByID(ctx, essay.ID)
	must(t, "FindWorkByID", err)
	if diff := cmp.Diff(wantLog, logOf(got.Iterations)); diff != "" {
		t.Errorf("the essay's log (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(w, got, emptyEqual); diff != "" {
		t.Errorf("FindWorkByID against AddIteration's answer (-added +found):\n%s", diff)
	}
	first := got.Iterations[0]
	if first.Effort == nil || *first.Effort != 30 || got.Iterations[3].Note != "sent to Ann" || got.Iterations[4].Feedback != "too long" {
		t.Errorf("iterations lost effort, note or feedback: %+v %+v %+v", first, got.Iterations[3], got.Iterations[4])
	}

	// A work shipped before any iteration, nudged after two.
	talk := &stride.Work{Name: "talk", NudgeAfter: 2}
	must(t, "CreateWork", svc.Works.CreateWork(ctx, talk))
	w = add(talk, &stride.Iteration{Kind: stride.IterationShip, Day: d})
	if w.Version != 1 || !w.Shipped {
		t.Errorf("shipping a first version: %+v", w)
	}
	add(talk, change(d+1, "slides"))
	w = add(talk, change(d+2, "demo"))
	if w.Version != 2 || w.Unshipped != 2 || w.Nudge() == "" {
		t.Errorf("talk after two iterations past a ship: version %d unshipped %d nudge %q; want 2, 2 and a nudge",
			w.Version, w.Unshipped, w.Nudge())
	}

	find := func(what string, f stride.WorkFilter, want ...string) {
		t.Helper()
		got, err := svc.Works.FindWorks(ctx, f)
		must(t, "FindWorks "+what, err)
		if diff := cmp.Diff(want, workNames(got), emptyEqual); diff != "" {
			t.Errorf("FindWorks %s (-want +got):\n%s", what, diff)
		}
		for _, w := range got {
			if len(w.Iterations) != 0 {
				t.Errorf("FindWorks %s: %s came with its iterations", what, w.Name)
			}
		}
	}
	find("all, by name in any case", stride.WorkFilter{}, "Essay", "talk")
	find("shipped", stride.WorkFilter{Shipped: ptr(true)}, "Essay")
	find("not shipped", stride.WorkFilter{Shipped: ptr(false)}, "talk")
	find("by goal", stride.WorkFilter{GoalID: &walk.ID}, "Essay")
	_, err = svc.Works.FindWorks(ctx, stride.WorkFilter{GoalID: ptr(walk.ID + 1000)})
	wantCode(t, "FindWorks by unknown goal", err, stride.ENOTFOUND)

	its, err := svc.Works.FindIterations(ctx, d+1, d+3)
	must(t, "FindIterations", err)
	var gotDays []stride.Date
	for _, it := range its {
		gotDays = append(gotDays, it.Day)
	}
	// Oldest first: the essay's draft and the talk's slides on d+1.
	if diff := cmp.Diff([]stride.Date{d + 1, d + 1, d + 2, d + 2, d + 3}, gotDays); diff != "" {
		t.Errorf("FindIterations days (-want +got):\n%s", diff)
	}

	// Updates: the done-when met nudges toward shipping.
	up, err := svc.Works.UpdateWork(ctx, talk.ID, stride.WorkUpdate{DoneWhen: ptr("given once"), DoneWhenMet: ptr(ptr(d + 2)),
		NudgeAfter: ptr(5), Name: ptr("Talk")})
	must(t, "UpdateWork", err)
	if up.Name != "Talk" || up.DoneWhen != "given once" || up.DoneWhenMet == nil || *up.DoneWhenMet != d+2 || up.NudgeAfter != 5 ||
		up.Nudge() == "" || len(up.Iterations) != 3 {
		t.Errorf("UpdateWork: %+v, want the new fields, a nudge for the done-when met and the iterations", up)
	}
	_, err = svc.Works.UpdateWork(ctx, talk.ID, stride.WorkUpdate{Name: ptr("ESSAY")})
	wantCode(t, "UpdateWork to a taken name", err, stride.ECONFLICT)
	_, err = svc.Works.UpdateWork(ctx, talk.ID, stride.WorkUpdate{NudgeAfter: ptr(101)})
	wantCode(t, "UpdateWork bad nudge", err, stride.EINVALID)
	_, err = svc.Works.UpdateWork(ctx, talk.ID, stride.WorkUpdate{GoalID: ptr(ptr(walk.ID + 1000))})
	wantCode(t, "UpdateWork to an unknown goal", err, stride.ENOTFOUND)
	_, err = svc.Works.UpdateWork(ctx, talk.ID+1000, stride.WorkUpdate{Name: ptr("x")})
	wantCode(t, "UpdateWork unknown", err, stride.ENOTFOUND)
	var noDate *stride.Date
	up, err = svc.Works.UpdateWork(ctx, talk.ID, stride.WorkUpdate{DoneWhenMet: &noDate, GoalID: ptr(&walk.ID)})
	must(t, "UpdateWork clear met, attach", err)
	if up.DoneWhenMet != nil || up.GoalID == nil || up.Goal != "walk" || up.Name != "Talk" {
		t.Errorf("UpdateWork clear met, attach: %+v", up)
	}

	// Deleting the goal detaches its works.
	must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, walk.ID))
	got, err = svc.Works.FindWorkByID(ctx, essay.ID)
	must(t, "FindWorkByID after its goal was deleted", err)
	if got.GoalID != nil || got.Goal != "" || len(got.Iterations) != 6 {
		t.Errorf("work after its goal was deleted: goal %v %q, %d iterations; want detached and kept", got.GoalID, got.Goal, len(got.Iterations))
	}

	must(t, "DeleteWork", svc.Works.DeleteWork(ctx, essay.ID))
	_, err = svc.Works.FindWorkByID(ctx, essay.ID)
	wantCode(t, "FindWorkByID deleted", err, stride.ENOTFOUND)
	wantCode(t, "DeleteWork again", svc.Works.DeleteWork(ctx, essay.ID), stride.ENOTFOUND)
	_, err = svc.Works.AddIteration(ctx, essay.ID, change(d, "x"))
	wantCode(t, "AddIteration to a deleted work", err, stride.ENOTFOUND)
	its, err = svc.Works.FindIterations(ctx, d, d+10)
	must(t, "FindIterations after delete", err)
	if len(its) != 3 {
		t.Errorf("%d iterations after deleting the essay, want the talk's 3", len(its))
	}
	// Its name is free again.
	must(t, "CreateWork with a deleted work's name", svc.Works.CreateWork(ctx, &stride.Work{Name: "essay"}))
}

// testWorkScoping checks that a second user sees none of the first's
// works and cannot attach one to the first's goal.
func testWorkScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Works != nil, "work")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	d := day(2025, 3, 3)
	walk := createGoal(t, ada, svc, walkGoal("walk", d))
	w := &stride.Work{Name: "Essay", GoalID: &walk.ID}
	must(t, "CreateWork", svc.Works.CreateWork(ada, w))
	_, err := svc.Works.AddIteration(ada, w.ID, &stride.Iteration{Kind: stride.IterationChange, Day: d, Changed: "draft"})
	must(t, "AddIteration", err)

	_, err = svc.Works.FindWorkByID(bo, w.ID)
	wantCode(t, "FindWorkByID as another user", err, stride.ENOTFOUND)
	_, err = svc.Works.FindWorkByName(bo, "Essay")
	wantCode(t, "FindWorkByName as another user", err, stride.ENOTFOUND)
	_, err = svc.Works.UpdateWork(bo, w.ID, stride.WorkUpdate{Name: ptr("mine")})
	wantCode(t, "UpdateWork as another user", err, stride.ENOTFOUND)
	_, err = svc.Works.AddIteration(bo, w.ID, &stride.Iteration{Kind: stride.IterationShip, Day: d})
	wantCode(t, "AddIteration as another user", err, stride.ENOTFOUND)
	wantCode(t, "DeleteWork as another user", svc.Works.DeleteWork(bo, w.ID), stride.ENOTFOUND)
	wantCode(t, "CreateWork on another user's goal", svc.Works.CreateWork(bo, &stride.Work{Name: "x", GoalID: &walk.ID}), stride.ENOTFOUND)
	_, err = svc.Works.FindWorks(bo, stride.WorkFilter{GoalID: &walk.ID})
	wantCode(t, "FindWorks by another user's goal", err, stride.ENOTFOUND)

	// Names are unique per user.
	own := &stride.Work{Name: "essay"}
	must(t, "CreateWork as bo with ada's work's name", svc.Works.CreateWork(bo, own))
	_, err = svc.Works.UpdateWork(bo, own.ID, stride.WorkUpdate{GoalID: ptr(&walk.ID)})
	wantCode(t, "UpdateWork to another user's goal", err, stride.ENOTFOUND)
	ws, err := svc.Works.FindWorks(bo, stride.WorkFilter{})
	must(t, "FindWorks as bo", err)
	if len(ws) != 1 || ws[0].ID != own.ID {
		t.Errorf("bo's works = %v, want bo's essay alone", workNames(ws))
	}
	its, err := svc.Works.FindIterations(bo, d-10, d+10)
	must(t, "FindIterations as bo", err)
	if len(its) != 0 {
		t.Errorf("bo sees %d iterations of ada's", len(its))
	}
	got, err := svc.Works.FindWorkByID(ada, w.ID)
	must(t, "FindWorkByID as ada", err)
	if got.Name != "Essay" || got.Shipped || len(got.Iterations) != 1 {
		t.Errorf("ada's work changed: %+v", got)
	}
}
