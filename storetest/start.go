package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

// testStartMovesFirstTarget holds every write that moves a goal's start
// to moving its first target with it: "every N days" periods are counted
// from the first target's day, so a step logged the day before the start
// of a "1 time/2 days" goal must fall in the period the board shows.
func testStartMovesFirstTarget(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 10)
	every2 := stride.Target{From: start, Amount: 1, Count: true, Per: stride.PerDays, Every: 2}
	first := func(what string, g *stride.Goal, want stride.Date) {
		t.Helper()
		if g.Start != want || g.Targets[0].From != want {
			t.Errorf("%s: start %s, first target from %s, want both %s", what, g.Start, g.Targets[0].From, want)
		}
	}

	// A step (CreateStep, one at a time or in a group commit).
	plants := createGoal(t, ctx, svc, &stride.Goal{Name: "plants", Start: start, Targets: []stride.Target{every2}})
	ref := newRef(plants)
	logStep(t, ctx, svc, plants.ID, start-1, 1)
	ref.addStep(start-1, 1)
	g := findGoal(t, ctx, svc, plants.ID)
	first("a step the day before", g, start-1)
	st, err := svc.Status.GoalStatus(ctx, plants.ID, start)
	must(t, "GoalStatus", err)
	if p := st.Pace; p.From != start-1 || p.To != start || p.Done != 1 || p.State != stride.PaceMet {
		t.Errorf("pace the day after the step: %+v, want %s to %s, 1 done, met", p, start-1, start)
	}
	checkStatus(t, st, ref, start)

	// Steps written together (CreateSteps).
	water := createGoal(t, ctx, svc, &stride.Goal{Name: "water", Start: start, Targets: []stride.Target{every2}})
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, []*stride.Step{
		{GoalID: water.ID, Day: start + 1, Amount: 1}, {GoalID: water.ID, Day: start - 3, Amount: 1}}))
	first("steps written together", findGoal(t, ctx, svc, water.ID), start-3)

	// A step moved earlier (UpdateStep).
	c := logStep(t, ctx, svc, water.ID, start+2, 1)
	_, err = svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Day: ptr(start - 6)})
	must(t, "UpdateStep", err)
	first("a step moved earlier", findGoal(t, ctx, svc, water.ID), start-6)

	// The start edited, earlier and later (UpdateGoal), with a target
	// history: an earlier start takes the first target with it; a later
	// one keeps every target, so a start moved by mistake and back loses
	// none.
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	weekly := stride.Target{From: start + 10, Amount: 150, Unit: stride.MinutesUnit, Per: stride.PerWeek}
	_, err = svc.Goals.SetTarget(ctx, walk.ID, weekly)
	must(t, "SetTarget", err)
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(start - 4)})
	must(t, "UpdateGoal earlier start", err)
	first("an earlier start", g, start-4)
	if g.SetStart != start-4 || len(g.Targets) != 2 || g.Targets[1] != weekly {
		t.Errorf("an earlier start: set start %s, targets %v", g.SetStart, g.Targets)
	}
	history := g.Targets
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(start + 12)})
	must(t, "UpdateGoal later start", err)
	if diff := cmp.Diff(history, g.Targets); diff != "" || g.Start != start+12 || g.TargetOn(start+12) != weekly {
		t.Errorf("a start after a target change: start %s, target on it %v (-want +got targets):\n%s", g.Start, g.TargetOn(start+12), diff)
	}
	if diff := cmp.Diff(g, findGoal(t, ctx, svc, walk.ID)); diff != "" {
		t.Errorf("FindGoalByID after a new start (-returned +found):\n%s", diff)
	}
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(start - 4)})
	must(t, "UpdateGoal the start back", err)
	if diff := cmp.Diff(history, g.Targets); diff != "" || g.Start != start-4 {
		t.Errorf("the start put back: start %s (-want +got targets):\n%s", g.Start, diff)
	}

	// The start it was given, sent again after a step moved the start
	// back, changes nothing: the untracked days stay untracked.
	herbs := createGoal(t, ctx, svc, walkGoal("herbs", start))
	logStep(t, ctx, svc, herbs.ID, start-5, 10)
	g, err = svc.Goals.UpdateGoal(ctx, herbs.ID, stride.GoalUpdate{Why: ptr("basil"), Start: ptr(start)})
	must(t, "UpdateGoal with the set start", err)
	if g.Start != start-5 || g.SetStart != start || g.Why != "basil" {
		t.Errorf("the set start sent again: start %s, set start %s, why %q; want %s, %s, basil", g.Start, g.SetStart, g.Why, start-5, start)
	}

	// A step skipped as a duplicate request moves no start.
	mint := createGoal(t, ctx, svc, walkGoal("mint", start))
	logged := &stride.Step{GoalID: mint.ID, Day: start + 3, Amount: 10, RequestID: "batch-1"}
	_, err = svc.Steps.CreateStep(ctx, logged)
	must(t, "CreateStep", err)
	must(t, "CreateSteps with a duplicate", svc.Steps.CreateSteps(ctx, []*stride.Step{
		{GoalID: mint.ID, Day: start - 9, Amount: 10, RequestID: "batch-1"}, {GoalID: mint.ID, Day: start + 4, Amount: 5}}))
	if g = findGoal(t, ctx, svc, mint.ID); g.Start != start || g.Targets[0].From != start {
		t.Errorf("a duplicate skipped: start %s, first target from %s, want both %s", g.Start, g.Targets[0].From, start)
	}
}

