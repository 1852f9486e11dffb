package storetest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strideapp/stride"
)

// needService skips a test of a reflection record (METHOD.md principles
// 5-7 and 10-15) on services that do not offer it yet: the API client
// gains them after the stores. present is whether the service is there.
func needService(t *testing.T, present bool, name string) {
	t.Helper()
	if !present {
		t.Skipf("the services under test have no %s service yet", name)
	}
}

// emptyEqual makes nil and empty slices equal: a transport may send [] for
// what a store reads as nil.
var emptyEqual = cmpopts.EquateEmpty()

func lessonIDs(ls []*stride.Lesson) []int64 {
	ids := []int64{}
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	return ids
}

func testLessons(t *testing.T, svc *stride.Services) {
	needService(t, svc.Lessons != nil, "lesson")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))
	read := createGoal(t, ctx, svc, walkGoal("read", d))

	l1 := &stride.Lesson{GoalID: &walk.ID, Day: d, Wanted: " run 5 km ", Happened: "rain all week",
		Themes: []string{"Weather", " time", "weather", ""}}
	must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l1))
	if l1.ID == 0 || l1.CreatedAt.IsZero() || l1.UpdatedAt.IsZero() {
		t.Fatalf("CreateLesson did not fill the lesson: %+v", l1)
	}
	if l1.Wanted != "run 5 km" || l1.Goal != "walk" || !cmp.Equal(l1.Themes, []string{"weather", "time"}) {
		t.Errorf("created lesson: wanted %q, goal %q, themes %q; want trimmed, the goal's name, themes lower-cased once each",
			l1.Wanted, l1.Goal, l1.Themes)
	}
	got, err := svc.Lessons.FindLessonByID(ctx, l1.ID)
	must(t, "FindLessonByID", err)
	if diff := cmp.Diff(l1, got, emptyEqual); diff != "" {
		t.Errorf("FindLessonByID (-created +found):\n%s", diff)
	}

	l2 := &stride.Lesson{Day: d + 2, Next: "walk before work", Themes: []string{"TIME"}}
	l3 := &stride.Lesson{GoalID: &read.ID, Day: d + 2, Options: "audiobooks", Themes: []string{"energy"}}
	l4 := &stride.Lesson{Day: d - 1, Happened: "tired"}
	for _, l := range []*stride.Lesson{l2, l3, l4} {
		must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l))
	}
	if len(l4.Themes) != 0 || l4.GoalID != nil || l4.Goal != "" {
		t.Errorf("a lesson without goal or themes came back with %v %q %q", l4.GoalID, l4.Goal, l4.Themes)
	}

	find := func(what string, f stride.LessonFilter, want ...*stride.Lesson) {
		t.Helper()
		got, err := svc.Lessons.FindLessons(ctx, f)
		must(t, "FindLessons "+what, err)
		if diff := cmp.Diff(want, got, emptyEqual); diff != "" {
			t.Errorf("FindLessons %s (-want +got):\n%s", what, diff)
		}
	}
	find("all: newest day first, then newest first", stride.LessonFilter{}, l3, l2, l1, l4)
	find("by goal", stride.LessonFilter{GoalID: &walk.ID}, l1)
	find("by theme, any case", stride.LessonFilter{Theme: ptr(" Time ")}, l2, l1)
	find("by unknown theme", stride.LessonFilter{Theme: ptr("money")})
	find("by days", stride.LessonFilter{Since: ptr(d), Until: ptr(d + 1)}, l1)
	find("limited", stride.LessonFilter{Limit: 2}, l3, l2)
	find("limited by theme", stride.LessonFilter{Theme: ptr("time"), Limit: 1}, l2)
	_, err = svc.Lessons.FindLessons(ctx, stride.LessonFilter{GoalID: ptr(walk.ID + 1000)})
	wantCode(t, "FindLessons by unknown goal", err, stride.ENOTFOUND)

	wantCode(t, "CreateLesson without an answer", svc.Lessons.CreateLesson(ctx, &stride.Lesson{Day: d, Wanted: "  "}), stride.EINVALID)
	wantCode(t, "CreateLesson without a day", svc.Lessons.CreateLesson(ctx, &stride.Lesson{Wanted: "x"}), stride.EINVALID)
	wantCode(t, "CreateLesson for an unknown goal",
		svc.Lessons.CreateLesson(ctx, &stride.Lesson{Day: d, Wanted: "x", GoalID: ptr(walk.ID + 1000)}), stride.ENOTFOUND)
	wantCode(t, "CreateLesson with a comma in a theme",
		svc.Lessons.CreateLesson(ctx, &stride.Lesson{Day: d, Wanted: "x", Themes: []string{"time, energy"}}), stride.EINVALID)
	many := strings.Split("a b c d e f g h i j k", " ")
	wantCode(t, "CreateLesson with 11 themes",
		svc.Lessons.CreateLesson(ctx, &stride.Lesson{Day: d, Wanted: "x", Themes: many}), stride.EINVALID)
	wantCode(t, "CreateLesson with a long answer",
		svc.Lessons.CreateLesson(ctx, &stride.Lesson{Day: d, Wanted: strings.Repeat("x", stride.MaxTextLen+1)}), stride.EINVALID)

	var noGoal *int64
	up, err := svc.Lessons.UpdateLesson(ctx, l1.ID, stride.LessonUpdate{GoalID: &noGoal, Happened: ptr(" a storm "),
		Themes: &[]string{"Focus", "time"}, Day: ptr(d + 1)})
	must(t, "UpdateLesson", err)
	want := *l1
	want.GoalID, want.Goal, want.Happened, want.Themes, want.Day = nil, "", "a storm", []string{"focus", "time"}, d+1
	if diff := cmp.Diff(&want, up, emptyEqual, cmpopts.IgnoreFields(stride.Lesson{}, "UpdatedAt")); diff != "" {
		t.Errorf("UpdateLesson (-want +got):\n%s", diff)
	}
	if up.UpdatedAt.Before(l1.UpdatedAt) {
		t.Errorf("UpdateLesson: updated at %v, before it was created (%v)", up.UpdatedAt, l1.UpdatedAt)
	}
	got, err = svc.Lessons.FindLessonByID(ctx, l1.ID)
	must(t, "FindLessonByID after update", err)
	if diff := cmp.Diff(up, got, emptyEqual); diff != "" {
		t.Errorf("FindLessonByID after update (-updated +found):\n%s", diff)
	}
	up, err = svc.Lessons.UpdateLesson(ctx, l1.ID, stride.LessonUpdate{GoalID: ptr(&read.ID)})
	must(t, "UpdateLesson attach", err)
	if up.GoalID == nil || *up.GoalID != read.ID || up.Goal != "read" || !cmp.Equal(up.Themes, []string{"focus", "time"}) {
		t.Errorf("UpdateLesson attach: goal %v %q themes %q, want read and the themes kept", up.GoalID, up.Goal, up.Themes)
	}
	_, err = svc.Lessons.UpdateLesson(ctx, l1.ID, stride.LessonUpdate{GoalID: ptr(ptr(walk.ID + 1000))})
	wantCode(t, "UpdateLesson to an unknown goal", err, stride.ENOTFOUND)
	_, err = svc.Lessons.UpdateLesson(ctx, l4.ID, stride.LessonUpdate{Happened: ptr("")})
	wantCode(t, "UpdateLesson to no answer", err, stride.EINVALID)
	_, err = svc.Lessons.UpdateLesson(ctx, l4.ID+1000, stride.LessonUpdate{Happened: ptr("x")})
	wantCode(t, "UpdateLesson unknown", err, stride.ENOTFOUND)

	// Deleting a goal keeps what the user wrote, detached.
	must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, read.ID))
	got, err = svc.Lessons.FindLessonByID(ctx, l3.ID)
	must(t, "FindLessonByID after its goal was deleted", err)
	if got.GoalID != nil || got.Goal != "" || got.Options != "audiobooks" {
		t.Errorf("lesson after its goal was deleted: goal %v %q, options %q; want detached and kept", got.GoalID, got.Goal, got.Options)
	}

	must(t, "DeleteLesson", svc.Lessons.DeleteLesson(ctx, l2.ID))
	_, err = svc.Lessons.FindLessonByID(ctx, l2.ID)
	wantCode(t, "FindLessonByID deleted", err, stride.ENOTFOUND)
	wantCode(t, "DeleteLesson again", svc.Lessons.DeleteLesson(ctx, l2.ID), stride.ENOTFOUND)
	all, err := svc.Lessons.FindLessons(ctx, stride.LessonFilter{})
	must(t, "FindLessons after delete", err)
	if diff := cmp.Diff([]int64{l3.ID, l1.ID, l4.ID}, lessonIDs(all)); diff != "" {
		t.Errorf("lessons after delete (-want +got):\n%s", diff)
	}
}

