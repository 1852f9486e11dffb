package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strideapp/stride"
)

// summaryFor is a week's summary as a caller may have shown it.
func summaryFor(week stride.Date, steps int) *stride.WeekSummary {
	return &stride.WeekSummary{
		From: week, To: week + 6, Steps: steps, Effort: 95.5, FocusDone: 2,
		Goals: []stride.GoalWeek{{GoalID: 1, Name: "walk", Unit: "min", Direction: stride.AtLeast, Total: 150, Target: 210,
			TargetText: "30 min/day", MomentumStart: 0.4, MomentumEnd: 0.55, Steps: steps, Effort: 95.5, Held: 1}},
		Themes: []stride.ThemeCount{{Name: "time", Count: 2}},
		Works:  []stride.WorkWeek{{WorkID: 3, Name: "essay", Iterations: 2, Shipped: []int{1}}},
	}
}

// summaryPending reports whether the services cannot summarise weeks yet
// (the review package's placeholder), so a test of a review saved
// without a summary has nothing to check.
func summaryPending(ctx context.Context, svc *stride.Services, week stride.Date) bool {
	_, err := svc.Reviews.SummarizeWeek(ctx, week, week+6)
	return err != nil && strings.Contains(stride.ErrorMessage(err), "not written yet")
}

func testReviews(t *testing.T, svc *stride.Services) {
	needService(t, svc.Reviews != nil, "review")
	ctx := userCtx(t, svc, "ada") // weeks start on Monday
	mon := day(2025, 3, 3)
	if mon.Weekday() != time.Monday {
		t.Fatalf("%s is not a Monday", mon)
	}
	err := svc.Reviews.SaveReview(ctx, &stride.Review{Week: mon + 1, WentWell: "x"})
	wantCode(t, "SaveReview on a Tuesday", err, stride.EINVALID)
	if !strings.Contains(stride.ErrorMessage(err), mon.String()) {
		t.Errorf("SaveReview on a Tuesday says %q, want it to name %s", stride.ErrorMessage(err), mon)
	}
	wantCode(t, "SaveReview without a week", svc.Reviews.SaveReview(ctx, &stride.Review{WentWell: "x"}), stride.EINVALID)
	wantCode(t, "SaveReview with a long next focus",
		svc.Reviews.SaveReview(ctx, &stride.Review{Week: mon, NextFocus: strings.Repeat("x", 501)}), stride.EINVALID)
	_, err = svc.Reviews.FindReviewByWeek(ctx, mon)
	wantCode(t, "FindReviewByWeek before any", err, stride.ENOTFOUND)

	r := &stride.Review{Week: mon, WentWell: " walked 5 days ", Learned: "mornings work", Obstacles: "rain",
		NextFocus: "book the race", Summary: summaryFor(mon, 5)}
	must(t, "SaveReview", svc.Reviews.SaveReview(ctx, r))
	if r.ID == 0 || r.WentWell != "walked 5 days" || r.CreatedAt.IsZero() || r.Summary == nil {
		t.Fatalf("SaveReview did not fill the review: %+v", r)
	}
	got, err := svc.Reviews.FindReviewByWeek(ctx, mon)
	must(t, "FindReviewByWeek", err)
	if diff := cmp.Diff(r, got, emptyEqual); diff != "" {
		t.Errorf("FindReviewByWeek (-saved +found):\n%s", diff)
	}
	if diff := cmp.Diff(summaryFor(mon, 5), got.Summary, emptyEqual); diff != "" {
		t.Errorf("summary kept (-saved +found):\n%s", diff)
	}

	// Saving the week again replaces the answers and keeps the summary
	// as the week stood.
	again := &stride.Review{Week: mon, WentWell: "walked 6 days", NextFocus: "rest"}
	must(t, "SaveReview again", svc.Reviews.SaveReview(ctx, again))
	if again.ID != r.ID || again.Learned != "" || again.WentWell != "walked 6 days" || !again.CreatedAt.Equal(r.CreatedAt) {
		t.Errorf("SaveReview again: %+v, want the same review with the new answers", again)
	}
	if diff := cmp.Diff(summaryFor(mon, 5), again.Summary, emptyEqual); diff != "" {
		t.Errorf("summary after saving without one (-first +now):\n%s", diff)
	}
	newer := &stride.Review{Week: mon, WentWell: "walked 6 days", Summary: summaryFor(mon, 6)}
	must(t, "SaveReview with a new summary", svc.Reviews.SaveReview(ctx, newer))
	if newer.Summary == nil || newer.Summary.Steps != 6 {
		t.Errorf("a summary given replaces the stored one: %+v", newer.Summary)
	}

	prev := &stride.Review{Week: mon - 7, Learned: "start small", Summary: summaryFor(mon-7, 2)}
	must(t, "SaveReview of the week before", svc.Reviews.SaveReview(ctx, prev))
	later := &stride.Review{Week: mon + 14, Learned: "keep going", Summary: summaryFor(mon+14, 1)}
	must(t, "SaveReview two weeks later", svc.Reviews.SaveReview(ctx, later))
	all, err := svc.Reviews.FindReviews(ctx, stride.ReviewFilter{})
	must(t, "FindReviews", err)
	var weeks []stride.Date
	for _, r := range all {
		weeks = append(weeks, r.Week)
	}
	if diff := cmp.Diff([]stride.Date{mon + 14, mon, mon - 7}, weeks); diff != "" {
		t.Errorf("FindReviews weeks, newest first (-want +got):\n%s", diff)
	}
	if len(all) == 3 && (all[1].Summary == nil || all[1].Summary.Steps != 6 || all[2].Learned != "start small") {
		t.Errorf("FindReviews lost answers or summaries: %+v %+v", all[1], all[2])
	}
	one, err := svc.Reviews.FindReviews(ctx, stride.ReviewFilter{Limit: 1})
	must(t, "FindReviews limited", err)
	if len(one) != 1 || one[0].Week != mon+14 {
		t.Errorf("FindReviews limited to 1 = %d reviews", len(one))
	}

	must(t, "DeleteReview", svc.Reviews.DeleteReview(ctx, mon-7))
	_, err = svc.Reviews.FindReviewByWeek(ctx, mon-7)
	wantCode(t, "FindReviewByWeek deleted", err, stride.ENOTFOUND)
	wantCode(t, "DeleteReview again", svc.Reviews.DeleteReview(ctx, mon-7), stride.ENOTFOUND)

	// Without a summary, a new review gets the week's as it stands.
	if summaryPending(ctx, svc, mon+7) {
		t.Log("weeks cannot be summarised yet: not checking a review saved without a summary")
		return
	}
	walk := createGoal(t, ctx, svc, walkGoal("walk", mon))
	logStep(t, ctx, svc, walk.ID, mon+8, 20)
	auto := &stride.Review{Week: mon + 7, WentWell: "one walk"}
	must(t, "SaveReview without a summary", svc.Reviews.SaveReview(ctx, auto))
	if auto.Summary == nil || auto.Summary.From != mon+7 || auto.Summary.Steps != 1 {
		t.Errorf("SaveReview without a summary stored %+v, want the week's summary with its one step", auto.Summary)
	}
}

