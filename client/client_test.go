package client_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/client"
	strhttp "github.com/strideapp/stride/http"
	"github.com/strideapp/stride/password"
	"github.com/strideapp/stride/sqlite"
	"github.com/strideapp/stride/storetest"
)

// serve starts the real server over a fresh SQLite database and returns
// its URL and the store behind it, for making users and tokens.
func serve(t *testing.T) (string, *stride.Services) {
	t.Helper()
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	srv := httptest.NewServer(strhttp.NewServer(strhttp.Deps{Services: store}))
	t.Cleanup(srv.Close)
	return srv.URL, store
}

// token makes the user name (if new) and an API token for it.
func token(t *testing.T, store *stride.Services, name string, scope stride.TokenScope) (*stride.User, string) {
	t.Helper()
	ctx := context.Background()
	u, err := store.Users.EnsureUser(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	secret, _, last4 := password.NewToken()
	tok := &stride.Token{UserID: u.ID, Name: "test", Scope: scope, Last4: last4}
	if err := store.Auth.CreateToken(ctx, tok, password.TokenHash(secret)); err != nil {
		t.Fatal(err)
	}
	return u, secret
}

func remote(t *testing.T, url, tok string) *stride.Services {
	svc := client.New(url, tok)
	t.Cleanup(func() { _ = svc.Close() })
	return svc
}

// TestConformance runs the stores' suite through the client and the real
// server: every answer must be what a local store gives.
func TestConformance(t *testing.T) {
	storetest.RunWith(t, func(t *testing.T) *stride.Services {
		url, store := serve(t)
		_, tok := token(t, store, "ada", stride.ScopeReadWrite)
		return remote(t, url, tok)
	}, storetest.Options{RemoteUser: true})
}

// TestScoping does with two tokens what the suite's UserScoping does with
// two context users.
func TestScoping(t *testing.T) {
	url, store := serve(t)
	_, adaTok := token(t, store, "ada", stride.ScopeReadWrite)
	_, boTok := token(t, store, "bo", stride.ScopeReadWrite)
	ada, bo := remote(t, url, adaTok), remote(t, url, boTok)
	ctx := context.Background()
	start := stride.NewDate(2025, 3, 1)
	walk := &stride.Goal{Name: "walk", Unit: "min", Start: start,
		Targets: []stride.Target{{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}}}
	if err := ada.Goals.CreateGoal(ctx, walk); err != nil {
		t.Fatal(err)
	}
	c, err := ada.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 20, RequestID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	nf := func(what string, err error) {
		t.Helper()
		if stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Errorf("%s as bo: %v, want not_found", what, err)
		}
	}
	_, err = bo.Goals.FindGoalByID(ctx, walk.ID)
	nf("FindGoalByID", err)
	_, err = bo.Goals.FindGoalByName(ctx, "walk")
	nf("FindGoalByName", err)
	_, err = bo.Goals.UpdateGoal(ctx, walk.ID, stride.GoalUpdate{Why: new(string)})
	nf("UpdateGoal", err)
	nf("SkipDay", bo.Goals.SkipDay(ctx, walk.ID, start))
	nf("DeleteGoal", bo.Goals.DeleteGoal(ctx, walk.ID))
	_, err = bo.Steps.FindStepByID(ctx, c.Step.ID)
	nf("FindStepByID", err)
	nf("DeleteStep", bo.Steps.DeleteStep(ctx, c.Step.ID))
	_, err = bo.Status.GoalStatus(ctx, walk.ID, start)
	nf("GoalStatus", err)
	_, err = bo.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: start, Amount: 5})
	nf("CreateStep", err)
	// Request ids belong to a user.
	if err := bo.Goals.CreateGoal(ctx, &stride.Goal{Name: "walk", Unit: "min", Start: start,
		Target: stride.Target{Amount: 10, Unit: "min", Per: stride.PerDay}}); err != nil {
		t.Fatalf("bo's own walk: %v", err)
	}
	board, err := bo.Status.Status(ctx, start)
	if err != nil || len(board) != 1 || board[0].Goal == nil || board[0].Goal.Target.Amount != 10 {
		t.Fatalf("bo's board: %v %v", board, err)
	}
	bc, err := bo.Steps.CreateStep(ctx, &stride.Step{GoalID: board[0].ID, Day: start, Amount: 5, RequestID: "r1"})
	if err != nil || bc.Replayed {
		t.Errorf("bo's step with ada's request id: %+v, %v", bc, err)
	}
	if g, err := ada.Goals.FindGoalByID(ctx, walk.ID); err != nil || g.Total != 20 {
		t.Errorf("ada's goal after bo's tries: %+v, %v", g, err)
	}
}