func testLessonThemes(t *testing.T, svc *stride.Services) {
	needService(t, svc.Lessons != nil, "lesson")
	ctx := userCtx(t, svc, "ada")
	themes, err := svc.Lessons.LessonThemes(ctx)
	must(t, "LessonThemes with no lessons", err)
	if len(themes) != 0 {
		t.Fatalf("LessonThemes with no lessons = %v", themes)
	}
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))
	read := createGoal(t, ctx, svc, walkGoal("read", d))
	swim := createGoal(t, ctx, svc, walkGoal("Swim", d))
	for _, l := range []*stride.Lesson{
		{GoalID: &walk.ID, Day: d, Happened: "a", Themes: []string{"time", "energy"}},
		{GoalID: &read.ID, Day: d + 3, Happened: "b", Themes: []string{"Time"}},
		{Day: d + 5, Happened: "c", Themes: []string{"energy"}},
		{GoalID: &swim.ID, Day: d + 1, Happened: "d", Themes: []string{"time", "travel"}},
		{GoalID: &walk.ID, Day: d + 6, Happened: "e", Themes: []string{"sleep"}},
		{Day: d + 6, Happened: "f", Themes: []string{"rest"}},
		{Day: d + 1, Happened: "h", Themes: []string{"alpha"}},
		{GoalID: &walk.ID, Day: d + 2, Happened: "g"},
	} {
		must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l))
	}
	themes, err = svc.Lessons.LessonThemes(ctx)
	must(t, "LessonThemes", err)
	want := []*stride.Theme{
		{Name: "time", Count: 3, Goals: []string{"read", "Swim", "walk"}, First: d, Last: d + 3},
		{Name: "energy", Count: 2, Goals: []string{"walk"}, First: d, Last: d + 5},
		// One each: the latest first, then by name.
		{Name: "rest", Count: 1, Goals: []string{}, First: d + 6, Last: d + 6},
		{Name: "sleep", Count: 1, Goals: []string{"walk"}, First: d + 6, Last: d + 6},
		{Name: "alpha", Count: 1, Goals: []string{}, First: d + 1, Last: d + 1},
		{Name: "travel", Count: 1, Goals: []string{"Swim"}, First: d + 1, Last: d + 1},
	}
	if diff := cmp.Diff(want, themes, emptyEqual); diff != "" {
		t.Errorf("LessonThemes (-want +got):\n%s", diff)
	}
}