// testReviewWeekStart checks that the first day of a week is the user's:
// a user whose weeks start on Sunday reviews from Sundays.
func testReviewWeekStart(t *testing.T, svc *stride.Services) {
	needService(t, svc.Reviews != nil, "review")
	u := &stride.User{Name: "sam", WeekStart: time.Sunday}
	must(t, "CreateUser", svc.Users.CreateUser(context.Background(), u))
	ctx := stride.NewContextWithUser(context.Background(), u)
	sun := day(2025, 3, 2)
	err := svc.Reviews.SaveReview(ctx, &stride.Review{Week: sun + 1, WentWell: "x", Summary: summaryFor(sun+1, 0)})
	wantCode(t, "SaveReview on a Monday for weeks from Sunday", err, stride.EINVALID)
	if !strings.Contains(stride.ErrorMessage(err), sun.String()) {
		t.Errorf("SaveReview on a Monday says %q, want it to name %s", stride.ErrorMessage(err), sun)
	}
	must(t, "SaveReview on a Sunday", svc.Reviews.SaveReview(ctx, &stride.Review{Week: sun, WentWell: "x", Summary: summaryFor(sun, 0)}))
}

// testReviewScoping checks that reviews are each user's own.
func testReviewScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Reviews != nil, "review")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	mon := day(2025, 3, 3)
	must(t, "SaveReview", svc.Reviews.SaveReview(ada, &stride.Review{Week: mon, WentWell: "ada's", Summary: summaryFor(mon, 1)}))
	_, err := svc.Reviews.FindReviewByWeek(bo, mon)
	wantCode(t, "FindReviewByWeek as another user", err, stride.ENOTFOUND)
	wantCode(t, "DeleteReview as another user", svc.Reviews.DeleteReview(bo, mon), stride.ENOTFOUND)
	rs, err := svc.Reviews.FindReviews(bo, stride.ReviewFilter{})
	must(t, "FindReviews as bo", err)
	if len(rs) != 0 {
		t.Errorf("bo sees %d reviews of ada's", len(rs))
	}
	own := &stride.Review{Week: mon, WentWell: "bo's", Summary: summaryFor(mon, 2)}
	must(t, "SaveReview as bo, same week", svc.Reviews.SaveReview(bo, own))
	got, err := svc.Reviews.FindReviewByWeek(ada, mon)
	must(t, "FindReviewByWeek as ada", err)
	if got.WentWell != "ada's" || got.ID == own.ID || got.Summary == nil || got.Summary.Steps != 1 {
		t.Errorf("ada's review changed: %+v", got)
	}
}

