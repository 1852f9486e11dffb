package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// TestFindWinsWholeRecord: without a since, FindWins is the whole record,
// as stride.WinService promises and the stores answer, though the server
// shows the last 30 days to a request without ?since= (stride export
// through a server reads every win).
func TestFindWinsWholeRecord(t *testing.T) {
	url, store := serve(t)
	ada, tok := token(t, store, "ada", stride.ScopeReadWrite)
	ctx := stride.NewContextWithUser(context.Background(), ada)
	today := stride.DateOf(time.Now())
	start := today - 400
	target := stride.Target{From: start, Count: true, Amount: 3, Per: stride.PerWeek}
	g := &stride.Goal{Name: "walk", Target: target, Targets: []stride.Target{target}, Start: start}
	if err := store.Goals.CreateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Steps.CreateStep(ctx, &stride.Step{GoalID: g.ID, Day: start, Amount: 1}); err != nil {
		t.Fatal(err)
	}
	local, err := store.Wins.FindWins(ctx, stride.WinFilter{}, today)
	if err != nil || len(local) == 0 || local[0].Day != start {
		t.Fatalf("the store's wins: %+v, %v", local, err)
	}
	got, err := remote(t, url, tok).Wins.FindWins(context.Background(), stride.WinFilter{}, today)
	if err != nil || len(got) != len(local) || got[0].Day != start {
		t.Errorf("through the client: %d wins, %v; want the store's %d from %s", len(got), err, len(local), start)
	}
}
