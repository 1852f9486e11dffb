// Package storetest is the one conformance suite every stride store must
// pass: the sqlite and postgres packages run it against a real database.
// Momentum is checked against momentum.Score computed from scratch over a
// record the test keeps itself, so a store's incremental state is held to
// the reference, not to its own earlier answers.
package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strideapp/stride"
)

// Run runs the suite. open returns services over an empty database of the
// test's own; it should register their Close with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) *stride.Services) {
	RunWith(t, open, Options{})
}

// Options describes what the services under test cannot do by design, so
// that the suite leaves out only the checks that depend on it.
type Options struct {
	// RemoteUser is set for the API client: the API token fixes the user,
	// so the context's user is not the one acting and users cannot be
	// created through UserService. The subtests that create users or act
	// as two users are skipped (Users, Unauthorized, UserScoping), and
	// three others stop before their second user; the client's own tests
	// check scoping with two tokens instead.
	RemoteUser bool
}

// RunWith runs the suite with opts.
func RunWith(t *testing.T, open func(t *testing.T) *stride.Services, opts Options) {
	tests := []struct {
		name string
		fn   func(t *testing.T, svc *stride.Services)
		// users marks subtests that create users or act as two of them.
		users bool
	}{
		{"Users", testUsers, true},
		{"Unauthorized", testUnauthorized, true},
		{"CreateAndFindGoals", testCreateAndFindGoals, false},
		{"GoalNameConflict", func(t *testing.T, svc *stride.Services) { testGoalNameConflict(t, svc, opts) }, false},
		{"UserScoping", testUserScoping, true},
		{"UpdateGoal", testUpdateGoal, false},
		{"SetTarget", testSetTarget, false},
		{"UpdateGoalAllOrNothing", testUpdateGoalAllOrNothing, false},
		{"TargetHistoryKeepsPast", testTargetHistoryKeepsPast, false},
		{"SetGoalState", testSetGoalState, false},
		{"PauseResume", testPauseResume, false},
		{"SkipUnskip", testSkipUnskip, false},
		{"DeleteGoalCascade", testDeleteGoalCascade, false},
		{"Steps", testSteps, false},
		{"FindStepsOrder", testFindStepsOrder, false},
		{"IDsNeverReused", testIDsNeverReused, false},
		{"CheckGoalAmounts", testCheckGoalAmounts, false},
		{"RequestIDIdempotent", func(t *testing.T, svc *stride.Services) { testRequestIDIdempotent(t, svc, opts) }, false},
		{"RequestIDConcurrent", testRequestIDConcurrent, false},
		{"Milestones", testMilestones, false},
		{"DoneWhen", testDoneWhen, false},
		{"UnreachedWhenTotalDrops", testUnreachedWhenTotalDrops, false},
		{"CreateSteps", testCreateSteps, false},
		{"CreateStepsAllOrNothing", func(t *testing.T, svc *stride.Services) { testCreateStepsAllOrNothing(t, svc, opts) }, false},
		{"StepBeforeStartMovesStart", testStepBeforeStart, false},
		{"StartMovesFirstTarget", testStartMovesFirstTarget, false},
		{"UndoStepBeforeStart", testUndoStepBeforeStart, false},
		{"CurrentTarget", testCurrentTarget, false},
		{"ImportStepBeforeStart", testImportStepBeforeStart, false},
		{"Status", testStatus, false},
		{"GoalHistory", testGoalHistory, false},
		{"IncrementalExact", testIncrementalExact, false},
		{"ConcurrentWritersAndReaders", testConcurrent, false},
		{"ConcurrentCreateMix", func(t *testing.T, svc *stride.Services) { testConcurrentCreateMix(t, svc, opts) }, false},
		{"CreateStepCanceled", testCreateStepCanceled, false},
		// The reflection records (lesson.go, doubt.go, focus.go, work.go,
		// review.go); each skips on services that lack its service.
		{"Lessons", testLessons, false},
		{"LessonThemes", testLessonThemes, false},
		{"LessonScoping", testLessonScoping, true},
		{"Doubts", testDoubts, false},
		{"DoubtScoping", testDoubtScoping, true},
		{"Focus", testFocus, false},
		{"FocusScoping", testFocusScoping, true},
		{"Works", testWorks, false},
		{"WorkScoping", testWorkScoping, true},
		{"Reviews", testReviews, false},
		{"ReviewWeekStart", testReviewWeekStart, true},
		{"ReviewScoping", testReviewScoping, true},
		{"GoalDoneWhenMet", testGoalDoneWhenMet, false},
		{"StepLearned", testStepLearned, false},
		// Backups and imports (backup.go).
		{"BackupRoundTrip", func(t *testing.T, svc *stride.Services) { testBackupRoundTrip(t, svc, opts) }, false},
		{"BackupIdempotent", func(t *testing.T, svc *stride.Services) { testBackupIdempotent(t, svc, opts) }, false},
		{"BackupAllOrNothing", func(t *testing.T, svc *stride.Services) { testBackupAllOrNothing(t, svc, opts) }, false},
		{"BackupDryRun", func(t *testing.T, svc *stride.Services) { testBackupDryRun(t, svc, opts) }, false},
		{"BackupMerge", func(t *testing.T, svc *stride.Services) { testBackupMerge(t, svc, opts) }, false},
		{"BackupScoping", testBackupScoping, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.users && opts.RemoteUser {
				t.Skip("needs users made through the service or two users; the API token fixes one")
			}
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
	// The AuthService's part, in auth.go.
	for _, tt := range authTests {
		t.Run(tt.name, func(t *testing.T) {
			if opts.RemoteUser {
				t.Skip("the API client keeps no accounts: the server's own store does")
			}
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

// day returns a date in a readable form for tests.
func day(y int, m time.Month, d int) stride.Date { return stride.NewDate(y, m, d) }

func ptr[T any](v T) *T { return &v }

// userCtx returns a context signed in as a new user with this name.
func userCtx(t *testing.T, svc *stride.Services, name string) context.Context {
	t.Helper()
	u, err := svc.Users.EnsureUser(context.Background(), name)
	if err != nil {
		t.Fatalf("EnsureUser(%q): %v", name, err)
	}
	return stride.NewContextWithUser(context.Background(), u)
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := stride.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// walkGoal is a minutes goal with a daily target from start.
func walkGoal(name string, start stride.Date) *stride.Goal {
	return &stride.Goal{
		Name: name, Unit: stride.MinutesUnit, Start: start,
		Targets: []stride.Target{{From: start, Amount: 30, Unit: stride.MinutesUnit, Per: stride.PerDay}},
	}
}

func createGoal(t *testing.T, ctx context.Context, svc *stride.Services, g *stride.Goal) *stride.Goal {
	t.Helper()
	must(t, "CreateGoal "+g.Name, svc.Goals.CreateGoal(ctx, g))
	return g
}

func logStep(t *testing.T, ctx context.Context, svc *stride.Services, goalID int64, d stride.Date, amount float64) *stride.StepCreated {
	t.Helper()
	c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: goalID, Day: d, Amount: amount})
	must(t, "CreateStep", err)
	return c
}

func findGoal(t *testing.T, ctx context.Context, svc *stride.Services, id int64) *stride.Goal {
	t.Helper()
	g, err := svc.Goals.FindGoalByID(ctx, id)
	must(t, "FindGoalByID", err)
	return g
}

func testUsers(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	u := &stride.User{Name: "ada", TimeZone: "Europe/Paris", WeekStart: time.Sunday}
	must(t, "CreateUser", svc.Users.CreateUser(ctx, u))
	if u.ID == 0 || u.CreatedAt.IsZero() {
		t.Fatalf("CreateUser did not set ID and CreatedAt: %+v", u)
	}
	got, err := svc.Users.FindUserByName(ctx, "ada")
	must(t, "FindUserByName", err)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("FindUserByName (-created +found):\n%s", diff)
	}
	wantCode(t, "CreateUser same name", svc.Users.CreateUser(ctx, &stride.User{Name: "ada"}), stride.ECONFLICT)
	wantCode(t, "CreateUser blank", svc.Users.CreateUser(ctx, &stride.User{Name: "  "}), stride.EINVALID)
	wantCode(t, "CreateUser bad zone", svc.Users.CreateUser(ctx, &stride.User{Name: "bo", TimeZone: "Mars/Olympus"}), stride.EINVALID)
	_, err = svc.Users.FindUserByName(ctx, "nobody")
	wantCode(t, "FindUserByName unknown", err, stride.ENOTFOUND)

	e1, err := svc.Users.EnsureUser(ctx, "cy")
	must(t, "EnsureUser", err)
	if e1.WeekStart != time.Monday {
		t.Errorf("EnsureUser week start = %v, want Monday", e1.WeekStart)
	}
	e2, err := svc.Users.EnsureUser(ctx, "cy")
	must(t, "EnsureUser again", err)
	if e1.ID != e2.ID {
		t.Errorf("EnsureUser twice gave ids %d and %d", e1.ID, e2.ID)
	}
	users, err := svc.Users.FindUsers(ctx)
	must(t, "FindUsers", err)
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
	}
	if diff := cmp.Diff([]string{"ada", "cy"}, names); diff != "" {
		t.Errorf("FindUsers names (-want +got):\n%s", diff)
	}
}

func testUnauthorized(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	_, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	wantCode(t, "FindGoals", err, stride.EUNAUTHORIZED)
	_, err = svc.Steps.CreateStep(ctx, &stride.Step{GoalID: 1, Day: day(2025, 1, 1), Amount: 1})
	wantCode(t, "CreateStep", err, stride.EUNAUTHORIZED)
	_, err = svc.Status.Status(ctx, day(2025, 1, 1))
	wantCode(t, "Status", err, stride.EUNAUTHORIZED)
}

func testCreateAndFindGoals(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := walkGoal("Walk", start)
	walk.Why, walk.DoneWhen, walk.DoneWhenAmount, walk.SmallestStep = "feel good", "walked 100 km", ptr(6000.0), "walk 5 minutes"
	walk.Milestones = []stride.Milestone{{Amount: 600}, {Amount: 60}, {Amount: 600}}
	createGoal(t, ctx, svc, walk)
	if walk.ID == 0 || walk.UserID == 0 || walk.State != stride.GoalActive || walk.Direction != stride.AtLeast {
		t.Fatalf("CreateGoal did not fill the goal: %+v", walk)
	}
	got := findGoal(t, ctx, svc, walk.ID)
	want := *walk
	want.Milestones = []stride.Milestone{{Amount: 60}, {Amount: 600}}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("FindGoalByID (-want +got):\n%s", diff)
	}

	// Only Target set: it becomes the history from the start on.
	read := &stride.Goal{Name: "read", Unit: "pages", Start: start,
		Target: stride.Target{Amount: 20, Unit: "pages", Per: stride.PerWeek}}
	createGoal(t, ctx, svc, read)
	got = findGoal(t, ctx, svc, read.ID)
	wantTargets := []stride.Target{{From: start, Amount: 20, Unit: "pages", Per: stride.PerWeek}}
	if diff := cmp.Diff(wantTargets, got.Targets); diff != "" {
		t.Errorf("targets from Target (-want +got):\n%s", diff)
	}
	if got.Target != wantTargets[0] {
		t.Errorf("Target = %+v, want %+v", got.Target, wantTargets[0])
	}

	byName, err := svc.Goals.FindGoalByName(ctx, "  wALK ")
	must(t, "FindGoalByName", err)
	if byName.ID != walk.ID {
		t.Errorf("FindGoalByName found %d, want %d", byName.ID, walk.ID)
	}
	_, err = svc.Goals.FindGoalByName(ctx, "swim")
	wantCode(t, "FindGoalByName unknown", err, stride.ENOTFOUND)
	_, err = svc.Goals.FindGoalByID(ctx, walk.ID+1000)
	wantCode(t, "FindGoalByID unknown", err, stride.ENOTFOUND)

	_, err = svc.Goals.SetGoalState(ctx, read.ID, stride.GoalDone)
	must(t, "SetGoalState", err)
	all, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, "FindGoals", err)
	if len(all) != 2 || all[0].Name != "read" || all[1].Name != "Walk" {
		t.Errorf("FindGoals = %v, want read then Walk (by name, any case)", goalNames(all))
	}
	active, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{States: []stride.GoalState{stride.GoalActive}})
	must(t, "FindGoals active", err)
	if diff := cmp.Diff([]string{"Walk"}, goalNames(active)); diff != "" {
		t.Errorf("FindGoals active (-want +got):\n%s", diff)
	}
	byID, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{ID: &read.ID, Name: ptr("READ")})
	must(t, "FindGoals id and name", err)
	if diff := cmp.Diff([]string{"read"}, goalNames(byID)); diff != "" {
		t.Errorf("FindGoals id and name (-want +got):\n%s", diff)
	}

	for name, g := range map[string]*stride.Goal{
		"no name":     {Start: start, Targets: walk.Targets},
		"no target":   {Name: "swim", Start: start},
		"no start":    {Name: "swim", Targets: walk.Targets},
		"digits only": {Name: "123", Start: start, Targets: walk.Targets},
		"unit clash":  {Name: "swim", Unit: "km", Start: start, Targets: walk.Targets},
		"bad amount":  {Name: "swim", Start: start, Targets: walk.Targets, DoneWhenAmount: ptr(-1.0)},
	} {
		wantCode(t, "CreateGoal "+name, svc.Goals.CreateGoal(ctx, g), stride.EINVALID)
	}
	wantCode(t, "CreateGoal unknown parent",
		svc.Goals.CreateGoal(ctx, &stride.Goal{Name: "swim", Start: start, Targets: walk.Targets, Unit: "min", ParentID: ptr(int64(99999))}),
		stride.ENOTFOUND)
}

