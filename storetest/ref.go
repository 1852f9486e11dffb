package storetest

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// approx compares momentum and sums: the stores may add in another order.
var approx = cmpopts.EquateApprox(0, 1e-9)

type pause struct {
	from  stride.Date
	until *stride.Date // exclusive; nil while open
}

// ref is the test's own record of a goal, scored from scratch with
// momentum.Score: what every store's incremental answer must equal.
type ref struct {
	goal *stride.Goal // for what the record does not change: name, unit, smallest step
	// start is setStart, or the first step's day when earlier; the
	// days between without a step are untracked, held.
	start, setStart stride.Date
	targets         []stride.Target
	steps           map[stride.Date][]float64
	skips           map[stride.Date]bool
	pauses          []pause
}

func newRef(g *stride.Goal) *ref {
	set := g.SetStart
	if set == 0 {
		set = g.Start
	}
	return &ref{goal: g, start: g.Start, setStart: set, targets: slices.Clone(g.Targets),
		steps: map[stride.Date][]float64{}, skips: map[stride.Date]bool{}}
}

func (r *ref) addStep(d stride.Date, a float64) {
	r.steps[d] = append(r.steps[d], a)
	r.restart()
}

// restart puts the start on the set start or the first step's day, when
// earlier, and the first target on the start: the target in effect on it
// (or the first) begins there, those wholly before it are gone.
func (r *ref) restart() {
	start := r.setStart
	for d, as := range r.steps {
		if len(as) > 0 && d < start {
			start = d
		}
	}
	if start == r.start {
		return
	}
	r.start = start
	i := 0
	for i+1 < len(r.targets) && r.targets[i+1].From <= start {
		i++
	}
	r.targets = slices.Clone(r.targets[i:])
	r.targets[0].From = start
}

func (r *ref) removeStep(t *testing.T, d stride.Date, a float64) {
	t.Helper()
	i := slices.Index(r.steps[d], a)
	if i < 0 {
		t.Fatalf("reference has no step of %v on %s", a, d)
	}
	r.steps[d] = slices.Delete(r.steps[d], i, i+1)
	r.restart()
}

func (r *ref) moveStep(from stride.Date, a float64, to stride.Date) {
	if i := slices.Index(r.steps[from], a); i >= 0 {
		r.steps[from] = slices.Delete(r.steps[from], i, i+1)
	}
	r.addStep(to, a)
}

// untracked reports whether d is a day before the set start without a step.
func (r *ref) untracked(d stride.Date) bool { return d < r.setStart && len(r.steps[d]) == 0 }

func (r *ref) setTarget(t stride.Target) {
	r.targets = slices.DeleteFunc(r.targets, func(x stride.Target) bool { return x.From == t.From })
	r.targets = append(r.targets, t)
	slices.SortFunc(r.targets, func(a, b stride.Target) int { return int(a.From - b.From) })
}

func (r *ref) total() float64 {
	var s float64
	for _, as := range r.steps {
		for _, a := range as {
			s += a
		}
	}
	return s
}

func (r *ref) held(d stride.Date) bool {
	if r.skips[d] || r.untracked(d) {
		return true
	}
	for _, p := range r.pauses {
		if d >= p.from && (p.until == nil || d < *p.until) {
			return true
		}
	}
	return false
}

func (r *ref) mgoal() momentum.Goal {
	return momentum.Goal{Targets: r.targets, Direction: r.goal.Direction, Start: r.start}
}

// stored returns the goal as the store should hold it now.
func (r *ref) stored(g *stride.Goal) *stride.Goal {
	c := *g
	c.Start, c.SetStart, c.Targets = r.start, r.setStart, r.targets
	return &c
}

// series returns the whole record from the start through until, with
// extra added to until's amount.
func (r *ref) series(until stride.Date, extra float64) *momentum.Series {
	n := max(int(until-r.start)+1, 0)
	s := &momentum.Series{From: r.start, Amount: make([]float64, n), Held: make([]bool, n)}
	for i := range n {
		d := r.start + stride.Date(i)
		for _, a := range r.steps[d] {
			s.Amount[i] += a
		}
		s.Held[i] = r.held(d)
	}
	if n > 0 {
		s.Amount[n-1] += extra
	}
	return s
}

// days returns what GoalHistory(from, until) must answer.
func (r *ref) days(from, until stride.Date) []stride.Day {
	pts := momentum.Score(r.mgoal(), r.series(until, 0), until)
	var out []stride.Day
	for d := from; d <= until; d++ {
		day := stride.Day{Date: d}
		if d >= r.start {
			for _, a := range r.steps[d] {
				day.Amount += a
				day.Steps++
			}
			day.Held, day.Skipped, day.Untracked = r.held(d), r.skips[d], r.untracked(d)
			p := pts[d-r.start]
			day.Credit, day.Momentum = p.Credit, p.Value
		}
		out = append(out, day)
	}
	return out
}

func (r *ref) momentum(until stride.Date, extra float64) float64 {
	if until < r.start {
		return 0
	}
	pts := momentum.Score(r.mgoal(), r.series(until, extra), until)
	return pts[len(pts)-1].Value
}

