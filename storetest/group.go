package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/strideapp/stride"
)

// testConcurrentCreateMix sends 200 CreateStep calls at once: good steps,
// invalid ones, steps for a goal that is not the user's, replays of steps
// stored before and request ids sent several times at once. A store that
// writes concurrent calls together (sqlstore's group commit) must answer
// each as if it ran alone and leave the database exactly consistent.
func testConcurrentCreateMix(t *testing.T, svc *stride.Services, opts Options) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walkG := walkGoal("walk", start)
	walkG.Milestones = []stride.Milestone{{Amount: 50}, {Amount: 100}, {Amount: 200}, {Amount: 400}}
	walkG.DoneWhen, walkG.DoneWhenAmount = "walked 300 min", ptr(300.0)
	walk := createGoal(t, ctx, svc, walkG)
	readG := walkGoal("read", start)
	readG.Milestones = []stride.Milestone{{Amount: 30}, {Amount: 60}}
	read := createGoal(t, ctx, svc, readG)
	missing := read.ID + 1000 // no such goal
	foreign := missing
	if !opts.RemoteUser {
		bob := userCtx(t, svc, "bob")
		foreign = createGoal(t, bob, svc, walkGoal("bob's walk", start)).ID
	}

	// Steps stored before the burst, replayed during it.
	old := map[string]int64{}
	for i := range 10 {
		rid := fmt.Sprintf("old-%d", i)
		c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 1, RequestID: rid})
		must(t, "CreateStep "+rid, err)
		old[rid] = c.Step.ID
	}

	const n = 200
	type call struct {
		step    *stride.Step
		kind    string // good, invalid, foreign, missing, old, dup
		created *stride.StepCreated
		err     error
	}
	calls := make([]*call, n)
	for i := range n {
		c := &call{step: &stride.Step{GoalID: walk.ID, Day: start + stride.Date(i%20), Amount: float64(i%7 + 5),
			RequestID: fmt.Sprintf("new-%d", i)}}
		switch i % 10 {
		case 0:
			c.kind, c.step.Amount = "invalid", -1
		case 1:
			c.kind, c.step.GoalID = "foreign", foreign
		case 2:
			c.kind, c.step.GoalID = "missing", missing
		case 3:
			c.kind, c.step.RequestID = "old", fmt.Sprintf("old-%d", i/10%10)
			// A replay answers the first step whatever the goal sent.
			c.step.GoalID = read.ID
		case 4, 5:
			c.kind, c.step.RequestID = "dup", fmt.Sprintf("dup-%d", i/10%4)
		default:
			c.kind = "good"
			if i%2 == 1 {
				c.step.GoalID = read.ID
			}
			if i == 199 {
				c.step.Day = start - 3 // moves read's start
			}
		}
		if c.kind == "dup" {
			c.step.GoalID, c.step.Day, c.step.Amount = read.ID, start, 2
		}
		calls[i] = c
	}
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for _, c := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ready
			c.created, c.err = svc.Steps.CreateStep(ctx, c.step)
		}()
	}
	close(ready)
	wg.Wait()

	totals := map[int64]float64{walk.ID: 10}
	reported := map[int64]map[float64]int64{walk.ID: {}, read.ID: {}} // milestone → step that reported it
	firsts := map[int64]int{}                                         // goal → steps reported as its first
	doneWhen := 0
	dupFirst := map[string]int64{}
	dupNew := map[string]int{}
	for i, c := range calls {
		what := fmt.Sprintf("call %d (%s)", i, c.kind)
		switch c.kind {
		case "invalid":
			wantCode(t, what, c.err, stride.EINVALID)
			continue
		case "foreign", "missing":
			wantCode(t, what, c.err, stride.ENOTFOUND)
			continue
		}
		if c.err != nil {
			t.Errorf("%s: %v", what, c.err)
			continue
		}
		switch c.kind {
		case "old":
			if !c.created.Replayed || c.created.Step.ID != old[c.step.RequestID] || c.created.Step.GoalID != walk.ID {
				t.Errorf("%s: got step %d of goal %d replayed=%v, want step %d of walk replayed", what,
					c.created.Step.ID, c.created.Step.GoalID, c.created.Replayed, old[c.step.RequestID])
			}
			continue
		case "dup":
			rid := c.step.RequestID
			if id, ok := dupFirst[rid]; ok && id != c.created.Step.ID {
				t.Errorf("%s: step %d, another call with %s got %d", what, c.created.Step.ID, rid, id)
			}
			dupFirst[rid] = c.created.Step.ID
			if c.created.Replayed {
				continue
			}
			dupNew[rid]++
		}
		st := c.created.Step
		if st.ID == 0 || st.UserID == 0 || st.Goal == "" || st.RequestID != c.step.RequestID {
			t.Errorf("%s: incomplete step %+v", what, st)
		}
		totals[st.GoalID] += st.Amount
		for _, m := range c.created.Milestones {
			if prev, ok := reported[st.GoalID][m]; ok {
				t.Errorf("%s: milestone %v of goal %d reported again (first by step %d)", what, m, st.GoalID, prev)
			}
			reported[st.GoalID][m] = st.ID
		}
		if c.created.DoneWhenReached {
			doneWhen++
		}
		if c.created.FirstStep {
			if firsts[st.GoalID]++; firsts[st.GoalID] > 1 {
				t.Errorf("%s: goal %d had a first step again", what, st.GoalID)
			}
		}
	}
	for rid, k := range dupNew {
		if k != 1 {
			t.Errorf("request id %s stored by %d calls, want 1", rid, k)
		}
	}
	if len(dupNew) != 4 {
		t.Errorf("%d duplicated request ids stored, want 4", len(dupNew))
	}
	if doneWhen != 1 {
		t.Errorf("done-when reached by %d calls, want 1", doneWhen)
	}

	for _, g := range []*stride.Goal{walk, read} {
		stored, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID})
		must(t, "FindSteps", err)
		var sum float64
		for _, s := range stored {
			sum += s.Amount
		}
		got := findGoal(t, ctx, svc, g.ID)
		if got.Total != sum || sum != totals[g.ID] {
			t.Errorf("%s: total %v, sum of its steps %v, sum of the answers %v: want all equal", g.Name, got.Total, sum, totals[g.ID])
		}
		for _, m := range got.Milestones {
			by, ok := reported[g.ID][m.Amount]
			switch {
			case m.Amount <= sum && (m.Reached == nil || m.StepID == nil || !ok || *m.StepID != by):
				t.Errorf("%s: milestone %v stored as reached by %v, reported by step %d (%v)", g.Name, m.Amount, m.StepID, by, ok)
			case m.Amount > sum && (m.Reached != nil || ok):
				t.Errorf("%s: milestone %v reached above the total %v", g.Name, m.Amount, sum)
			}
		}
		if len(reported[g.ID]) != countReached(got.Milestones) {
			t.Errorf("%s: %d milestones reported, %d stored as reached", g.Name, len(reported[g.ID]), countReached(got.Milestones))
		}
	}
	if got := findGoal(t, ctx, svc, read.ID); got.Start != start-3 {
		t.Errorf("read starts %v, want %v (moved by an earlier step)", got.Start, start-3)
	}
	if opts.RemoteUser {
		return
	}
	bob := userCtx(t, svc, "bob")
	stored, err := svc.Steps.FindSteps(bob, stride.StepFilter{})
	must(t, "FindSteps bob", err)
	if len(stored) != 0 {
		t.Errorf("%d steps of ada's calls written to bob's goal", len(stored))
	}
}