func goalNames(goals []*stride.Goal) []string {
	var out []string
	for _, g := range goals {
		out = append(out, g.Name)
	}
	return out
}

func testGoalNameConflict(t *testing.T, svc *stride.Services, opts Options) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	err := svc.Goals.CreateGoal(ctx, walkGoal("WALK", start))
	wantCode(t, "CreateGoal WALK", err, stride.ECONFLICT)
	if msg := stride.ErrorMessage(err); msg == "" || !containsAll(msg, `"walk"`, "already exists") {
		t.Errorf("conflict message %q should name the goal and say it exists", msg)
	}
	run := createGoal(t, ctx, svc, walkGoal("run", start))
	_, err = svc.Goals.UpdateGoal(ctx, run.ID, stride.GoalUpdate{Name: ptr("Walk")})
	wantCode(t, "rename run to Walk", err, stride.ECONFLICT)
	g, err := svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Name: ptr("Walk")})
	must(t, "rename walk to Walk", err)
	if g.Name != "Walk" {
		t.Errorf("renamed goal is %q, want Walk", g.Name)
	}
	if opts.RemoteUser {
		return
	}
	// Names are unique per user only.
	other := userCtx(t, svc, "bo")
	createGoal(t, other, svc, walkGoal("walk", start))
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !contains(s, p) {
			return false
		}
	}
	return true
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func testUserScoping(t *testing.T, svc *stride.Services) {
	ada := userCtx(t, svc, "ada")
	bo := userCtx(t, svc, "bo")
	start := day(2025, 3, 1)
	walk := createGoal(t, ada, svc, walkGoal("walk", start))
	step := logStep(t, ada, svc, walk.ID, start+1, 20).Step
	must(t, "SkipDay", svc.Goals.SkipDay(ada, walk.ID, start+2))

	nf := func(what string, err error) { t.Helper(); wantCode(t, what, err, stride.ENOTFOUND) }
	_, err := svc.Goals.FindGoalByID(bo, walk.ID)
	nf("FindGoalByID", err)
	_, err = svc.Goals.FindGoalByName(bo, "walk")
	nf("FindGoalByName", err)
	_, err = svc.Goals.UpdateGoal(bo, walk.ID, stride.GoalUpdate{Why: ptr("mine")})
	nf("UpdateGoal", err)
	_, err = svc.Goals.SetTarget(bo, walk.ID, stride.Target{From: start, Amount: 1, Unit: "min", Per: stride.PerDay})
	nf("SetTarget", err)
	_, err = svc.Goals.SetGoalState(bo, walk.ID, stride.GoalDone)
	nf("SetGoalState", err)
	_, err = svc.Goals.PauseGoal(bo, walk.ID, start, nil)
	nf("PauseGoal", err)
	_, err = svc.Goals.ResumeGoal(bo, walk.ID, start)
	nf("ResumeGoal", err)
	nf("SkipDay", svc.Goals.SkipDay(bo, walk.ID, start+3))
	nf("UnskipDay", svc.Goals.UnskipDay(bo, walk.ID, start+2))
	nf("DeleteGoal", svc.Goals.DeleteGoal(bo, walk.ID))
	_, err = svc.Steps.CreateStep(bo, &stride.Step{GoalID: walk.ID, Day: start, Amount: 5})
	nf("CreateStep", err)
	nf("CreateSteps", svc.Steps.CreateSteps(bo, []*stride.Step{{GoalID: walk.ID, Day: start, Amount: 5}}))
	_, err = svc.Steps.FindStepByID(bo, step.ID)
	nf("FindStepByID", err)
	_, err = svc.Steps.FindSteps(bo, stride.StepFilter{GoalID: &walk.ID})
	nf("FindSteps of another's goal", err)
	_, err = svc.Steps.UpdateStep(bo, step.ID, stride.StepUpdate{Amount: ptr(99.0)})
	nf("UpdateStep", err)
	nf("DeleteStep", svc.Steps.DeleteStep(bo, step.ID))
	_, err = svc.Status.GoalStatus(bo, walk.ID, start+5)
	nf("GoalStatus", err)
	_, err = svc.Status.GoalHistory(bo, walk.ID, start, start+5)
	nf("GoalHistory", err)

	goals, err := svc.Goals.FindGoals(bo, stride.GoalFilter{})
	must(t, "FindGoals", err)
	steps, err := svc.Steps.FindSteps(bo, stride.StepFilter{})
	must(t, "FindSteps", err)
	board, err := svc.Status.Status(bo, start+5)
	must(t, "Status", err)
	if len(goals)+len(steps)+len(board) != 0 {
		t.Errorf("bo sees %d goals, %d steps, %d board lines of ada's", len(goals), len(steps), len(board))
	}

	// Nothing bo tried changed ada's records.
	g := findGoal(t, ada, svc, walk.ID)
	if g.Why != "" || g.Total != 20 || g.State != stride.GoalActive || len(g.Targets) != 1 {
		t.Errorf("ada's goal changed: %+v", g)
	}
	hist, err := svc.Status.GoalHistory(ada, walk.ID, start, start+3)
	must(t, "GoalHistory", err)
	if !hist[2].Skipped || hist[3].Skipped {
		t.Errorf("ada's skips changed: %+v", hist)
	}
}