// checkStatus compares a status line with the reference scored from scratch.
func checkStatus(t *testing.T, st *stride.GoalStatus, r *ref, today stride.Date) {
	t.Helper()
	g := r.stored(st.Goal)
	if diff := cmp.Diff(g, st.Goal); diff != "" {
		t.Errorf("%s: stored goal differs from the reference (-want +got):\n%s", st.Name, diff)
	}
	ws := time.Monday
	amount := g.SmallestStepAmount()
	want := &stride.GoalStatus{
		ID: g.ID, Name: g.Name, Kind: g.Kind(), Unit: g.Unit, Target: g.TargetOn(today).String(),
		Direction: g.Direction, State: g.StateOn(today), ParentID: g.ParentID,
		Momentum: r.momentum(today, 0), MomentumYesterday: r.momentum(today-1, 0),
		Pace:   momentum.Pace(g, r.series(today, 0), today, ws),
		Recent: r.days(today-13, today),
		Next:   stride.NextStep{Text: g.SmallestStep, Amount: amount, Momentum: r.momentum(today, amount)},
		Total:  r.total(),
	}
	if diff := cmp.Diff(want, st, approx, cmpopts.IgnoreFields(stride.GoalStatus{}, "Goal")); diff != "" {
		t.Errorf("%s on %s: status differs from a from-scratch score (-want +got):\n%s", g.Name, today, diff)
	}
}

func checkGoal(t *testing.T, ctx context.Context, svc *stride.Services, r *ref, today stride.Date) {
	t.Helper()
	st, err := svc.Status.GoalStatus(ctx, r.goal.ID, today)
	must(t, "GoalStatus", err)
	checkStatus(t, st, r, today)
}

func checkHistory(t *testing.T, ctx context.Context, svc *stride.Services, r *ref, from, today stride.Date) {
	t.Helper()
	got, err := svc.Status.GoalHistory(ctx, r.goal.ID, from, today)
	must(t, "GoalHistory", err)
	if diff := cmp.Diff(r.days(from, today), got, approx); diff != "" {
		t.Errorf("%s history %s..%s differs from a from-scratch score (-want +got):\n%s", r.goal.Name, from, today, diff)
	}
}