func TestTokens(t *testing.T) {
	url, store := serve(t)
	ctx := context.Background()
	u, readTok := token(t, store, "ada", stride.ScopeRead)
	read := remote(t, url, readTok)
	if _, err := read.Goals.FindGoals(ctx, stride.GoalFilter{}); err != nil {
		t.Errorf("a read-only token reading: %v", err)
	}
	err := read.Goals.CreateGoal(ctx, &stride.Goal{Name: "walk", Start: 1, Target: stride.Target{Amount: 1, Count: true, Per: stride.PerDay}})
	if stride.ErrorCode(err) != stride.EFORBIDDEN {
		t.Errorf("a read-only token writing: %v, want forbidden", err)
	}
	if _, err := remote(t, url, "nonsense").Users.EnsureUser(ctx, "ada"); stride.ErrorCode(err) != stride.EUNAUTHORIZED {
		t.Errorf("an unknown token: %v, want unauthorized", err)
	}

	hash, err := password.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Auth.SetPasswordHash(ctx, u.ID, hash); err != nil {
		t.Fatal(err)
	}
	if _, _, err := client.Login(ctx, url, "ada", "wrong password", "test"); stride.ErrorCode(err) != stride.EUNAUTHORIZED {
		t.Errorf("Login with a wrong password: %v", err)
	}
	tok, who, err := client.Login(ctx, url, "ada", "correct horse battery", "laptop")
	if err != nil || who.Name != "ada" {
		t.Fatalf("Login: %v, %v", who, err)
	}
	c := client.NewClient(url, tok)
	if me, err := c.Services().Users.EnsureUser(ctx, ""); err != nil || me.ID != u.ID {
		t.Fatalf("the new token's user: %v, %v", me, err)
	}
	if err := c.RevokeToken(ctx); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if _, err := remote(t, url, tok).Users.EnsureUser(ctx, ""); stride.ErrorCode(err) != stride.EUNAUTHORIZED {
		t.Errorf("a revoked token: %v, want unauthorized", err)
	}
	// The read-only token is still there: only the one signed in was revoked.
	tokens, err := store.Auth.FindTokens(ctx, u.ID)
	if err != nil || len(tokens) != 1 || tokens[0].Scope != stride.ScopeRead {
		t.Errorf("tokens left: %v, %v", tokens, err)
	}
}