// testGoalDoneWhenMet checks the marks a goal's done-when and finish
// leave in the record, which the weekly review and the wins read.
func testGoalDoneWhenMet(t *testing.T, svc *stride.Services) {
	// A transport without the reflection records (the API client until it
	// has them) does not carry these fields of goal updates either.
	needService(t, svc.Reviews != nil, "review")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	g := walkGoal("walk", d)
	g.DoneWhen, g.DoneWhenAmount = "walked 100 min", ptr(100.0)
	createGoal(t, ctx, svc, g)
	if g.DoneWhenMet != nil || g.EditsAfterMet != 0 || g.FinishedOn != nil {
		t.Fatalf("new goal: met %v, edits %d, finished %v", g.DoneWhenMet, g.EditsAfterMet, g.FinishedOn)
	}
	logStep(t, ctx, svc, g.ID, d, 60)
	if got := findGoal(t, ctx, svc, g.ID); got.DoneWhenMet != nil {
		t.Errorf("done-when met at 60 of 100: %v", got.DoneWhenMet)
	}
	if !logStep(t, ctx, svc, g.ID, d+2, 50).DoneWhenReached {
		t.Errorf("the step crossing 100 did not say so")
	}
	logStep(t, ctx, svc, g.ID, d+3, 50)
	got := findGoal(t, ctx, svc, g.ID)
	if got.DoneWhenMet == nil || *got.DoneWhenMet != d+2 {
		t.Fatalf("done-when met = %v, want %s, the crossing step's day (kept by later steps)", got.DoneWhenMet, d+2)
	}

	// Edits after it is met are counted; marking it is not an edit.
	edits := func(what string, want int) *stride.Goal {
		t.Helper()
		got := findGoal(t, ctx, svc, g.ID)
		if got.EditsAfterMet != want {
			t.Errorf("after %s: %d edits after met, want %d", what, got.EditsAfterMet, want)
		}
		return got
	}
	_, err := svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{Why: ptr("feel good")})
	must(t, "UpdateGoal", err)
	edits("a new why", 1)
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{Why: ptr("feel good")})
	must(t, "UpdateGoal same", err)
	edits("the same why again", 1)
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenAmount: ptr(ptr(200.0))})
	must(t, "UpdateGoal moving the line", err)
	got = edits("a higher done-when amount", 2)
	if got.DoneWhenMet == nil || *got.DoneWhenMet != d+2 {
		t.Errorf("moving the done-when amount cleared the met mark: %v", got.DoneWhenMet)
	}
	_, err = svc.Goals.SetTarget(ctx, g.ID, stride.Target{From: d + 5, Amount: 40, Unit: stride.MinutesUnit, Per: stride.PerDay})
	must(t, "SetTarget", err)
	edits("a new target", 3)
	_, err = svc.Goals.SetTarget(ctx, g.ID, stride.Target{From: d + 5, Amount: 40, Unit: stride.MinutesUnit, Per: stride.PerDay})
	must(t, "SetTarget same", err)
	edits("the same target again", 3)
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenMet: ptr(ptr(d + 1))})
	must(t, "UpdateGoal met on another day", err)
	got = edits("marking it met on another day", 3)
	if got.DoneWhenMet == nil || *got.DoneWhenMet != d+1 {
		t.Errorf("done-when met = %v, want %s as marked", got.DoneWhenMet, d+1)
	}
	var noDate *stride.Date
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenMet: &noDate})
	must(t, "UpdateGoal not met", err)
	got = edits("clearing the mark", 0)
	if got.DoneWhenMet != nil {
		t.Errorf("done-when met = %v after clearing it", got.DoneWhenMet)
	}
	_, err = svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{Why: ptr("feel better")})
	must(t, "UpdateGoal while not met", err)
	edits("an edit while not met", 0)

	// A done-when in words is met when the user says so.
	text := walkGoal("write", d)
	text.DoneWhen = "first draft finished"
	createGoal(t, ctx, svc, text)
	up, err := svc.Goals.UpdateGoal(ctx, text.ID, stride.GoalUpdate{DoneWhenMet: ptr(ptr(d + 4))})
	must(t, "UpdateGoal met", err)
	if up.DoneWhenMet == nil || *up.DoneWhenMet != d+4 || up.EditsAfterMet != 0 {
		t.Errorf("done-when said met: %v, %d edits", up.DoneWhenMet, up.EditsAfterMet)
	}

	// A done-when amount the total passed already: met on the crossing day.
	read := createGoal(t, ctx, svc, walkGoal("read", d))
	for i := range 3 {
		logStep(t, ctx, svc, read.ID, d+stride.Date(i), 10)
	}
	up, err = svc.Goals.UpdateGoal(ctx, read.ID, stride.GoalUpdate{DoneWhenAmount: ptr(ptr(15.0))})
	must(t, "UpdateGoal done-when amount below the total", err)
	if up.DoneWhenMet == nil || *up.DoneWhenMet != d+1 {
		t.Errorf("done-when amount 15 after 10 a day from %s: met %v, want %s", d, up.DoneWhenMet, d+1)
	}

	// Imports mark it too, on the day the running sum crosses it.
	swim := walkGoal("swim", d)
	swim.DoneWhenAmount = ptr(5.0)
	createGoal(t, ctx, svc, swim)
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, []*stride.Step{
		{GoalID: swim.ID, Day: d + 4, Amount: 2}, {GoalID: swim.ID, Day: d, Amount: 4},
	}))
	if got := findGoal(t, ctx, svc, swim.ID); got.DoneWhenMet == nil || *got.DoneWhenMet != d+4 {
		t.Errorf("imported steps 4 on %s and 2 on %s against 5: met %v, want %s", d, d+4, got.DoneWhenMet, d+4)
	}

	// Finishing: the day it was marked done, in the user's time zone,
	// and gone when it leaves done.
	now := time.Now().UTC()
	done, err := svc.Goals.SetGoalState(ctx, g.ID, stride.GoalDone)
	must(t, "SetGoalState done", err)
	if f := done.FinishedOn; f == nil || *f < stride.DateOf(now)-1 || *f > stride.DateOf(now)+1 {
		t.Fatalf("finished on %v, want today (%s, give or take a time zone)", f, stride.DateOf(now))
	}
	again, err := svc.Goals.SetGoalState(ctx, g.ID, stride.GoalDone)
	must(t, "SetGoalState done again", err)
	if again.FinishedOn == nil || *again.FinishedOn != *done.FinishedOn {
		t.Errorf("done twice: finished on %v, then %v", done.FinishedOn, again.FinishedOn)
	}
	active, err := svc.Goals.SetGoalState(ctx, g.ID, stride.GoalActive)
	must(t, "SetGoalState active", err)
	if active.FinishedOn != nil {
		t.Errorf("active goal finished on %v", active.FinishedOn)
	}
	_, err = svc.Goals.SetGoalState(ctx, g.ID, stride.GoalDone)
	must(t, "SetGoalState done", err)
	paused, err := svc.Goals.PauseGoal(ctx, g.ID, d+10, nil)
	must(t, "PauseGoal", err)
	if paused.FinishedOn != nil {
		t.Errorf("paused goal finished on %v", paused.FinishedOn)
	}
}