// testUndoStepBeforeStart: a step logged before the start moves the start
// back only while it is there, and the days between it and the start the
// goal was given ask nothing: they are untracked (held), never gaps.
// Deleting or moving the step puts the start where the set start and the
// steps left have it. Momentum stays exact across checkpoints throughout.
func testUndoStepBeforeStart(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 10)
	today := start + 70
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	for d := start; d < start+40; d += 2 {
		logStep(t, ctx, svc, walk.ID, d, 20)
		ref.addStep(d, 20)
	}
	_, err := svc.Status.Status(ctx, today) // checkpoints from the start
	must(t, "Status", err)

	early := logStep(t, ctx, svc, walk.ID, start-20, 10).Step
	ref.addStep(start-20, 10)
	g := findGoal(t, ctx, svc, walk.ID)
	if g.Start != start-20 || g.SetStart != start || g.Targets[0].From != start-20 {
		t.Errorf("after a step 20 days before: start %s, set start %s, first target %s; want %s, %s, %s",
			g.Start, g.SetStart, g.Targets[0].From, start-20, start, start-20)
	}
	hist, err := svc.Status.GoalHistory(ctx, walk.ID, start-21, start)
	must(t, "GoalHistory", err)
	for _, d := range hist[2:20] { // start-19 .. start-2
		if !d.Untracked || !d.Held || d.Momentum != hist[1].Momentum {
			t.Errorf("%s, between the early step and the set start: %+v, want untracked and held at %v", d.Date, d, hist[1].Momentum)
			break
		}
	}
	if hist[0].Untracked || hist[1].Untracked || hist[1].Held || hist[21].Untracked {
		t.Errorf("the days around them: %+v %+v %+v", hist[0], hist[1], hist[21])
	}
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start-25, today)

	// A second step in between counts as it is; its day is tracked.
	mid := logStep(t, ctx, svc, walk.ID, start-8, 15).Step
	ref.addStep(start-8, 15)
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start-25, today)

	// Deleting the earliest leaves the start on the next one; moving
	// that one past the set start puts the start back on it.
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, early.ID))
	ref.removeStep(t, start-20, 10)
	if g := findGoal(t, ctx, svc, walk.ID); g.Start != start-8 || g.Targets[0].From != start-8 {
		t.Errorf("after deleting the earliest step: start %s, first target %s, want %s", g.Start, g.Targets[0].From, start-8)
	}
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start-25, today)
	_, err = svc.Status.Status(ctx, today)
	must(t, "Status", err)
	_, err = svc.Steps.UpdateStep(ctx, mid.ID, stride.StepUpdate{Day: ptr(start + 1)})
	must(t, "UpdateStep", err)
	ref.moveStep(start-8, 15, start+1)
	if g := findGoal(t, ctx, svc, walk.ID); g.Start != start || g.Targets[0].From != start {
		t.Errorf("after moving the step past the set start: start %s, first target %s, want %s", g.Start, g.Targets[0].From, start)
	}
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start-25, today)

	// Undoing a step logged before the start undoes the move.
	undo := logStep(t, ctx, svc, walk.ID, start-3, 5).Step
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, undo.ID))
	if g := findGoal(t, ctx, svc, walk.ID); g.Start != start || g.Targets[0].From != start {
		t.Errorf("after undoing a step before the start: start %s, first target %s, want %s", g.Start, g.Targets[0].From, start)
	}

	// A start edited onto an early step's day makes it the set start:
	// the days after it are tracked from then on.
	logStep(t, ctx, svc, walk.ID, start-5, 10)
	ref.addStep(start-5, 10)
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(start - 5)})
	must(t, "UpdateGoal start", err)
	ref.setStart = start - 5
	if g.Start != start-5 || g.SetStart != start-5 {
		t.Errorf("after setting the start on the early step: start %s, set start %s", g.Start, g.SetStart)
	}
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start-25, today)
}