// boardParent returns the parent_id of goal id's line of the board.
func boardParent(t *testing.T, ctx context.Context, svc *stride.Services, id int64, today stride.Date) *int64 {
	t.Helper()
	board, err := svc.Status.Status(ctx, today)
	must(t, "Status", err)
	for _, st := range board {
		if st.ID == id {
			return st.ParentID
		}
	}
	t.Fatalf("goal %d is not on the board", id)
	return nil
}

func testUpdateGoal(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	move := createGoal(t, ctx, svc, walkGoal("move", start))
	logStep(t, ctx, svc, walk.ID, start, 40)
	s2 := logStep(t, ctx, svc, walk.ID, start+1, 30).Step
	for range 2 { // seen, then kept by a store with a board cache
		if p := boardParent(t, ctx, svc, walk.ID, start+1); p != nil {
			t.Errorf("walk on the board has parent %d before it has one", *p)
		}
	}

	g, err := svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{
		Why: ptr("air"), DoneWhen: ptr("100 km"), DoneWhenAmount: ptr(ptr(500.0)), SmallestStep: ptr("walk 5 min"),
		ParentID: ptr(&move.ID), Milestones: &[]float64{100, 50, 60},
	})
	must(t, "UpdateGoal", err)
	want := &stride.Goal{Why: "air", DoneWhen: "100 km", DoneWhenAmount: ptr(500.0), SmallestStep: "walk 5 min", ParentID: &move.ID,
		// 50 and 60 were passed by the second step already: marked, never to be announced.
		Milestones: []stride.Milestone{{Amount: 50, Reached: ptr(start + 1), StepID: &s2.ID}, {Amount: 60, Reached: ptr(start + 1), StepID: &s2.ID}, {Amount: 100}}}
	opt := cmpopts.IgnoreFields(stride.Goal{}, "ID", "UserID", "Name", "Unit", "Direction", "Target", "Targets", "Start", "SetStart", "State", "Total", "CreatedAt", "UpdatedAt")
	if diff := cmp.Diff(want, g, opt); diff != "" {
		t.Errorf("UpdateGoal (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(g, findGoal(t, ctx, svc, walk.ID)); diff != "" {
		t.Errorf("FindGoalByID after update (-returned +found):\n%s", diff)
	}
	if p := boardParent(t, ctx, svc, walk.ID, start+1); p == nil || *p != move.ID {
		t.Errorf("walk on the board has parent %v, want move (%d)", p, move.ID)
	}
	c := logStep(t, ctx, svc, walk.ID, start+2, 30)
	if diff := cmp.Diff([]float64{100}, c.Milestones); diff != "" {
		t.Errorf("milestones of the next step (-want +got):\n%s", diff)
	}

	_, err = svc.Goals.UpdateGoal(ctx, move.ID, stride.GoalUpdate{ParentID: ptr(&walk.ID)})
	wantCode(t, "parent loop", err, stride.EINVALID)
	_, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{ParentID: ptr(ptr(int64(99999)))})
	wantCode(t, "unknown parent", err, stride.ENOTFOUND)
	_, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Name: ptr("")})
	wantCode(t, "blank name", err, stride.EINVALID)
	_, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Milestones: &[]float64{-3}})
	wantCode(t, "negative milestone", err, stride.EINVALID)
	_, err = svc.Goals.UpdateGoal(ctx, 99999, stride.GoalUpdate{Why: ptr("x")})
	wantCode(t, "unknown goal", err, stride.ENOTFOUND)

	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{ParentID: ptr[*int64](nil), DoneWhenAmount: ptr[*float64](nil), Start: ptr(start - 3)})
	must(t, "clear parent, done-when amount; move start", err)
	if g.ParentID != nil || g.DoneWhenAmount != nil || g.Start != start-3 || g.Why != "air" {
		t.Errorf("after clearing: parent %v, done-when %v, start %s, why %q", g.ParentID, g.DoneWhenAmount, g.Start, g.Why)
	}
	ref := newRef(g)
	ref.addStep(start, 40)
	ref.addStep(start+1, 30)
	ref.addStep(start+2, 30)
	checkGoal(t, ctx, svc, ref, start+10)

	// A start after the first step would leave it out of momentum.
	first, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &walk.ID, Limit: 1})
	must(t, "FindSteps", err)
	_, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(first[0].Day + 1)})
	wantCode(t, "start after the first step", err, stride.EINVALID)
	g, err = svc.Goals.FindGoalByID(ctx, walk.ID)
	must(t, "FindGoalByID", err)
	if g.Start != start-3 {
		t.Errorf("a refused start moved it to %s", g.Start)
	}
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Start: ptr(first[0].Day)})
	must(t, "start on the first step's day", err)
	if g.Start != first[0].Day {
		t.Errorf("start on the first step's day: %s, want %s", g.Start, first[0].Day)
	}
}