// testStepLearned checks a step's reflection, what it taught, through
// every way a step is written and read.
func testStepLearned(t *testing.T, svc *stride.Services) {
	needService(t, svc.Reviews != nil, "review")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))
	c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: d, Amount: 20, Note: "park", Learned: " start slower "})
	must(t, "CreateStep", err)
	if c.Step.Learned != "start slower" {
		t.Errorf("CreateStep learned %q, want it trimmed", c.Step.Learned)
	}
	got, err := svc.Steps.FindStepByID(ctx, c.Step.ID)
	must(t, "FindStepByID", err)
	if got.Learned != "start slower" || got.Note != "park" {
		t.Errorf("FindStepByID: learned %q note %q", got.Learned, got.Note)
	}
	up, err := svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Learned: ptr("hills are fine")})
	must(t, "UpdateStep", err)
	if up.Learned != "hills are fine" || up.Note != "park" || up.Amount != 20 {
		t.Errorf("UpdateStep learned: %+v", up)
	}
	_, err = svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Learned: ptr(strings.Repeat("x", stride.MaxNoteLen+1))})
	wantCode(t, "UpdateStep long learned", err, stride.EINVALID)
	up, err = svc.Steps.UpdateStep(ctx, c.Step.ID, stride.StepUpdate{Learned: ptr("")})
	must(t, "UpdateStep clear learned", err)
	if up.Learned != "" {
		t.Errorf("UpdateStep cleared learned to %q", up.Learned)
	}
	must(t, "CreateSteps", svc.Steps.CreateSteps(ctx, []*stride.Step{{GoalID: walk.ID, Day: d + 1, Amount: 5, Learned: "rain is ok"}}))
	steps, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &walk.ID})
	must(t, "FindSteps", err)
	if len(steps) != 2 || steps[0].Learned != "" || steps[1].Learned != "rain is ok" {
		t.Errorf("FindSteps learned: %+v", steps)
	}
}