// testImportStepBeforeStart: an import moves a start like a logged step
// does, first target and all, keeps the set start a backup gives (or the
// start, for documents without one), and a backup keeps it.
func testImportStepBeforeStart(t *testing.T, svc *stride.Services) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 10)
	every2 := stride.Target{From: start, Amount: 1, Count: true, Per: stride.PerDays, Every: 2}
	doc := &stride.Backup{Format: stride.BackupFormat, Version: 1, Goals: []*stride.BackupGoal{{
		Goal:  stride.Goal{Name: "plants", Start: start, Targets: []stride.Target{every2}},
		Steps: []*stride.Step{{Day: start - 1, Amount: 1}, {Day: start + 2, Amount: 1}},
	}}}
	importDoc(t, ctx, svc, doc, stride.ImportOptions{})
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, "FindGoals", err)
	g := goals[0]
	if g.Start != start-1 || g.SetStart != start || g.Targets[0].From != start-1 {
		t.Errorf("imported: start %s, set start %s, first target %s; want %s, %s, %s",
			g.Start, g.SetStart, g.Targets[0].From, start-1, start, start-1)
	}
	ref := newRef(g)
	ref.addStep(start-1, 1)
	ref.addStep(start+2, 1)

	// An earlier step merged into it moves them again.
	doc.Goals[0].Steps = []*stride.Step{{Day: start - 4, Amount: 1, Note: "first"}}
	importDoc(t, ctx, svc, doc, stride.ImportOptions{})
	ref.addStep(start-4, 1)
	g = findGoal(t, ctx, svc, g.ID)
	if g.Start != start-4 || g.SetStart != start || g.Targets[0].From != start-4 {
		t.Errorf("after a merge: start %s, set start %s, first target %s; want %s, %s, %s",
			g.Start, g.SetStart, g.Targets[0].From, start-4, start, start-4)
	}
	checkGoal(t, ctx, svc, ref, start+5)
	checkHistory(t, ctx, svc, ref, start-6, start+5)

	exp := exportOf(t, ctx, svc)
	if b := exp.Goals[0]; b.Start != start-4 || b.SetStart != start {
		t.Errorf("backup: start %s, set start %s", b.Start, b.SetStart)
	}
	// A backup's set start is kept: the days up to it stay untracked.
	exp.Goals[0].Name, exp.Goals[0].ID = "herbs", 0
	for _, s := range exp.Goals[0].Steps {
		s.ID = 0
	}
	importDoc(t, ctx, svc, exp, stride.ImportOptions{Source: "copy"})
	herbs, err := svc.Goals.FindGoalByName(ctx, "herbs")
	must(t, "FindGoalByName", err)
	if herbs.Start != start-4 || herbs.SetStart != start || herbs.Targets[0].From != start-4 {
		t.Errorf("a backup imported: start %s, set start %s, first target %s", herbs.Start, herbs.SetStart, herbs.Targets[0].From)
	}
}