func testSetTarget(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	weekly := stride.Target{From: start + 10, Amount: 150, Unit: stride.MinutesUnit, Per: stride.PerWeek}
	g, err := svc.Goals.SetTarget(ctx, walk.ID, weekly)
	must(t, "SetTarget", err)
	if diff := cmp.Diff([]stride.Target{walk.Targets[0], weekly}, g.Targets); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
	if g.Target != weekly {
		t.Errorf("Target = %v, want the latest, %v", g.Target, weekly)
	}
	every := stride.Target{From: start + 10, Amount: 2, Count: true, Per: stride.PerDays, Every: 3}
	g, err = svc.Goals.SetTarget(ctx, walk.ID, every)
	must(t, "SetTarget same day", err)
	if diff := cmp.Diff([]stride.Target{walk.Targets[0], every}, g.Targets); diff != "" {
		t.Errorf("a target on the same day replaces it (-want +got):\n%s", diff)
	}
	_, err = svc.Goals.SetTarget(ctx, walk.ID, stride.Target{From: start, Amount: 5, Unit: "km", Per: stride.PerDay})
	wantCode(t, "SetTarget other unit", err, stride.EINVALID)
	_, err = svc.Goals.SetTarget(ctx, walk.ID, stride.Target{From: start, Amount: 0, Unit: "min", Per: stride.PerDay})
	wantCode(t, "SetTarget zero", err, stride.EINVALID)

	// From a day on means every later day: a target set to start later
	// gives way. And a From before the start means the start.
	earlier := stride.Target{From: start + 5, Amount: 20, Unit: stride.MinutesUnit, Per: stride.PerDay}
	g, err = svc.Goals.SetTarget(ctx, walk.ID, earlier)
	must(t, "SetTarget before a later one", err)
	if diff := cmp.Diff([]stride.Target{walk.Targets[0], earlier}, g.Targets); diff != "" || g.Target != earlier {
		t.Errorf("a target from an earlier day replaces the later ones (-want +got):\n%s", diff)
	}
	before := stride.Target{From: start - 30, Amount: 10, Unit: stride.MinutesUnit, Per: stride.PerDay}
	g, err = svc.Goals.SetTarget(ctx, walk.ID, before)
	must(t, "SetTarget before the start", err)
	before.From = start
	if diff := cmp.Diff([]stride.Target{before}, g.Targets); diff != "" || g.Start != start {
		t.Errorf("a target from before the start is in effect from the start %s (start now %s) (-want +got):\n%s", start, g.Start, diff)
	}
}

// An update's fields, target and state are one write: all of them, or
// none when one is refused.
func testUpdateGoalAllOrNothing(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	logStep(t, ctx, svc, walk.ID, start+2, 20)
	createGoal(t, ctx, svc, walkGoal("stroll", start))
	km := stride.Target{From: start + 7, Amount: 5, Unit: "km", Per: stride.PerDay}
	weekly := stride.Target{From: start + 7, Amount: 150, Unit: stride.MinutesUnit, Per: stride.PerWeek}
	done := stride.GoalDone
	paused := stride.GoalPaused
	for _, c := range []struct {
		name string
		upd  stride.GoalUpdate
		code string
	}{
		{"a target in another unit", stride.GoalUpdate{Name: ptr("walking"), Why: ptr("air"), Target: &km}, stride.EINVALID},
		{"a name taken", stride.GoalUpdate{Name: ptr("stroll"), Target: &weekly, State: &done}, stride.ECONFLICT},
		{"a start after the first step", stride.GoalUpdate{Why: ptr("air"), Start: ptr(start + 5), Target: &weekly}, stride.EINVALID},
		{"paused as a state", stride.GoalUpdate{Why: ptr("air"), Target: &weekly, State: &paused}, stride.EINVALID},
	} {
		_, err := svc.Goals.UpdateGoal(ctx, walk.ID, c.upd)
		wantCode(t, c.name, err, c.code)
		if diff := cmp.Diff(walk, findGoal(t, ctx, svc, walk.ID), cmpopts.IgnoreFields(stride.Goal{}, "Total", "UpdatedAt")); diff != "" {
			t.Errorf("%s: refused, yet the goal changed (-before +after):\n%s", c.name, diff)
		}
	}

	g, err := svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Name: ptr("walking"), Why: ptr("air"), Target: &weekly, State: &done})
	must(t, "UpdateGoal name, why, target, state", err)
	if g.Name != "walking" || g.Why != "air" || g.Target != weekly || g.State != stride.GoalDone || g.FinishedOn == nil {
		t.Errorf("after one update: name %q, why %q, target %v, state %q, finished %v", g.Name, g.Why, g.Target, g.State, g.FinishedOn)
	}
	if diff := cmp.Diff([]stride.Target{walk.Targets[0], weekly}, g.Targets); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(g, findGoal(t, ctx, svc, walk.ID)); diff != "" {
		t.Errorf("FindGoalByID after update (-returned +found):\n%s", diff)
	}

	// After the done-when is met, one update is one edit however many
	// parts it changes.
	_, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{DoneWhen: ptr("a walk a day for a month"), DoneWhenMet: ptr(ptr(start + 3))})
	must(t, "mark the done-when met", err)
	daily := stride.Target{From: start + 9, Amount: 25, Unit: stride.MinutesUnit, Per: stride.PerDay}
	g, err = svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Why: ptr("fresh air"), Target: &daily})
	must(t, "edit why and target after met", err)
	if g.EditsAfterMet != 1 {
		t.Errorf("EditsAfterMet = %d after one update of why and target, want 1", g.EditsAfterMet)
	}
	g, err = svc.Goals.SetTarget(ctx, walk.ID, weekly)
	must(t, "SetTarget after met", err)
	if g.EditsAfterMet != 2 {
		t.Errorf("EditsAfterMet = %d after a new target, want 2", g.EditsAfterMet)
	}
}

func testTargetHistoryKeepsPast(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2024, 11, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	var steps []*stride.Step
	for d := start; d < start+120; d++ {
		if d%3 != 0 {
			steps = append(steps, &stride.Step{GoalID: walk.ID, Day: d, Amount: float64(10 + d%25)})
			ref.addStep(d, float64(10+d%25))
		}
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, steps))
	today := start + 119
	before, err := svc.Status.GoalHistory(ctx, walk.ID, start, today)
	must(t, "GoalHistory", err)
	_, err = svc.Status.Status(ctx, today) // saves checkpoints the change must not trust
	must(t, "Status", err)

	change := start + 90
	t2 := stride.Target{From: change, Amount: 400, Unit: stride.MinutesUnit, Per: stride.PerWeek}
	_, err = svc.Goals.SetTarget(ctx, walk.ID, t2)
	must(t, "SetTarget", err)
	ref.targets = append(ref.targets, t2)
	after, err := svc.Status.GoalHistory(ctx, walk.ID, start, today)
	must(t, "GoalHistory after", err)
	n := int(change - start)
	if diff := cmp.Diff(before[:n], after[:n], approx); diff != "" {
		t.Errorf("days before the new target changed (-before +after):\n%s", diff)
	}
	if cmp.Equal(before[n:], after[n:], approx) {
		t.Errorf("days from the new target on did not change")
	}
	checkGoal(t, ctx, svc, ref, today)
	checkHistory(t, ctx, svc, ref, start+60, today)
}

func testSetGoalState(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	for _, st := range []stride.GoalState{stride.GoalDone, stride.GoalArchived, stride.GoalActive} {
		g, err := svc.Goals.SetGoalState(ctx, walk.ID, st)
		must(t, "SetGoalState "+string(st), err)
		if g.State != st || findGoal(t, ctx, svc, walk.ID).State != st {
			t.Errorf("state %q not stored", st)
		}
	}
	_, err := svc.Goals.SetGoalState(ctx, walk.ID, stride.GoalPaused)
	wantCode(t, "SetGoalState paused", err, stride.EINVALID)
	_, err = svc.Goals.SetGoalState(ctx, walk.ID, "sleeping")
	wantCode(t, "SetGoalState unknown", err, stride.EINVALID)
	_, err = svc.Goals.SetGoalState(ctx, 99999, stride.GoalDone)
	wantCode(t, "SetGoalState unknown goal", err, stride.ENOTFOUND)
}