func countReached(ms []stride.Milestone) int {
	k := 0
	for _, m := range ms {
		if m.Reached != nil {
			k++
		}
	}
	return k
}

// testCreateStepCanceled checks that a call whose context has ended
// writes nothing.
func testCreateStepCanceled(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := svc.Steps.CreateStep(cctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 5, RequestID: "gone"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("CreateStep with an ended context: %v, want context.Canceled", err)
	}
	if g := findGoal(t, ctx, svc, walk.ID); g.Total != 0 {
		t.Errorf("total %v after a canceled call, want 0", g.Total)
	}
}

// ConcurrentUsers writes steps for four users' goals from the two
// instances of one database at once, each grouping its calls, while boards
// are read (which saves checkpoints, locking goals too). No call may fail
// (a deadlock would), and each goal's total must be the sum of its steps.
func ConcurrentUsers(t *testing.T, stores [2]*stride.Services) {
	today := stride.NewDate(2026, 11, 22)
	type owner struct {
		ctx   context.Context
		goals []int64
	}
	var owners []owner
	for u := range 4 {
		usr, err := stores[0].Users.EnsureUser(context.Background(), fmt.Sprint("user", u))
		if err != nil {
			t.Fatal(err)
		}
		ctx := stride.NewContextWithUser(context.Background(), usr)
		o := owner{ctx: ctx}
		for g := range 3 {
			goal := &stride.Goal{Name: fmt.Sprint("goal ", g), Unit: "min", Start: today - 60,
				Milestones: []stride.Milestone{{Amount: 40}, {Amount: 200}},
				Targets:    []stride.Target{{From: today - 60, Amount: 30, Unit: "min", Per: stride.PerDay}}}
			if err := stores[0].Goals.CreateGoal(ctx, goal); err != nil {
				t.Fatal(err)
			}
			o.goals = append(o.goals, goal.ID)
		}
		owners = append(owners, o)
	}
	const writers, each = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		svc := stores[w%2]
		wg.Go(func() {
			for i := range each {
				o := owners[(w+i)%len(owners)]
				s := &stride.Step{GoalID: o.goals[(w*7+i)%len(o.goals)], Day: today - stride.Date((w+i)%40), Amount: 2,
					RequestID: fmt.Sprint(w, "-", i)}
				if _, err := svc.Steps.CreateStep(o.ctx, s); err != nil {
					errs <- fmt.Errorf("writer %d step %d: %w", w, i, err)
				}
				if i%5 == 0 {
					if _, err := svc.Status.Status(o.ctx, today); err != nil {
						errs <- fmt.Errorf("writer %d board: %w", w, err)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var sum float64
	for _, o := range owners {
		for _, id := range o.goals {
			g, err := stores[1].Goals.FindGoalByID(o.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			steps, err := stores[1].Steps.FindSteps(o.ctx, stride.StepFilter{GoalID: &id})
			if err != nil {
				t.Fatal(err)
			}
			var total float64
			for _, s := range steps {
				total += s.Amount
			}
			if g.Total != total {
				t.Errorf("goal %d: total %v, its steps sum to %v", id, g.Total, total)
			}
			sum += total
		}
	}
	if sum != writers*each*2 {
		t.Errorf("%v minutes stored, want %d", sum, writers*each*2)
	}
}