// testIncrementalExact builds three years of history, lets reads save
// checkpoints, then changes old days in every way a user can and checks
// that momentum still equals a from-scratch score to 1e-9.
func testIncrementalExact(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	rng := rand.New(rand.NewPCG(7, 11))
	today := day(2025, 6, 15)
	start := today - 1100
	read := createGoal(t, ctx, svc, &stride.Goal{Name: "read", Unit: "pages", Start: start, SmallestStep: "read 2 pages",
		Targets: []stride.Target{{From: start, Amount: 10, Unit: "pages", Per: stride.PerDay}}})
	coffee := createGoal(t, ctx, svc, &stride.Goal{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Start: start,
		Targets: []stride.Target{{From: start, Amount: 2, Unit: "cups", Per: stride.PerDay}}})
	refs := []*ref{newRef(read), newRef(coffee)}
	rr, rc := refs[0], refs[1]

	var batch []*stride.Step
	for d := start; d <= today; d++ {
		if rng.Float64() < 0.75 {
			a := float64(1 + rng.IntN(30))
			batch = append(batch, &stride.Step{GoalID: read.ID, Day: d, Amount: a})
			rr.addStep(d, a)
		}
		if rng.Float64() < 0.2 {
			a := float64(1+rng.IntN(8)) * 0.5
			batch = append(batch, &stride.Step{GoalID: read.ID, Day: d, Amount: a, Time: ptr(rng.IntN(1440))})
			rr.addStep(d, a)
		}
		if rng.Float64() < 0.6 {
			a := float64(1 + rng.IntN(4))
			batch = append(batch, &stride.Step{GoalID: coffee.ID, Day: d, Amount: a})
			rc.addStep(d, a)
		}
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, batch))
	var skips []stride.Date
	for range 25 {
		d := start + stride.Date(rng.IntN(1100))
		if len(rr.steps[d]) > 0 && !rr.skips[d] {
			// a day with progress counts as it is (testSkipUnskip)
			wantCode(t, "SkipDay on a day with steps", svc.Goals.SkipDay(ctx, read.ID, d), stride.EINVALID)
			continue
		}
		must(t, "SkipDay", svc.Goals.SkipDay(ctx, read.ID, d))
		rr.skips[d] = true
		skips = append(skips, d)
	}
	_, err := svc.Goals.PauseGoal(ctx, read.ID, start+700, ptr(start+730))
	must(t, "PauseGoal", err)
	rr.pauses = append(rr.pauses, pause{start + 700, ptr(start + 730)})
	_, err = svc.Goals.PauseGoal(ctx, read.ID, start+800, nil)
	must(t, "PauseGoal open", err)
	_, err = svc.Goals.ResumeGoal(ctx, read.ID, start+815)
	must(t, "ResumeGoal", err)
	rr.pauses = append(rr.pauses, pause{start + 800, ptr(start + 815)})
	monthly := stride.Target{From: start + 500, Amount: 300, Unit: "pages", Per: stride.PerMonth}
	_, err = svc.Goals.SetTarget(ctx, read.ID, monthly)
	must(t, "SetTarget", err)
	rr.setTarget(monthly)
	weekly := stride.Target{From: start + 300, Amount: 10, Unit: "cups", Per: stride.PerWeek}
	_, err = svc.Goals.SetTarget(ctx, coffee.ID, weekly)
	must(t, "SetTarget", err)
	rc.setTarget(weekly)

	// Reads on several days save checkpoints all along the history.
	refresh := func() {
		t.Helper()
		for _, d := range []stride.Date{today - 700, today - 365, today - 100, today - 20, today} {
			_, err := svc.Status.Status(ctx, d)
			must(t, "Status", err)
		}
	}
	check := func(label string) {
		t.Helper()
		for _, r := range refs {
			for _, d := range []stride.Date{today, today - 365, start + 400} {
				checkGoal(t, ctx, svc, r, d)
			}
			for _, w := range [][2]stride.Date{{today - 45, today}, {today - 400, today - 340}, {start + 495, start + 520}, {start + 95, start + 130}} {
				checkHistory(t, ctx, svc, r, w[0], w[1])
			}
		}
		if t.Failed() {
			t.Fatalf("after %s: incremental momentum drifted from the reference", label)
		}
	}
	refresh()
	check("building the history")

	stepNear := func(g int64, d stride.Date) *stride.Step {
		t.Helper()
		steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g, Since: &d, Limit: 1})
		must(t, "FindSteps", err)
		if len(steps) == 0 {
			t.Fatalf("no step on or after %s", d)
		}
		return steps[0]
	}
	mutations := []struct {
		name string
		fn   func()
	}{
		{"doubling an old step", func() {
			s := stepNear(read.ID, start+200)
			_, err := svc.Steps.UpdateStep(ctx, s.ID, stride.StepUpdate{Amount: ptr(s.Amount * 2)})
			must(t, "UpdateStep", err)
			rr.removeStep(t, s.Day, s.Amount)
			rr.addStep(s.Day, s.Amount*2)
		}},
		{"moving an old step later", func() {
			s := stepNear(read.ID, start+300)
			_, err := svc.Steps.UpdateStep(ctx, s.ID, stride.StepUpdate{Day: ptr(start + 900)})
			must(t, "UpdateStep", err)
			rr.moveStep(s.Day, s.Amount, start+900)
		}},
		{"deleting an old step", func() {
			s := stepNear(coffee.ID, start+400)
			must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, s.ID))
			rc.removeStep(t, s.Day, s.Amount)
		}},
		{"inserting an old step", func() {
			logStep(t, ctx, svc, read.ID, start+100, 17)
			rr.addStep(start+100, 17)
			logStep(t, ctx, svc, coffee.ID, start+101, 5)
			rc.addStep(start+101, 5)
		}},
		{"skipping and unskipping old days", func() {
			rest := start + 250 // a day without steps: one with progress counts as it is
			for len(rr.steps[rest]) > 0 {
				rest++
			}
			must(t, "SkipDay", svc.Goals.SkipDay(ctx, read.ID, rest))
			rr.skips[rest] = true
			must(t, "UnskipDay", svc.Goals.UnskipDay(ctx, read.ID, skips[0]))
			delete(rr.skips, skips[0])
		}},
		{"changing a target", func() {
			daily := stride.Target{From: start + 1000, Amount: 15, Unit: "pages", Per: stride.PerDay}
			_, err := svc.Goals.SetTarget(ctx, read.ID, daily)
			must(t, "SetTarget", err)
			rr.setTarget(daily)
			old := stride.Target{From: start + 300, Amount: 12, Unit: "cups", Per: stride.PerWeek}
			_, err = svc.Goals.SetTarget(ctx, coffee.ID, old)
			must(t, "SetTarget replacing", err)
			rc.setTarget(old)
		}},
		{"a step before the start", func() {
			logStep(t, ctx, svc, read.ID, start-12, 4)
			rr.addStep(start-12, 4)
		}},
		{"pausing in the past", func() {
			_, err := svc.Goals.PauseGoal(ctx, coffee.ID, start+600, ptr(start+610))
			must(t, "PauseGoal", err)
			rc.pauses = append(rc.pauses, pause{start + 600, ptr(start + 610)})
		}},
		{"editing a step inside the newest checkpoint window", func() {
			s := stepNear(read.ID, today-40)
			_, err := svc.Steps.UpdateStep(ctx, s.ID, stride.StepUpdate{Amount: ptr(s.Amount + 3)})
			must(t, "UpdateStep", err)
			rr.removeStep(t, s.Day, s.Amount)
			rr.addStep(s.Day, s.Amount+3)
		}},
	}
	for _, m := range mutations {
		m.fn()
		check(m.name)
		refresh()
		check(m.name + " and reading again")
	}
	for _, r := range refs {
		checkHistory(t, ctx, svc, r, r.start-20, today)
	}
}