func testPauseResume(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	for d := start; d < start+10; d++ {
		logStep(t, ctx, svc, walk.ID, d, 30)
		ref.addStep(d, 30)
	}
	until := start + 15
	g, err := svc.Goals.PauseGoal(ctx, walk.ID, start+10, &until)
	must(t, "PauseGoal", err)
	ref.pauses = append(ref.pauses, pause{start + 10, &until})
	if g.State != stride.GoalPaused || g.PausedUntil == nil || *g.PausedUntil != until {
		t.Errorf("paused goal: state %q, until %v", g.State, g.PausedUntil)
	}
	if g.StateOn(start+12) != stride.GoalPaused || g.StateOn(until) != stride.GoalActive {
		t.Errorf("StateOn during / after pause: %q / %q", g.StateOn(start+12), g.StateOn(until))
	}
	board, err := svc.Status.Status(ctx, start+12)
	must(t, "Status in pause", err)
	if len(board) != 0 {
		t.Errorf("a paused goal is on the board: %v", board)
	}
	board, err = svc.Status.Status(ctx, until)
	must(t, "Status after pause", err)
	if len(board) != 1 {
		t.Errorf("a goal whose pause ended is not on the board")
	}
	hist, err := svc.Status.GoalHistory(ctx, walk.ID, start+9, until)
	must(t, "GoalHistory", err)
	for _, d := range hist[1 : len(hist)-1] {
		if !d.Held || d.Momentum != hist[0].Momentum {
			t.Errorf("paused day %s: held %v, momentum %v, want held and %v", d.Date, d.Held, d.Momentum, hist[0].Momentum)
		}
	}
	if hist[len(hist)-1].Held {
		t.Errorf("the until day is paused: it should be the first active day")
	}
	checkHistory(t, ctx, svc, ref, start, start+30)

	// An open pause, ended by ResumeGoal.
	_, err = svc.Goals.PauseGoal(ctx, walk.ID, start+20, nil)
	must(t, "PauseGoal open", err)
	_, err = svc.Goals.SetGoalState(ctx, walk.ID, stride.GoalActive)
	wantCode(t, "SetGoalState active while paused", err, stride.EINVALID)
	g, err = svc.Goals.ResumeGoal(ctx, walk.ID, start+25)
	must(t, "ResumeGoal", err)
	ref.pauses = append(ref.pauses, pause{start + 20, ptr(start + 25)})
	if g.State != stride.GoalActive || g.PausedUntil != nil {
		t.Errorf("resumed goal: state %q, until %v", g.State, g.PausedUntil)
	}
	checkGoal(t, ctx, svc, ref, start+30)
	checkHistory(t, ctx, svc, ref, start, start+30)
	_, err = svc.Goals.ResumeGoal(ctx, walk.ID, start+31)
	wantCode(t, "ResumeGoal not paused", err, stride.EINVALID)
	_, err = svc.Goals.PauseGoal(ctx, walk.ID, start+40, ptr(start+40))
	wantCode(t, "PauseGoal empty", err, stride.EINVALID)

	// Resuming on the pause's first day cancels it.
	_, err = svc.Goals.PauseGoal(ctx, walk.ID, start+40, nil)
	must(t, "PauseGoal", err)
	_, err = svc.Goals.ResumeGoal(ctx, walk.ID, start+40)
	must(t, "ResumeGoal cancel", err)
	checkHistory(t, ctx, svc, ref, start, start+45)
}

func testSkipUnskip(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	for d := start; d < start+6; d++ {
		logStep(t, ctx, svc, walk.ID, d, 30)
		ref.addStep(d, 30)
	}
	must(t, "SkipDay", svc.Goals.SkipDay(ctx, walk.ID, start+7))
	must(t, "SkipDay again", svc.Goals.SkipDay(ctx, walk.ID, start+7))
	must(t, "SkipDay", svc.Goals.SkipDay(ctx, walk.ID, start+8))
	ref.skips[start+7], ref.skips[start+8] = true, true
	checkGoal(t, ctx, svc, ref, start+9)
	hist, err := svc.Status.GoalHistory(ctx, walk.ID, start+6, start+8)
	must(t, "GoalHistory", err)
	if hist[0].Skipped || !hist[1].Skipped || !hist[1].Held || hist[2].Momentum != hist[0].Momentum {
		t.Errorf("skips: %+v", hist)
	}
	must(t, "UnskipDay", svc.Goals.UnskipDay(ctx, walk.ID, start+8))
	delete(ref.skips, start+8)
	wantCode(t, "UnskipDay again", svc.Goals.UnskipDay(ctx, walk.ID, start+8), stride.ENOTFOUND)
	wantCode(t, "SkipDay unknown goal", svc.Goals.SkipDay(ctx, 99999, start), stride.ENOTFOUND)
	// A day with progress counts as it is: resting it would set the
	// progress aside, so it is refused and nothing changes.
	wantCode(t, "SkipDay on a day with a step", svc.Goals.SkipDay(ctx, walk.ID, start+2), stride.EINVALID)
	// Before the start nothing is asked, so there is nothing to rest
	// from: a mistyped year is refused, not taken for a rest day.
	wantCode(t, "SkipDay the day before the start", svc.Goals.SkipDay(ctx, walk.ID, start-1), stride.EINVALID)
	wantCode(t, "SkipDay six years before the start", svc.Goals.SkipDay(ctx, walk.ID, day(2019, 1, 1)), stride.EINVALID)
	checkGoal(t, ctx, svc, ref, start+9)
	checkHistory(t, ctx, svc, ref, start, start+9)
}

func testDeleteGoalCascade(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	child := walkGoal("walk to work", start)
	child.ParentID = &walk.ID
	createGoal(t, ctx, svc, child)
	step := logStep(t, ctx, svc, walk.ID, start, 10).Step
	must(t, "SkipDay", svc.Goals.SkipDay(ctx, walk.ID, start+1))
	_, err := svc.Goals.PauseGoal(ctx, walk.ID, start+3, ptr(start+5))
	must(t, "PauseGoal", err)
	_, err = svc.Status.GoalHistory(ctx, walk.ID, start, start+90)
	must(t, "GoalHistory", err)

	must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, walk.ID))
	_, err = svc.Goals.FindGoalByID(ctx, walk.ID)
	wantCode(t, "FindGoalByID deleted", err, stride.ENOTFOUND)
	_, err = svc.Steps.FindStepByID(ctx, step.ID)
	wantCode(t, "FindStepByID of deleted goal", err, stride.ENOTFOUND)
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, "FindSteps", err)
	if len(steps) != 0 {
		t.Errorf("steps of a deleted goal remain: %v", steps)
	}
	if c := findGoal(t, ctx, svc, child.ID); c.ParentID != nil {
		t.Errorf("sub-goal still has parent %d", *c.ParentID)
	}
	wantCode(t, "DeleteGoal again", svc.Goals.DeleteGoal(ctx, walk.ID), stride.ENOTFOUND)

	// The name is free again, with nothing of the old goal attached.
	again := createGoal(t, ctx, svc, walkGoal("walk", start))
	hist, err := svc.Status.GoalHistory(ctx, again.ID, start, start+5)
	must(t, "GoalHistory new goal", err)
	for _, d := range hist {
		if d.Amount != 0 || d.Held || d.Skipped {
			t.Errorf("new goal inherited day %+v", d)
		}
	}
}