// testLessonScoping checks that a second user sees none of the first's
// lessons and cannot attach one to the first's goal.
func testLessonScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Lessons != nil, "lesson")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	d := day(2025, 3, 3)
	walk := createGoal(t, ada, svc, walkGoal("walk", d))
	l := &stride.Lesson{GoalID: &walk.ID, Day: d, Wanted: "x", Themes: []string{"time"}}
	must(t, "CreateLesson", svc.Lessons.CreateLesson(ada, l))

	_, err := svc.Lessons.FindLessonByID(bo, l.ID)
	wantCode(t, "FindLessonByID as another user", err, stride.ENOTFOUND)
	_, err = svc.Lessons.UpdateLesson(bo, l.ID, stride.LessonUpdate{Wanted: ptr("mine")})
	wantCode(t, "UpdateLesson as another user", err, stride.ENOTFOUND)
	wantCode(t, "DeleteLesson as another user", svc.Lessons.DeleteLesson(bo, l.ID), stride.ENOTFOUND)
	wantCode(t, "CreateLesson on another user's goal",
		svc.Lessons.CreateLesson(bo, &stride.Lesson{GoalID: &walk.ID, Day: d, Wanted: "x"}), stride.ENOTFOUND)
	_, err = svc.Lessons.FindLessons(bo, stride.LessonFilter{GoalID: &walk.ID})
	wantCode(t, "FindLessons by another user's goal", err, stride.ENOTFOUND)
	own := &stride.Lesson{Day: d, Wanted: "y", Themes: []string{"energy"}}
	must(t, "CreateLesson as bo", svc.Lessons.CreateLesson(bo, own))
	_, err = svc.Lessons.UpdateLesson(bo, own.ID, stride.LessonUpdate{GoalID: ptr(&walk.ID)})
	wantCode(t, "UpdateLesson to another user's goal", err, stride.ENOTFOUND)
	ls, err := svc.Lessons.FindLessons(bo, stride.LessonFilter{})
	must(t, "FindLessons as bo", err)
	if diff := cmp.Diff([]int64{own.ID}, lessonIDs(ls)); diff != "" {
		t.Errorf("bo's lessons (-want +got):\n%s", diff)
	}
	themes, err := svc.Lessons.LessonThemes(bo)
	must(t, "LessonThemes as bo", err)
	if len(themes) != 1 || themes[0].Name != "energy" {
		t.Errorf("bo's themes = %+v, want energy alone", themes)
	}
	got, err := svc.Lessons.FindLessonByID(ada, l.ID)
	must(t, "FindLessonByID as ada", err)
	if got.Wanted != "x" {
		t.Errorf("ada's lesson changed: %+v", got)
	}
}