// TestScopingReflection does with two tokens what the suite's
// LessonScoping, DoubtScoping, FocusScoping, WorkScoping, ReviewScoping
// and ReviewWeekStart do with two context users.
func TestScopingReflection(t *testing.T) {
	url, store := serve(t)
	_, adaTok := token(t, store, "ada", stride.ScopeReadWrite)
	boUser, boTok := token(t, store, "bo", stride.ScopeReadWrite)
	ada, bo := remote(t, url, adaTok), remote(t, url, boTok)
	ctx := context.Background()
	mon := stride.NewDate(2025, 3, 3)
	walk := &stride.Goal{Name: "walk", Unit: "min", Start: mon,
		Targets: []stride.Target{{From: mon, Amount: 30, Unit: "min", Per: stride.PerDay}}}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("CreateGoal", ada.Goals.CreateGoal(ctx, walk))
	lesson := &stride.Lesson{GoalID: &walk.ID, Day: mon, Wanted: "ada's lesson", Themes: []string{"time"}}
	must("CreateLesson", ada.Lessons.CreateLesson(ctx, lesson))
	doubt := &stride.Doubt{Day: mon, Text: "ada's doubt"}
	must("CreateDoubt", ada.Doubts.CreateDoubt(ctx, doubt))
	focus := &stride.Focus{Day: mon, Text: "ada's focus"}
	must("SetFocus", ada.Focus.SetFocus(ctx, focus))
	work := &stride.Work{Name: "essay", GoalID: &walk.ID}
	must("CreateWork", ada.Works.CreateWork(ctx, work))
	_, err := ada.Works.AddIteration(ctx, work.ID, &stride.Iteration{Kind: stride.IterationChange, Day: mon, Changed: "ada's draft"})
	must("AddIteration", err)
	must("SaveReview", ada.Reviews.SaveReview(ctx, &stride.Review{Week: mon, WentWell: "ada's week"}))

	nf := func(what string, err error) {
		t.Helper()
		if stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Errorf("%s as bo: %v, want not_found", what, err)
		}
	}
	_, err = bo.Lessons.FindLessonByID(ctx, lesson.ID)
	nf("FindLessonByID", err)
	_, err = bo.Lessons.FindLessons(ctx, stride.LessonFilter{GoalID: &walk.ID})
	nf("FindLessons by ada's goal", err)
	_, err = bo.Lessons.UpdateLesson(ctx, lesson.ID, stride.LessonUpdate{Next: new(string)})
	nf("UpdateLesson", err)
	nf("DeleteLesson", bo.Lessons.DeleteLesson(ctx, lesson.ID))
	nf("CreateLesson on ada's goal", bo.Lessons.CreateLesson(ctx, &stride.Lesson{GoalID: &walk.ID, Day: mon, Wanted: "x"}))
	themes, err := bo.Lessons.LessonThemes(ctx)
	if err != nil || len(themes) != 0 {
		t.Errorf("bo's themes: %v, %v", themes, err)
	}
	_, err = bo.Doubts.FindDoubtByID(ctx, doubt.ID)
	nf("FindDoubtByID", err)
	_, err = bo.Doubts.RevisitDoubt(ctx, doubt.ID, stride.Revisit{Day: mon, Holds: true})
	nf("RevisitDoubt", err)
	nf("DeleteDoubt", bo.Doubts.DeleteDoubt(ctx, doubt.ID))
	_, err = bo.Focus.FindFocusByID(ctx, focus.ID)
	nf("FindFocusByID", err)
	_, err = bo.Focus.FindFocusByDay(ctx, mon)
	nf("FindFocusByDay", err)
	_, err = bo.Focus.UpdateFocus(ctx, focus.ID, stride.FocusUpdate{Done: new(bool)})
	nf("UpdateFocus", err)
	nf("DeleteFocus", bo.Focus.DeleteFocus(ctx, focus.ID))
	_, err = bo.Works.FindWorkByID(ctx, work.ID)
	nf("FindWorkByID", err)
	_, err = bo.Works.FindWorkByName(ctx, "essay")
	nf("FindWorkByName", err)
	_, err = bo.Works.AddIteration(ctx, work.ID, &stride.Iteration{Kind: stride.IterationShip, Day: mon})
	nf("AddIteration", err)
	nf("DeleteWork", bo.Works.DeleteWork(ctx, work.ID))
	its, err := bo.Works.FindIterations(ctx, mon, mon+6)
	if err != nil || len(its) != 0 {
		t.Errorf("bo's iterations: %v, %v", its, err)
	}
	_, err = bo.Reviews.FindReviewByWeek(ctx, mon)
	nf("FindReviewByWeek", err)
	nf("DeleteReview", bo.Reviews.DeleteReview(ctx, mon))
	_, err = bo.Reviews.HowFarGoal(ctx, walk.ID, mon+70)
	nf("HowFarGoal", err)
	_, err = bo.Wins.FindWins(ctx, stride.WinFilter{GoalID: &walk.ID}, mon+7)
	nf("FindWins by ada's goal", err)
	sum, err := bo.Reviews.SummarizeWeek(ctx, mon, mon+6)
	if err != nil || len(sum.Goals) != 0 || len(sum.Lessons) != 0 || len(sum.Focus) != 0 || len(sum.Works) != 0 {
		t.Errorf("bo's summary of the week: %+v, %v", sum, err)
	}

	// bo's weeks start on Sunday: the server checks the week by bo's
	// settings, naming the first day.
	sunday := time.Sunday
	if _, err := store.Auth.UpdateUser(ctx, boUser.ID, stride.UserUpdate{WeekStart: &sunday}); err != nil {
		t.Fatal(err)
	}
	err = bo.Reviews.SaveReview(ctx, &stride.Review{Week: mon, WentWell: "x"})
	if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), (mon-1).String()) {
		t.Errorf("bo's review on a Monday: %v, want invalid naming %s", err, mon-1)
	}
	must("SaveReview on bo's Sunday", bo.Reviews.SaveReview(ctx, &stride.Review{Week: mon - 1, WentWell: "bo's week"}))
	if got, err := ada.Reviews.FindReviewByWeek(ctx, mon); err != nil || got.WentWell != "ada's week" || got.Summary == nil {
		t.Errorf("ada's review after bo's tries: %+v, %v", got, err)
	}
	if got, err := ada.Works.FindWorkByID(ctx, work.ID); err != nil || len(got.Iterations) != 1 || got.Shipped {
		t.Errorf("ada's work after bo's tries: %+v, %v", got, err)
	}
}