func testSteps(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	s := &stride.Step{GoalID: walk.ID, Day: start + 1, Time: ptr(7*60 + 30), Amount: 25, Effort: ptr(30.0), Energy: ptr(4), Note: "  by the river "}
	c, err := svc.Steps.CreateStep(ctx, s)
	must(t, "CreateStep", err)
	if c.Replayed || c.Step.ID == 0 || c.Step.Goal != "walk" || c.Step.Unit != stride.MinutesUnit || c.Step.Note != "by the river" || c.Step.CreatedAt.IsZero() {
		t.Fatalf("CreateStep gave %+v / %+v", c, c.Step)
	}
	got, err := svc.Steps.FindStepByID(ctx, c.Step.ID)
	must(t, "FindStepByID", err)
	if diff := cmp.Diff(c.Step, got); diff != "" {
		t.Errorf("FindStepByID (-created +found):\n%s", diff)
	}
	_, err = svc.Steps.FindStepByID(ctx, c.Step.ID+1000)
	wantCode(t, "FindStepByID unknown", err, stride.ENOTFOUND)

	for name, bad := range map[string]*stride.Step{
		"zero amount": {GoalID: walk.ID, Day: start, Amount: 0},
		"bad time":    {GoalID: walk.ID, Day: start, Amount: 1, Time: ptr(24 * 60)},
		"bad energy":  {GoalID: walk.ID, Day: start, Amount: 1, Energy: ptr(6)},
	} {
		_, err := svc.Steps.CreateStep(ctx, bad)
		wantCode(t, "CreateStep "+name, err, stride.EINVALID)
	}
	_, err = svc.Steps.CreateStep(ctx, &stride.Step{GoalID: 99999, Day: start, Amount: 1})
	wantCode(t, "CreateStep unknown goal", err, stride.ENOTFOUND)

	logStep(t, ctx, svc, walk.ID, start+2, 10)
	if g := findGoal(t, ctx, svc, walk.ID); g.Total != 35 {
		t.Errorf("total = %v, want 35", g.Total)
	}
	u, err := svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Amount: ptr(40.0), Time: ptr[*int](nil), Energy: ptr[*int](nil), Note: ptr("river")})
	must(t, "UpdateStep", err)
	want := *c.Step
	want.Amount, want.Time, want.Energy, want.Note = 40, nil, nil, "river"
	if diff := cmp.Diff(&want, u); diff != "" {
		t.Errorf("UpdateStep (-want +got):\n%s", diff)
	}
	if g := findGoal(t, ctx, svc, walk.ID); g.Total != 50 {
		t.Errorf("total after update = %v, want 50", g.Total)
	}
	_, err = svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Amount: ptr(-1.0)})
	wantCode(t, "UpdateStep bad amount", err, stride.EINVALID)
	_, err = svc.Steps.UpdateStep(ctx, 99999, stride.StepUpdate{Amount: ptr(1.0)})
	wantCode(t, "UpdateStep unknown", err, stride.ENOTFOUND)
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, c.Step.ID))
	wantCode(t, "DeleteStep again", svc.Steps.DeleteStep(ctx, c.Step.ID), stride.ENOTFOUND)
	if g := findGoal(t, ctx, svc, walk.ID); g.Total != 10 {
		t.Errorf("total after delete = %v, want 10", g.Total)
	}
	_, err = svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: ptr(int64(99999))})
	wantCode(t, "FindSteps unknown goal", err, stride.ENOTFOUND)
}

func testFindStepsOrder(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	read := createGoal(t, ctx, svc, &stride.Goal{Name: "read", Unit: "pages", Start: start,
		Targets: []stride.Target{{From: start, Amount: 10, Unit: "pages", Per: stride.PerDay}}})
	mk := func(g int64, d stride.Date, min *int, amount float64) int64 {
		c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: g, Day: d, Time: min, Amount: amount})
		must(t, "CreateStep", err)
		return c.Step.ID
	}
	a := mk(walk.ID, start+2, ptr(600), 1)
	b := mk(read.ID, start+2, nil, 2)
	c := mk(walk.ID, start, ptr(900), 3)
	d := mk(walk.ID, start+2, ptr(300), 4)
	e := mk(read.ID, start+1, nil, 5)
	f := mk(walk.ID, start+2, nil, 6)
	ids := func(f stride.StepFilter) []int64 {
		t.Helper()
		steps, err := svc.Steps.FindSteps(ctx, f)
		must(t, "FindSteps", err)
		var out []int64
		for _, s := range steps {
			out = append(out, s.ID)
			if s.Goal == "" || (s.GoalID == read.ID) != (s.Unit == "pages") {
				t.Errorf("step %d lacks its goal's name or unit: %q %q", s.ID, s.Goal, s.Unit)
			}
		}
		return out
	}
	for name, tc := range map[string]struct {
		f    stride.StepFilter
		want []int64
	}{
		"all by day and time": {stride.StepFilter{}, []int64{c, e, b, f, d, a}},
		"latest":              {stride.StepFilter{Latest: true}, []int64{f, e, d, c, b, a}},
		"latest 2":            {stride.StepFilter{Latest: true, Limit: 2}, []int64{f, e}},
		"goal":                {stride.StepFilter{GoalID: &walk.ID}, []int64{c, f, d, a}},
		"since until":         {stride.StepFilter{Since: ptr(start + 1), Until: ptr(start + 1)}, []int64{e}},
		"since limit":         {stride.StepFilter{Since: ptr(start + 1), Limit: 3}, []int64{e, b, f}},
	} {
		if diff := cmp.Diff(tc.want, ids(tc.f)); diff != "" {
			t.Errorf("FindSteps %s (-want +got):\n%s", name, diff)
		}
	}
}

func testRequestIDIdempotent(t *testing.T, svc *stride.Services, opts Options) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	walk.Milestones = nil
	_, err := svc.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Milestones: &[]float64{20}})
	must(t, "UpdateGoal", err)
	first, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 25, RequestID: "req-1"})
	must(t, "CreateStep", err)
	if first.Replayed || len(first.Milestones) != 1 {
		t.Errorf("first CreateStep: replayed %v, milestones %v", first.Replayed, first.Milestones)
	}
	again, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start + 1, Amount: 99, RequestID: "req-1"})
	must(t, "CreateStep again", err)
	if !again.Replayed || len(again.Milestones) != 0 {
		t.Errorf("second CreateStep: replayed %v, milestones %v; want replayed and none", again.Replayed, again.Milestones)
	}
	if diff := cmp.Diff(first.Step, again.Step); diff != "" {
		t.Errorf("replayed step (-first +replayed):\n%s", diff)
	}
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, "FindSteps", err)
	if len(steps) != 1 || findGoal(t, ctx, svc, walk.ID).Total != 25 {
		t.Errorf("a replay wrote: %d steps, total %v", len(steps), findGoal(t, ctx, svc, walk.ID).Total)
	}
	if opts.RemoteUser {
		return
	}
	// Request ids belong to a user.
	bo := userCtx(t, svc, "bo")
	run := createGoal(t, bo, svc, walkGoal("run", start))
	c, err := svc.Steps.CreateStep(bo, &stride.Step{GoalID: run.ID, Day: start, Amount: 5, RequestID: "req-1"})
	must(t, "CreateStep other user", err)
	if c.Replayed {
		t.Errorf("another user's request id replayed ada's step")
	}
}

func testRequestIDConcurrent(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	const n = 8
	var wg sync.WaitGroup
	ids := make([]int64, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 5, RequestID: "tap"})
			if err == nil {
				ids[i] = c.Step.ID
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("CreateStep %d: %v", i, errs[i])
		}
		if ids[i] != ids[0] {
			t.Errorf("concurrent CreateStep %d got step %d, want %d", i, ids[i], ids[0])
		}
	}
	if g := findGoal(t, ctx, svc, walk.ID); g.Total != 5 {
		t.Errorf("total = %v after one step sent %d times, want 5", g.Total, n)
	}
}

