package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

// testCurrentTarget: a goal's Target is the one in effect today, by the
// store's clock in the user's time zone, wherever a goal is read; one set
// to start later is in its history, still to come. Days a time zone apart
// never matter here: the targets begin weeks from today.
func testCurrentTarget(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	today := stride.DateOf(time.Now())
	start := today - 40
	weekly := stride.Target{From: start, Amount: 20, Unit: "pages", Per: stride.PerWeek}
	daily := stride.Target{From: today + 20, Amount: 5, Unit: "pages", Per: stride.PerDay}
	read := &stride.Goal{Name: "read", Unit: "pages", Start: start, Targets: []stride.Target{weekly, daily}}
	createGoal(t, ctx, svc, read)
	check := func(what string, g *stride.Goal) {
		t.Helper()
		if g.Target != weekly {
			t.Errorf("%s: Target %v, want the one in effect today, %v", what, g.Target, weekly)
		}
		if diff := cmp.Diff([]stride.Target{daily}, g.TargetsAfter(today)); diff != "" {
			t.Errorf("%s: targets still to come (-want +got):\n%s", what, diff)
		}
	}
	check("CreateGoal", read)
	check("FindGoalByID", findGoal(t, ctx, svc, read.ID))
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, "FindGoals", err)
	check("FindGoals", goals[0])
	g, err := svc.Goals.UpdateGoal(ctx, read.ID, stride.GoalUpdate{Why: ptr("to keep learning")})
	must(t, "UpdateGoal", err)
	check("UpdateGoal", g)
	g, err = svc.Goals.PauseGoal(ctx, read.ID, today, ptr(today+2))
	must(t, "PauseGoal", err)
	check("PauseGoal", g)
	g, err = svc.Goals.ResumeGoal(ctx, read.ID, today)
	must(t, "ResumeGoal", err)
	check("ResumeGoal", g)

	// A target set to start later, as stride goal edit --from does.
	later := stride.Target{From: today + 10, Amount: 30, Unit: "pages", Per: stride.PerWeek}
	g, err = svc.Goals.SetTarget(ctx, read.ID, later)
	must(t, "SetTarget", err)
	if g.Target != weekly || len(g.TargetsAfter(today)) != 1 || g.TargetsAfter(today)[0] != later {
		t.Errorf("a target set to start later: Target %v, still to come %v", g.Target, g.TargetsAfter(today))
	}
	board, err := svc.Status.Status(ctx, today)
	must(t, "Status", err)
	if len(board) != 1 || board[0].Target != "20 pages/week" || board[0].Goal.Target != weekly {
		t.Errorf("board: %+v", board)
	}
	st, err := svc.Status.GoalStatus(ctx, read.ID, today+12)
	must(t, "GoalStatus", err)
	if st.Target != "30 pages/week" || st.Goal.Target != later {
		t.Errorf("status on a day after the change: %q, goal's %v", st.Target, st.Goal.Target)
	}
	if svc.Backup != nil {
		doc, err := svc.Backup.ExportBackup(ctx, time.Now())
		must(t, "ExportBackup", err)
		if g := doc.Goals[0]; g.Target != weekly {
			t.Errorf("backup: Target %v, want %v", g.Target, weekly)
		}
	}
}