func testMilestones(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	g := walkGoal("walk", start)
	g.Milestones = []stride.Milestone{{Amount: 10}, {Amount: 20}, {Amount: 50}}
	createGoal(t, ctx, svc, g)
	var reached [][]float64
	var stepIDs []int64
	for i, a := range []float64{5, 6, 10, 1, 40} {
		c := logStep(t, ctx, svc, g.ID, start+stride.Date(i), a)
		reached = append(reached, c.Milestones)
		stepIDs = append(stepIDs, c.Step.ID)
	}
	if diff := cmp.Diff([][]float64{nil, {10}, {20}, nil, {50}}, reached); diff != "" {
		t.Errorf("milestones by step (-want +got):\n%s", diff)
	}
	want := []stride.Milestone{
		{Amount: 10, Reached: ptr(start + 1), StepID: &stepIDs[1]},
		{Amount: 20, Reached: ptr(start + 2), StepID: &stepIDs[2]},
		{Amount: 50, Reached: ptr(start + 4), StepID: &stepIDs[4]},
	}
	if diff := cmp.Diff(want, findGoal(t, ctx, svc, g.ID).Milestones); diff != "" {
		t.Errorf("stored milestones (-want +got):\n%s", diff)
	}
	// Deleting the step that reached 50 takes it back (celebrate honestly:
	// a typo, deleted, earns nothing); the next real crossing reports it.
	must(t, "DeleteStep", svc.Steps.DeleteStep(ctx, stepIDs[4]))
	if ms := findGoal(t, ctx, svc, g.ID).Milestones; ms[2].Reached != nil || ms[1].Reached == nil {
		t.Errorf("after deleting the step to 62: milestones %+v, want 20 reached and 50 not", ms)
	}
	if c := logStep(t, ctx, svc, g.ID, start+6, 40); !cmp.Equal(c.Milestones, []float64{50}) {
		t.Errorf("crossing 50 again announced %v, want [50]", c.Milestones)
	}
	// Crossing again after a step that stays does not announce it twice.
	if c := logStep(t, ctx, svc, g.ID, start+7, 40); len(c.Milestones) != 0 {
		t.Errorf("milestones announced twice: %v", c.Milestones)
	}
}

func testDoneWhen(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	g := walkGoal("walk", start)
	g.DoneWhen, g.DoneWhenAmount = "walked 100 min", ptr(100.0)
	createGoal(t, ctx, svc, g)
	var got, first []bool
	for i, a := range []float64{60, 39, 1, 50} {
		c := logStep(t, ctx, svc, g.ID, start+stride.Date(i), a)
		got, first = append(got, c.DoneWhenReached), append(first, c.FirstStep)
	}
	if diff := cmp.Diff([]bool{false, false, true, false}, got); diff != "" {
		t.Errorf("done-when reached by step (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, false, false, false}, first); diff != "" {
		t.Errorf("first step by step (-want +got):\n%s", diff)
	}
}

func testCreateSteps(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := walkGoal("walk", start)
	walk.Milestones = []stride.Milestone{{Amount: 15}, {Amount: 1000}}
	createGoal(t, ctx, svc, walk)
	read := createGoal(t, ctx, svc, &stride.Goal{Name: "read", Unit: "pages", Start: start,
		Targets: []stride.Target{{From: start, Amount: 10, Unit: "pages", Per: stride.PerDay}}})
	seen := logStep(t, ctx, svc, walk.ID, start+5, 1).Step
	_, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start + 5, Amount: 2, RequestID: "r1"})
	must(t, "CreateStep", err)
	steps := []*stride.Step{
		{GoalID: walk.ID, Day: start + 3, Amount: 10},
		{GoalID: read.ID, Day: start + 1, Amount: 7, Note: "ch. 1"},
		{GoalID: walk.ID, Day: start - 2, Amount: 4},                   // before the start: moves it
		{GoalID: walk.ID, Day: start + 6, Amount: 50, RequestID: "r1"}, // stored already: skipped
		{GoalID: read.ID, Day: start + 2, Amount: 3, RequestID: "r2"},
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, steps))
	w := findGoal(t, ctx, svc, walk.ID)
	if w.Total != 17 || w.Start != start-2 {
		t.Errorf("walk after import: total %v start %s, want 17 and %s", w.Total, w.Start, start-2)
	}
	if m := w.Milestones[0]; m.Reached == nil || *m.Reached != start+5 || m.StepID == nil || *m.StepID != seen.ID {
		t.Errorf("milestone 15 = %+v, want reached %s by step %d (the crossing step by day)", m, start+5, seen.ID)
	}
	if w.Milestones[1].Reached != nil {
		t.Errorf("milestone 1000 reached at total 17")
	}
	if r := findGoal(t, ctx, svc, read.ID); r.Total != 10 || r.Start != start {
		t.Errorf("read after import: total %v start %s", r.Total, r.Start)
	}
	all, err := svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, "FindSteps", err)
	if len(all) != 6 {
		t.Errorf("%d steps stored, want 6", len(all))
	}
	// A repeated import writes nothing new.
	must(t, "CreateSteps again", svc.Steps.CreateSteps(ctx, []*stride.Step{{GoalID: read.ID, Day: start + 2, Amount: 3, RequestID: "r2"}}))
	if r := findGoal(t, ctx, svc, read.ID); r.Total != 10 {
		t.Errorf("read total after a repeated import: %v, want 10", r.Total)
	}
	must(t, "CreateSteps none", svc.Steps.CreateSteps(ctx, nil))

	ref := newRef(w)
	for _, s := range all {
		if s.GoalID == walk.ID {
			ref.addStep(s.Day, s.Amount)
		}
	}
	checkGoal(t, ctx, svc, ref, start+7)
	checkHistory(t, ctx, svc, ref, start-5, start+7)
}

func testCreateStepsAllOrNothing(t *testing.T, svc *stride.Services, opts Options) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	otherID := int64(99999) // with one user: a goal that does not exist
	if !opts.RemoteUser {
		bo := userCtx(t, svc, "bo")
		otherID = createGoal(t, bo, svc, walkGoal("run", start)).ID
	}
	var good []*stride.Step
	for i := range 1200 { // more than one insert batch
		good = append(good, &stride.Step{GoalID: walk.ID, Day: start + stride.Date(i%40), Amount: 1})
	}
	bad := append(append([]*stride.Step{}, good...), &stride.Step{GoalID: walk.ID, Day: start, Amount: -5})
	wantCode(t, "CreateSteps with an invalid step", svc.Steps.CreateSteps(ctx, bad), stride.EINVALID)
	foreign := append(append([]*stride.Step{}, good...), &stride.Step{GoalID: otherID, Day: start, Amount: 5})
	wantCode(t, "CreateSteps with another's goal", svc.Steps.CreateSteps(ctx, foreign), stride.ENOTFOUND)
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, "FindSteps", err)
	if g := findGoal(t, ctx, svc, walk.ID); len(steps) != 0 || g.Total != 0 || g.Start != start {
		t.Errorf("a failed import wrote: %d steps, total %v, start %s", len(steps), g.Total, g.Start)
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, good))
	steps, err = svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, "FindSteps", err)
	if len(steps) != len(good) || findGoal(t, ctx, svc, walk.ID).Total != float64(len(good)) {
		t.Errorf("import stored %d steps, want %d", len(steps), len(good))
	}
}

func testStepBeforeStart(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 10)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	for d := start; d < start+20; d++ {
		logStep(t, ctx, svc, walk.ID, d, 20)
		ref.addStep(d, 20)
	}
	_, err := svc.Status.Status(ctx, start+60) // checkpoints from the old start
	must(t, "Status", err)
	logStep(t, ctx, svc, walk.ID, start-5, 30)
	ref.addStep(start-5, 30)
	if g := findGoal(t, ctx, svc, walk.ID); g.Start != start-5 {
		t.Errorf("start = %s, want %s", g.Start, start-5)
	}
	checkGoal(t, ctx, svc, ref, start+60)
	checkHistory(t, ctx, svc, ref, start-10, start+60)

	// Moving a step earlier moves the start too.
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{Since: ptr(start + 19)})
	must(t, "FindSteps", err)
	_, err = svc.Steps.UpdateStep(ctx, steps[0].ID, stride.StepUpdate{Day: ptr(start - 9)})
	must(t, "UpdateStep", err)
	ref.moveStep(start+19, 20, start-9)
	if g := findGoal(t, ctx, svc, walk.ID); g.Start != start-9 {
		t.Errorf("start = %s, want %s", g.Start, start-9)
	}
	checkGoal(t, ctx, svc, ref, start+60)
	checkHistory(t, ctx, svc, ref, start-10, start+60)
}

func testStatus(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 3) // a Monday
	today := start + 20
	walk := walkGoal("walk", start)
	walk.SmallestStep = "walk 5 minutes"
	createGoal(t, ctx, svc, walk)
	read := createGoal(t, ctx, svc, &stride.Goal{Name: "Read", Unit: "pages", Start: start,
		Targets: []stride.Target{{From: start, Amount: 50, Unit: "pages", Per: stride.PerWeek}}})
	floss := createGoal(t, ctx, svc, &stride.Goal{Name: "floss", Start: start,
		Targets: []stride.Target{{From: start, Amount: 3, Count: true, Per: stride.PerWeek}}})
	coffee := createGoal(t, ctx, svc, &stride.Goal{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Start: start,
		Targets: []stride.Target{{From: start, Amount: 2, Unit: "cups", Per: stride.PerDay}}})
	done := createGoal(t, ctx, svc, walkGoal("old walk", start))
	_, err := svc.Goals.SetGoalState(ctx, done.ID, stride.GoalDone)
	must(t, "SetGoalState", err)
	refs := map[int64]*ref{}
	for _, g := range []*stride.Goal{walk, read, floss, coffee} {
		refs[g.ID] = newRef(g)
	}
	for d := start; d <= today; d++ {
		if d%2 == 0 {
			logStep(t, ctx, svc, walk.ID, d, 25)
			refs[walk.ID].addStep(d, 25)
		}
		if d%3 == 0 {
			logStep(t, ctx, svc, read.ID, d, 12)
			refs[read.ID].addStep(d, 12)
		}
		if d%4 != 0 {
			logStep(t, ctx, svc, floss.ID, d, 1)
			refs[floss.ID].addStep(d, 1)
		}
		logStep(t, ctx, svc, coffee.ID, d, float64(1+d%3))
		refs[coffee.ID].addStep(d, float64(1+d%3))
	}
	must(t, "SkipDay", svc.Goals.SkipDay(ctx, read.ID, today))
	refs[read.ID].skips[today] = true

	board, err := svc.Status.Status(ctx, today)
	must(t, "Status", err)
	var names []string
	for _, st := range board {
		names = append(names, st.Name)
		checkStatus(t, st, refs[st.ID], today)
	}
	if diff := cmp.Diff([]string{"coffee", "floss", "Read", "walk"}, names); diff != "" {
		t.Errorf("board (-want +got):\n%s", diff)
	}
	w := board[3]
	if w.Kind != "amount" || w.Unit != "min" || w.Target != "30 min/day" || w.State != stride.GoalActive || w.Total != refs[walk.ID].total() {
		t.Errorf("walk line: %+v", w)
	}
	if w.Next.Text != "walk 5 minutes" || w.Next.Amount != 5 || w.Next.Momentum <= w.Momentum {
		t.Errorf("walk next step: %+v (momentum %v)", w.Next, w.Momentum)
	}
	if len(w.Recent) != 14 || w.Recent[13].Date != today {
		t.Errorf("recent days: %d ending %s", len(w.Recent), w.Recent[len(w.Recent)-1].Date)
	}
	if r := board[2]; r.Pace.State != stride.PaceResting || !r.Recent[13].Skipped {
		t.Errorf("read on a skip day: pace %q, skipped %v", r.Pace.State, r.Recent[13].Skipped)
	}
	if f := board[1]; f.Kind != "check" || !f.Pace.Count {
		t.Errorf("floss: kind %q, count pace %v", f.Kind, f.Pace.Count)
	}
	// A goal in any state has a status; a board before any goal started is empty.
	st, err := svc.Status.GoalStatus(ctx, done.ID, today)
	must(t, "GoalStatus of a done goal", err)
	if st.State != stride.GoalDone || st.Momentum != 0 {
		t.Errorf("done goal status: %+v", st)
	}
	_, err = svc.Status.GoalStatus(ctx, 99999, today)
	wantCode(t, "GoalStatus unknown", err, stride.ENOTFOUND)
	early, err := svc.Status.Status(ctx, start-30)
	must(t, "Status before the start", err)
	for _, st := range early {
		if st.Momentum != 0 || st.Recent[13].Momentum != 0 {
			t.Errorf("momentum before the goal started: %+v", st)
		}
	}
	for _, g := range []*stride.Goal{walk, read, floss, coffee} {
		checkGoal(t, ctx, svc, refs[g.ID], today)
		checkGoal(t, ctx, svc, refs[g.ID], today+9)
	}
}

func testGoalHistory(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2025, 3, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	ref := newRef(walk)
	for d := start; d < start+10; d += 2 {
		logStep(t, ctx, svc, walk.ID, d, 45)
		logStep(t, ctx, svc, walk.ID, d, 5)
		ref.addStep(d, 45)
		ref.addStep(d, 5)
	}
	hist, err := svc.Status.GoalHistory(ctx, walk.ID, start-2, start+12)
	must(t, "GoalHistory", err)
	if len(hist) != 15 || hist[0].Date != start-2 || hist[14].Date != start+12 {
		t.Fatalf("history covers %d days from %s", len(hist), hist[0].Date)
	}
	if hist[2].Amount != 50 || hist[2].Steps != 2 || hist[2].Credit != 1 {
		t.Errorf("first day: %+v", hist[2])
	}
	checkHistory(t, ctx, svc, ref, start-2, start+12)
	checkHistory(t, ctx, svc, ref, start+12, start+12)
	_, err = svc.Status.GoalHistory(ctx, walk.ID, start+5, start+4)
	wantCode(t, "GoalHistory backwards", err, stride.EINVALID)
	_, err = svc.Status.GoalHistory(ctx, 99999, start, start+4)
	wantCode(t, "GoalHistory unknown", err, stride.ENOTFOUND)
}

// errorf is a fmt helper used by concurrent tests, which cannot call t.Fatal.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func testConcurrent(t *testing.T, svc *stride.Services) {
	ctx := userCtx(t, svc, "ada")
	start := day(2023, 1, 1)
	walk := createGoal(t, ctx, svc, walkGoal("walk", start))
	today := start + 500
	// The writers below log on day start+40+w*97+i*13 and rest the day
	// after every third: those days are left without steps, since a day
	// with progress cannot be rested.
	rests := map[stride.Date]bool{}
	for w := range 3 {
		for i := 2; i < 6; i += 3 {
			rests[start+stride.Date(40+w*97+i*13)+1] = true
		}
	}
	var steps []*stride.Step
	for d := start; d <= today; d++ {
		if !rests[d] {
			steps = append(steps, &stride.Step{GoalID: walk.ID, Day: d, Amount: float64(5 + d%40)})
		}
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, steps))

	// Readers save checkpoints while writers change old days: whatever the
	// interleaving, no stale checkpoint may survive.
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 6 {
				d := start + stride.Date(40+w*97+i*13)
				if _, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: d, Amount: 7}); err != nil {
					errs <- errorf("CreateStep: %v", err)
					return
				}
				if i%3 == 2 {
					if err := svc.Goals.SkipDay(ctx, walk.ID, d+1); err != nil {
						errs <- errorf("SkipDay: %v", err)
						return
					}
				}
			}
		}()
	}
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 4 {
				if _, err := svc.Status.Status(ctx, today-stride.Date(r*60+i*7)); err != nil {
					errs <- errorf("Status: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	stored, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &walk.ID})
	must(t, "FindSteps", err)
	ref := newRef(walk)
	for _, s := range stored {
		ref.addStep(s.Day, s.Amount)
	}
	hist, err := svc.Status.GoalHistory(ctx, walk.ID, start, today)
	must(t, "GoalHistory", err)
	for _, d := range hist {
		if d.Skipped {
			ref.skips[d.Date] = true
		}
	}
	if len(ref.skips) != 6 {
		t.Errorf("%d skips stored, want 6", len(ref.skips))
	}
	checkGoal(t, ctx, svc, ref, today)
	for _, from := range []stride.Date{today - 20, today - 100, today - 230, start + 50} {
		checkHistory(t, ctx, svc, ref, from, today)
	}
}
