package storetest

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strideapp/stride"
)

// The backup tests (stride.BackupService): export, import into a fresh
// user, export again gives the same document; a second import creates
// nothing; a bad record anywhere writes nothing; a dry run writes nothing
// and counts the same; a document merges into goals the user has; and
// all of it stays within one user.

// backupToday is the day the backup tests look at boards on.
var backupToday = day(2025, 5, 1)

// fillBackup gives the context's user one or more of every kind of
// record: goals with a target history, a parent, milestones reached and
// not, a done-when met, pauses (over and open), skips, done and archived
// goals, steps with every field; lessons with themes, doubts with
// revisits, foci done and carried, a work with iterations and ships, and
// reviews with their summaries.
func fillBackup(t *testing.T, ctx context.Context, svc *stride.Services) {
	t.Helper()
	d := day(2025, 3, 3) // a Monday
	health := createGoal(t, ctx, svc, &stride.Goal{Name: "health", Start: d, Why: "to feel well",
		Targets: []stride.Target{{From: d, Amount: 1, Count: true, Per: stride.PerWeek}}})
	walk := walkGoal("walk", d)
	walk.Why, walk.SmallestStep, walk.DoneWhen = "to think clearly", "put on shoes", "a month of walks"
	walk.Milestones = []stride.Milestone{{Amount: 60}, {Amount: 100000}}
	walk.ParentID = &health.ID
	createGoal(t, ctx, svc, walk)
	read := createGoal(t, ctx, svc, &stride.Goal{Name: "Read", Unit: "pages", Start: d, DoneWhenAmount: ptr(50.0),
		Targets: []stride.Target{{From: d, Amount: 20, Unit: "pages", Per: stride.PerWeek}}})
	coffee := createGoal(t, ctx, svc, &stride.Goal{Name: "coffee", Unit: "cups", Direction: stride.AtMost, Start: d,
		Targets: []stride.Target{{From: d, Amount: 2, Unit: "cups", Per: stride.PerDay}}})
	meditate := createGoal(t, ctx, svc, &stride.Goal{Name: "meditate", Start: d,
		Targets: []stride.Target{{From: d, Amount: 3, Count: true, Per: stride.PerDays, Every: 7}}})
	old := createGoal(t, ctx, svc, &stride.Goal{Name: "old habit", Start: d,
		Targets: []stride.Target{{From: d, Amount: 1, Count: true, Per: stride.PerDay}}})
	done := createGoal(t, ctx, svc, &stride.Goal{Name: "finished", Start: d, DoneWhen: "ten sessions",
		Targets: []stride.Target{{From: d, Amount: 1, Count: true, Per: stride.PerDay}}})
	resting := createGoal(t, ctx, svc, &stride.Goal{Name: "resting", Unit: "km", Start: d,
		Targets: []stride.Target{{From: d, Amount: 10, Unit: "km", Per: stride.PerMonth}}})

	_, err := svc.Goals.SetTarget(ctx, walk.ID, stride.Target{From: d + 14, Amount: 45, Unit: stride.MinutesUnit, Per: stride.PerDay})
	must(t, "SetTarget", err)
	for i := range 30 {
		s := &stride.Step{GoalID: walk.ID, Day: d + stride.Date(i), Amount: float64(10 + i%7*5)}
		if i%3 == 0 {
			s.Time, s.Effort, s.Energy = ptr(7*60+i), ptr(float64(20+i)), ptr(1+i%5)
			s.Note, s.Learned, s.RequestID = "walk "+s.Day.String(), "pace yourself", "req-"+s.Day.String()
		}
		if i%8 == 7 {
			must(t, "SkipDay", svc.Goals.SkipDay(ctx, walk.ID, s.Day))
			continue
		}
		_, err := svc.Steps.CreateStep(ctx, s)
		must(t, "CreateStep walk", err)
	}
	for i, a := range []float64{12.5, 20, 18.25} { // crosses the done-when amount of 50
		_, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: read.ID, Day: d + stride.Date(3*i), Amount: a, Note: "chapter"})
		must(t, "CreateStep read", err)
	}
	must(t, "CreateSteps coffee", svc.Steps.CreateSteps(ctx, []*stride.Step{
		{GoalID: coffee.ID, Day: d, Amount: 1}, {GoalID: coffee.ID, Day: d, Amount: 2, Time: ptr(15 * 60)},
		{GoalID: coffee.ID, Day: d + 1, Amount: 3, Note: "long night"},
	}))
	for i := range 6 {
		logStep(t, ctx, svc, meditate.ID, d+stride.Date(2*i), 1)
		logStep(t, ctx, svc, done.ID, d+stride.Date(i), 1)
	}
	logStep(t, ctx, svc, old.ID, d+1, 1)
	logStep(t, ctx, svc, resting.ID, d+2, 4.2)
	_, err = svc.Goals.PauseGoal(ctx, meditate.ID, d+20, ptr(d+25))
	must(t, "PauseGoal over", err)
	_, err = svc.Goals.ResumeGoal(ctx, meditate.ID, d+25)
	must(t, "ResumeGoal", err)
	_, err = svc.Goals.PauseGoal(ctx, resting.ID, d+30, nil)
	must(t, "PauseGoal open", err)
	_, err = svc.Goals.SetGoalState(ctx, old.ID, stride.GoalArchived)
	must(t, "archive", err)
	_, err = svc.Goals.SetGoalState(ctx, done.ID, stride.GoalDone)
	must(t, "done", err)
	_, err = svc.Goals.UpdateGoal(ctx, done.ID, stride.GoalUpdate{DoneWhenMet: ptr(ptr(d + 5))})
	must(t, "mark met", err)

	if svc.Lessons != nil {
		for _, l := range []*stride.Lesson{
			{GoalID: &walk.ID, Day: d + 7, Wanted: "walk daily", Happened: "rain", Options: "a treadmill", Next: "walk at lunch",
				Themes: []string{"weather", "time"}},
			{Day: d + 9, Happened: "tired", Themes: []string{"energy"}},
		} {
			must(t, "CreateLesson", svc.Lessons.CreateLesson(ctx, l))
		}
	}
	if svc.Doubts != nil {
		doubt := &stride.Doubt{Day: d + 4, Text: "I am not a walker", Against: "29 walks in a month", Reframe: "I walk"}
		must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ctx, doubt))
		_, err := svc.Doubts.RevisitDoubt(ctx, doubt.ID, stride.Revisit{Day: d + 20, Holds: false, Note: "it does not"})
		must(t, "RevisitDoubt", err)
		must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ctx, &stride.Doubt{Day: d + 6, Text: "too late to start"}))
	}
	if svc.Focus != nil {
		f := &stride.Focus{Day: d, Text: "plan the route"}
		must(t, "SetFocus", svc.Focus.SetFocus(ctx, f))
		_, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: ptr(true)})
		must(t, "UpdateFocus", err)
		must(t, "SetFocus", svc.Focus.SetFocus(ctx, &stride.Focus{Day: d + 1, Text: "buy shoes"}))
		must(t, "SetFocus carried", svc.Focus.SetFocus(ctx, &stride.Focus{Day: d + 2, Text: "buy shoes", CarriedFrom: ptr(d + 1)}))
	}
	if svc.Works != nil {
		essay := &stride.Work{Name: "Essay", GoalID: &read.ID, DoneWhen: "three readers find it clear", NudgeAfter: 2}
		must(t, "CreateWork", svc.Works.CreateWork(ctx, essay))
		for _, it := range []*stride.Iteration{
			{Kind: stride.IterationChange, Day: d, Changed: "outline", Effort: ptr(30.0)},
			{Kind: stride.IterationShip, Day: d + 2, Note: "sent to Ann"},
			{Kind: stride.IterationChange, Day: d + 5, Changed: "cut a section", Feedback: "too long"},
		} {
			_, err := svc.Works.AddIteration(ctx, essay.ID, it)
			must(t, "AddIteration", err)
		}
		must(t, "CreateWork", svc.Works.CreateWork(ctx, &stride.Work{Name: "talk"}))
	}
	if svc.Reviews != nil {
		// The first review's summary is computed by the store: goals,
		// wins and lessons with their ids.
		must(t, "SaveReview", svc.Reviews.SaveReview(ctx, &stride.Review{Week: d + 7, WentWell: "walked most days",
			Learned: "mornings work", Obstacles: "rain", NextFocus: "book the race"}))
		must(t, "SaveReview", svc.Reviews.SaveReview(ctx, &stride.Review{Week: d, WentWell: "started",
			Summary: &stride.WeekSummary{From: d, To: d + 6, Steps: 3}}))
	}
}

// recordsOf counts the records of a document as an import summary counts
// them: what a first import into an empty account creates.
func recordsOf(doc *stride.Backup) stride.ImportSummary {
	s := stride.ImportSummary{Goals: len(doc.Goals), Lessons: len(doc.Lessons), Doubts: len(doc.Doubts),
		Focus: len(doc.Focus), Works: len(doc.Works), Reviews: len(doc.Reviews)}
	for _, g := range doc.Goals {
		s.Steps += len(g.Steps)
		s.Skips += len(g.Skips)
		s.Pauses += len(g.Pauses)
	}
	for _, w := range doc.Works {
		s.Iterations += len(w.Iterations)
	}
	return s
}

func total(s stride.ImportSummary) int {
	return s.Goals + s.Steps + s.Skips + s.Pauses + s.Lessons + s.Doubts + s.Focus + s.Works + s.Iterations + s.Reviews
}

// counts drops the days and the dry-run mark of a summary.
func counts(s *stride.ImportSummary) stride.ImportSummary {
	c := *s
	c.From, c.To, c.DryRun = nil, nil, false
	return c
}

// normalBackup returns a copy of doc that leaves out what must differ
// between two exports of the same record: the ids (each replaced by the
// record's place in the document, so that references must still point at
// the same records), the user's name, the export time; totals are rounded
// to 1e-9, as a store may sum in another order.
func normalBackup(t *testing.T, doc *stride.Backup) *stride.Backup {
	t.Helper()
	b, err := json.Marshal(doc)
	must(t, "marshal backup", err)
	var c stride.Backup
	must(t, "unmarshal backup", json.Unmarshal(b, &c))
	c.ExportedAt, c.User.Name = time.Time{}, ""
	goals, steps, works, lessons, foci := map[int64]int64{}, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	for i, g := range c.Goals {
		goals[g.ID] = int64(i + 1)
		for j, s := range g.Steps {
			steps[s.ID] = int64((i+1)*100000 + j)
		}
	}
	for i, w := range c.Works {
		works[w.ID] = int64(i + 1)
	}
	for i, l := range c.Lessons {
		lessons[l.ID] = int64(i + 1)
	}
	for i, f := range c.Focus {
		foci[f.ID] = int64(i + 1)
	}
	ptrTo := func(m map[int64]int64, id *int64) *int64 {
		if id == nil {
			return nil
		}
		v, ok := m[*id]
		if !ok {
			v = -1 // a reference to nothing of the document
		}
		return &v
	}
	for _, g := range c.Goals {
		g.ID, g.ParentID = goals[g.ID], ptrTo(goals, g.ParentID)
		g.Total = math.Round(g.Total*1e9) / 1e9
		for i := range g.Milestones {
			g.Milestones[i].StepID = ptrTo(steps, g.Milestones[i].StepID)
		}
		for _, s := range g.Steps {
			s.ID, s.GoalID = steps[s.ID], goals[s.GoalID]
		}
	}
	for _, l := range c.Lessons {
		l.ID, l.GoalID = lessons[l.ID], ptrTo(goals, l.GoalID)
	}
	for _, d := range c.Doubts {
		d.ID = 0
	}
	for _, f := range c.Focus {
		f.ID = foci[f.ID]
	}
	for _, w := range c.Works {
		w.ID, w.GoalID = works[w.ID], ptrTo(goals, w.GoalID)
		for _, it := range w.Iterations {
			it.ID, it.WorkID = 0, works[it.WorkID]
		}
	}
	for _, r := range c.Reviews {
		r.ID = 0
		if s := r.Summary; s != nil {
			for i := range s.Goals {
				s.Goals[i].GoalID = *ptrTo(goals, &s.Goals[i].GoalID)
			}
			for i := range s.Works {
				s.Works[i].WorkID = *ptrTo(works, &s.Works[i].WorkID)
			}
			for _, w := range s.Wins {
				w.GoalID, w.WorkID = ptrTo(goals, w.GoalID), ptrTo(works, w.WorkID)
			}
			for _, l := range s.Lessons {
				l.ID, l.GoalID = *ptrTo(lessons, &l.ID), ptrTo(goals, l.GoalID)
			}
			for _, f := range s.Focus {
				f.ID = *ptrTo(foci, &f.ID)
			}
		}
	}
	return &c
}

// wipe deletes everything the context's user has, for services where the
// test cannot make a second user (the API client).
func wipe(t *testing.T, ctx context.Context, svc *stride.Services) {
	t.Helper()
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, "FindGoals", err)
	for _, g := range goals {
		must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, g.ID))
	}
	if svc.Lessons != nil {
		ls, err := svc.Lessons.FindLessons(ctx, stride.LessonFilter{})
		must(t, "FindLessons", err)
		for _, l := range ls {
			must(t, "DeleteLesson", svc.Lessons.DeleteLesson(ctx, l.ID))
		}
	}
	if svc.Doubts != nil {
		ds, err := svc.Doubts.FindDoubts(ctx, stride.DoubtFilter{})
		must(t, "FindDoubts", err)
		for _, d := range ds {
			must(t, "DeleteDoubt", svc.Doubts.DeleteDoubt(ctx, d.ID))
		}
	}
	if svc.Focus != nil {
		fs, err := svc.Focus.FindFoci(ctx, stride.FocusFilter{})
		must(t, "FindFoci", err)
		for _, f := range fs {
			must(t, "DeleteFocus", svc.Focus.DeleteFocus(ctx, f.ID))
		}
	}
	if svc.Works != nil {
		ws, err := svc.Works.FindWorks(ctx, stride.WorkFilter{})
		must(t, "FindWorks", err)
		for _, w := range ws {
			must(t, "DeleteWork", svc.Works.DeleteWork(ctx, w.ID))
		}
	}
	if svc.Reviews != nil {
		rs, err := svc.Reviews.FindReviews(ctx, stride.ReviewFilter{})
		must(t, "FindReviews", err)
		for _, r := range rs {
			must(t, "DeleteReview", svc.Reviews.DeleteReview(ctx, r.Week))
		}
	}
}

// freshUser returns a context for an account with nothing in it: a new
// user, or with the API client (whose token fixes the user) the same user
// wiped.
func freshUser(t *testing.T, ctx context.Context, svc *stride.Services, opts Options, name string) context.Context {
	t.Helper()
	if opts.RemoteUser {
		wipe(t, ctx, svc)
		return ctx
	}
	return userCtx(t, svc, name)
}

func exportOf(t *testing.T, ctx context.Context, svc *stride.Services) *stride.Backup {
	t.Helper()
	doc, err := svc.Backup.ExportBackup(ctx, time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC))
	must(t, "ExportBackup", err)
	return doc
}

func importDoc(t *testing.T, ctx context.Context, svc *stride.Services, doc *stride.Backup, opts stride.ImportOptions) *stride.ImportSummary {
	t.Helper()
	sum, err := svc.Backup.ImportBackup(ctx, doc, opts)
	must(t, "ImportBackup", err)
	return sum
}

// board is the user's board with what must differ between two users
// left out: ids (a parent's too) and the goals' own records.
func board(t *testing.T, ctx context.Context, svc *stride.Services) []*stride.GoalStatus {
	t.Helper()
	b, err := svc.Status.Status(ctx, backupToday)
	must(t, "Status", err)
	return b
}

var boardOpts = cmp.Options{approx, cmpopts.IgnoreFields(stride.GoalStatus{}, "ID", "Goal", "ParentID")}

func testBackupRoundTrip(t *testing.T, svc *stride.Services, opts Options) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	if !opts.RemoteUser {
		u := &stride.User{Name: "cy", TimeZone: "Europe/Paris", WeekStart: time.Monday}
		must(t, "CreateUser", svc.Users.CreateUser(context.Background(), u))
		ctx = stride.NewContextWithUser(context.Background(), u)
	}
	fillBackup(t, ctx, svc)
	before := board(t, ctx, svc) // its reads store checkpoints: the import must not care
	doc := exportOf(t, ctx, svc)
	if doc.Format != stride.BackupFormat || doc.Version != stride.BackupVersion || len(doc.Goals) != 8 {
		t.Fatalf("export: format %q version %d, %d goals", doc.Format, doc.Version, len(doc.Goals))
	}
	for i := 1; i < len(doc.Goals); i++ {
		if doc.Goals[i-1].ID >= doc.Goals[i].ID {
			t.Errorf("goals are not in id order: %d before %d", doc.Goals[i-1].ID, doc.Goals[i].ID)
		}
	}
	if again := exportOf(t, ctx, svc); !cmp.Equal(doc, again) {
		t.Errorf("two exports of the same record differ:\n%s", cmp.Diff(doc, again))
	}
	// Through JSON, as a file would carry it.
	b, err := json.Marshal(doc)
	must(t, "marshal", err)
	var file stride.Backup
	must(t, "unmarshal", json.Unmarshal(b, &file))

	fresh := freshUser(t, ctx, svc, opts, "bea")
	sum := importDoc(t, fresh, svc, &file, stride.ImportOptions{})
	if diff := cmp.Diff(recordsOf(doc), counts(sum)); diff != "" {
		t.Errorf("import into an empty account: summary (-records of the document +created):\n%s", diff)
	}
	if sum.From == nil || sum.To == nil || *sum.From != day(2025, 3, 3) || *sum.To != day(2025, 4, 2) {
		t.Errorf("summary days %v to %v, want 2025-03-03 to 2025-04-02", sum.From, sum.To)
	}
	back := exportOf(t, fresh, svc)
	if diff := cmp.Diff(normalBackup(t, doc), normalBackup(t, back)); diff != "" {
		t.Errorf("export, import, export (-first +second, ids aside):\n%s", diff)
	}
	if !opts.RemoteUser && (back.User.TimeZone != "Europe/Paris" || back.User.WeekStart != time.Monday) {
		t.Errorf("a restore into a new account: time zone %q week start %v, want the backup's", back.User.TimeZone, back.User.WeekStart)
	}
	if diff := cmp.Diff(before, board(t, fresh, svc), boardOpts); diff != "" {
		t.Errorf("the board after a restore (-before +after):\n%s", diff)
	}
}

func testBackupIdempotent(t *testing.T, svc *stride.Services, opts Options) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	fillBackup(t, ctx, svc)
	doc := exportOf(t, ctx, svc)
	n := total(recordsOf(doc))

	// Into the account it came from: everything is there already, found
	// by name, day and content (no import made it).
	sum := importDoc(t, ctx, svc, doc, stride.ImportOptions{})
	if diff := cmp.Diff(stride.ImportSummary{Existing: n}, *sum); diff != "" {
		t.Errorf("a backup imported into its own account created something (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(normalBackup(t, doc), normalBackup(t, exportOf(t, ctx, svc))); diff != "" {
		t.Errorf("the account changed (-before +after):\n%s", diff)
	}

	fresh := freshUser(t, ctx, svc, opts, "bea")
	first := importDoc(t, fresh, svc, doc, stride.ImportOptions{})
	if total(counts(first)) != n || first.Existing != 0 {
		t.Errorf("first import: %+v, want %d records created", first, n)
	}
	after := exportOf(t, fresh, svc)
	for i := range 2 {
		sum := importDoc(t, fresh, svc, doc, stride.ImportOptions{})
		if diff := cmp.Diff(stride.ImportSummary{Existing: n}, *sum); diff != "" {
			t.Errorf("import %d of the same document created something (-want +got):\n%s", i+2, diff)
		}
	}
	if diff := cmp.Diff(after, exportOf(t, fresh, svc)); diff != "" {
		t.Errorf("a repeated import changed the account (-before +after):\n%s", diff)
	}

	// Found by the keys of the first import even after a rename; a step
	// deleted since is imported again.
	goals, err := svc.Goals.FindGoals(fresh, stride.GoalFilter{Name: ptr("walk")})
	must(t, "FindGoals", err)
	_, err = svc.Goals.UpdateGoal(fresh, goals[0].ID, stride.GoalUpdate{Name: ptr("walking")})
	must(t, "rename", err)
	steps, err := svc.Steps.FindSteps(fresh, stride.StepFilter{GoalID: &goals[0].ID})
	must(t, "FindSteps", err)
	must(t, "DeleteStep", svc.Steps.DeleteStep(fresh, steps[0].ID))
	sum = importDoc(t, fresh, svc, doc, stride.ImportOptions{})
	if diff := cmp.Diff(stride.ImportSummary{Steps: 1, Existing: n - 1, From: &steps[0].Day, To: &steps[0].Day}, *sum); diff != "" {
		t.Errorf("import after a rename and a deleted step (-want +got):\n%s", diff)
	}
	if g := findGoal(t, fresh, svc, goals[0].ID); g.Name != "walking" || g.Total != goals[0].Total {
		t.Errorf("the renamed goal after the import: %q total %v, want walking and %v", g.Name, g.Total, goals[0].Total)
	}

	// Another source remembers its own keys: a Loop import of the same
	// goal is matched by name and content, not by stride's ids.
	loop := &stride.Backup{Format: stride.BackupFormat, Version: 1, Goals: []*stride.BackupGoal{{
		Goal:     stride.Goal{Name: "meditate", Start: day(2025, 3, 3), Targets: []stride.Target{{Amount: 1, Count: true, Per: stride.PerDay}}},
		SourceID: "loop-csv:001 Meditate",
		Steps:    []*stride.Step{{Day: day(2025, 3, 3), Amount: 1}, {Day: day(2025, 4, 20), Amount: 1, Note: "new"}},
	}}}
	sum = importDoc(t, fresh, svc, loop, stride.ImportOptions{Source: "loop-csv"})
	if sum.Goals != 0 || sum.Steps != 1 || sum.Existing != 2 {
		t.Errorf("loop import into an existing goal: %+v, want the goal and one step existing, one step new", sum)
	}
	sum = importDoc(t, fresh, svc, loop, stride.ImportOptions{Source: "loop-csv"})
	if sum.Steps != 0 || sum.Existing != 3 {
		t.Errorf("loop import again: %+v, want nothing new", sum)
	}
}

// badBackup is a document whose second goal has a step with no amount in
// the middle of many good ones.
func badBackup() *stride.Backup {
	d := day(2025, 3, 3)
	mk := func(id int64, name string) *stride.BackupGoal {
		g := &stride.BackupGoal{Goal: *walkGoal(name, d)}
		g.ID = id
		for i := range 1200 { // more than one insert batch
			g.Steps = append(g.Steps, &stride.Step{ID: id*10000 + int64(i), Day: d + stride.Date(i%90), Amount: 5})
		}
		return g
	}
	doc := &stride.Backup{Format: stride.BackupFormat, Version: stride.BackupVersion,
		Goals: []*stride.BackupGoal{mk(1, "walk"), mk(2, "Run"), mk(3, "swim")},
		Focus: []*stride.Focus{{Day: d, Text: "start"}}}
	doc.Goals[1].Steps[600].Amount = 0
	return doc
}

func testBackupAllOrNothing(t *testing.T, svc *stride.Services, opts Options) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	empty := exportOf(t, ctx, svc)
	nothing := func(what string) {
		t.Helper()
		if diff := cmp.Diff(empty, exportOf(t, ctx, svc)); diff != "" {
			t.Errorf("%s wrote something (-before +after):\n%s", what, diff)
		}
	}
	check := func(what string, doc *stride.Backup, code string, says ...string) {
		t.Helper()
		_, err := svc.Backup.ImportBackup(ctx, doc, stride.ImportOptions{})
		wantCode(t, what, err, code)
		if msg := stride.ErrorMessage(err); !containsAll(msg, says...) {
			t.Errorf("%s: message %q, want it to say %q", what, msg, says)
		}
		nothing(what)
	}
	check("a step without an amount", badBackup(), stride.EINVALID, `goal 2 "Run", step 20600: amount must be more than 0`)

	doc := badBackup()
	doc.Goals[1].Steps[600].Amount = 5
	doc.Goals[2].Skips = []stride.Date{day(1066, 10, 14)}
	check("a skip centuries ago", doc, stride.EINVALID, `goal 3 "swim"`, "skip", "1066-10-14")

	doc = badBackup()
	doc.Goals[1].Steps[600].Amount = 5
	doc.Lessons = []*stride.Lesson{{ID: 4, Day: day(2025, 3, 3), Wanted: "x", GoalID: ptr(int64(9))}}
	check("a lesson of a goal not in the backup", doc, stride.EINVALID, "lesson 4", "goal_id 9")

	doc.Lessons = nil
	doc.Goals[0].Targets[0].Per = "fortnight"
	check("a bad target", doc, stride.EINVALID, `goal 1 "walk"`, "fortnight")

	check("another format", &stride.Backup{Format: "loop"}, stride.EINVALID, "not a stride backup")
	check("a newer version", &stride.Backup{Format: stride.BackupFormat, Version: 99}, stride.EINVALID, "version 99")

	// A fault found late, after every row was written: the settings of a
	// restore into an empty account. The transaction takes it all back.
	doc = badBackup()
	doc.Goals[1].Steps[600].Amount = 5
	doc.User = stride.BackupUser{Name: "ada", TimeZone: "Mars/Olympus_Mons"}
	check("a time zone unknown", doc, stride.EINVALID, "Mars/Olympus_Mons")

	// A goal the user has, of another kind: a conflict that says how to
	// resolve it, and nothing written.
	run := createGoal(t, ctx, svc, &stride.Goal{Name: "run", Start: day(2025, 3, 3),
		Targets: []stride.Target{{Amount: 1, Count: true, Per: stride.PerDay}}})
	empty = exportOf(t, ctx, svc)
	doc.User.TimeZone = ""
	check("a goal of another kind", doc, stride.ECONFLICT, `goal 2 "Run" counts min`, `your goal "run" counts times`, "rename your goal or the goal in the file")
	must(t, "DeleteGoal", svc.Goals.DeleteGoal(ctx, run.ID))

	sum := importDoc(t, ctx, svc, doc, stride.ImportOptions{})
	if sum.Goals != 3 || sum.Steps != 3600 || sum.Focus != 1 {
		t.Errorf("the document put right: %+v, want 3 goals, 3600 steps, a focus", sum)
	}
	_ = opts
}

func testBackupDryRun(t *testing.T, svc *stride.Services, opts Options) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	fillBackup(t, ctx, svc)
	doc := exportOf(t, ctx, svc)
	fresh := freshUser(t, ctx, svc, opts, "bea")
	empty := exportOf(t, fresh, svc)
	dry := importDoc(t, fresh, svc, doc, stride.ImportOptions{DryRun: true})
	if !dry.DryRun {
		t.Errorf("a dry run's summary is not marked: %+v", dry)
	}
	if diff := cmp.Diff(empty, exportOf(t, fresh, svc)); diff != "" {
		t.Errorf("a dry run wrote (-before +after):\n%s", diff)
	}
	if b := board(t, fresh, svc); len(b) != 0 {
		t.Errorf("the board after a dry run shows %d goals", len(b))
	}
	real := importDoc(t, fresh, svc, doc, stride.ImportOptions{})
	if real.DryRun {
		t.Errorf("a real run's summary is marked dry")
	}
	real.DryRun = true
	if diff := cmp.Diff(dry, real); diff != "" {
		t.Errorf("dry run and real run differ (-dry +real):\n%s", diff)
	}
	dry = importDoc(t, fresh, svc, doc, stride.ImportOptions{DryRun: true})
	if dry.Existing != total(recordsOf(doc)) || total(counts(dry)) != 0 {
		t.Errorf("a dry run after the import: %+v, want everything existing", dry)
	}
}

func testBackupMerge(t *testing.T, svc *stride.Services, opts Options) {
	needService(t, svc.Backup != nil, "backup")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	walk := createGoal(t, ctx, svc, walkGoal("walk", d))
	walk.Milestones = nil
	for i := range 40 {
		logStep(t, ctx, svc, walk.ID, d+stride.Date(i), 10)
	}
	// Reads store checkpoints; the import changes old days under them.
	ref := newRef(findGoal(t, ctx, svc, walk.ID))
	for i := range 40 {
		ref.addStep(d+stride.Date(i), 10)
	}
	checkGoal(t, ctx, svc, ref, d+60)

	doc := &stride.Backup{Format: stride.BackupFormat, Version: stride.BackupVersion, Goals: []*stride.BackupGoal{
		{Goal: stride.Goal{ID: 7, Name: "Walk", Unit: "minutes", Start: d - 10,
			Targets: []stride.Target{{Amount: 20, Unit: "min", Per: stride.PerDay}}},
			Steps: []*stride.Step{
				{ID: 70, Day: d + 2, Amount: 10},            // the user has it
				{ID: 71, Day: d - 3, Amount: 20},            // before the goal's start: moves it
				{ID: 72, Day: d + 20, Amount: 5, Note: "x"}, // same day, another note: new
			},
			Skips: []stride.Date{d + 45}},
		{Goal: stride.Goal{ID: 8, Name: "swim", Unit: "km", Start: d, ParentID: ptr(int64(7)),
			Targets: []stride.Target{{Amount: 3, Unit: "km", Per: stride.PerWeek}}},
			Steps: []*stride.Step{{ID: 80, Day: d + 1, Amount: 1.5}}},
	}, Lessons: []*stride.Lesson{{ID: 3, GoalID: ptr(int64(7)), Day: d + 2, Happened: "blisters"}}}
	sum := importDoc(t, ctx, svc, doc, stride.ImportOptions{Source: "test"})
	want := stride.ImportSummary{Goals: 1, Steps: 3, Skips: 1, Lessons: 1, Existing: 2, From: ptr(d - 3), To: ptr(d + 45)}
	if diff := cmp.Diff(want, *sum); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
	ref.addStep(d-3, 20)
	ref.addStep(d+20, 5)
	ref.skips[d+45] = true
	checkGoal(t, ctx, svc, ref, d+60)
	checkHistory(t, ctx, svc, ref, d-5, d+60)
	swim, err := svc.Goals.FindGoalByName(ctx, "swim")
	must(t, "FindGoalByName", err)
	if swim.ParentID == nil || *swim.ParentID != walk.ID || swim.Total != 1.5 {
		t.Errorf("swim: parent %v total %v, want the user's walk (%d) and 1.5", swim.ParentID, swim.Total, walk.ID)
	}
	if svc.Lessons != nil {
		ls, err := svc.Lessons.FindLessons(ctx, stride.LessonFilter{GoalID: &walk.ID})
		must(t, "FindLessons", err)
		if len(ls) != 1 || ls[0].Happened != "blisters" {
			t.Errorf("the lesson of the merged goal: %+v", ls)
		}
	}

	// A goal of the same name counted in another unit, or another kind.
	for _, c := range []struct {
		unit, says string
	}{{"km", `goal "walk" counts km, but your goal "walk" counts min`}, {"", `counts times (a check), but your goal "walk" counts min`}} {
		doc := &stride.Backup{Format: stride.BackupFormat, Version: 1, Goals: []*stride.BackupGoal{{
			Goal: stride.Goal{Name: "walk", Unit: c.unit, Start: d,
				Targets: []stride.Target{{Amount: 1, Unit: c.unit, Count: c.unit == "", Per: stride.PerDay}}}}}}
		_, err := svc.Backup.ImportBackup(ctx, doc, stride.ImportOptions{})
		wantCode(t, "merge into a goal of another unit", err, stride.ECONFLICT)
		// what to do, and no command or page: each front end adds its own
		if msg := stride.ErrorMessage(err); !containsAll(msg, c.says, "rename your goal or the goal in the file, then import again") ||
			strings.Contains(msg, "stride ") || strings.Contains(msg, "/goals") {
			t.Errorf("conflict says %q, want %q and how to resolve it, naming no command", msg, c.says)
		}
		if bg, g := stride.ImportClash(doc, []*stride.Goal{walk}); bg != doc.Goals[0] || g != walk {
			t.Errorf("ImportClash finds %v, %v: want the file's walk and yours", bg, g)
		}
	}
	_ = opts
}

func testBackupScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Backup != nil, "backup")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	fillBackup(t, ada, svc)
	createGoal(t, bo, svc, walkGoal("bo's own", day(2025, 3, 3)))
	adaDoc := exportOf(t, ada, svc)
	boDoc := exportOf(t, bo, svc)
	if len(boDoc.Goals) != 1 || len(boDoc.Lessons)+len(boDoc.Doubts)+len(boDoc.Focus)+len(boDoc.Works)+len(boDoc.Reviews) != 0 {
		t.Fatalf("bo's export holds another's records: %d goals", len(boDoc.Goals))
	}
	if b, _ := json.Marshal(adaDoc); strings.Contains(string(b), "bo's own") {
		t.Errorf("ada's export holds bo's goal")
	}
	// bo imports ada's document twice: ada's keys are hers, so bo's first
	// import creates everything, and ada's account does not change.
	first := importDoc(t, bo, svc, adaDoc, stride.ImportOptions{})
	if diff := cmp.Diff(recordsOf(adaDoc), counts(first)); diff != "" {
		t.Errorf("bo's import (-records +created):\n%s", diff)
	}
	if again := importDoc(t, bo, svc, adaDoc, stride.ImportOptions{}); again.Existing != total(recordsOf(adaDoc)) {
		t.Errorf("bo's second import: %+v", again)
	}
	if diff := cmp.Diff(adaDoc, exportOf(t, ada, svc)); diff != "" {
		t.Errorf("bo's imports changed ada's account (-before +after):\n%s", diff)
	}
	_, err := svc.Backup.ExportBackup(context.Background(), time.Now())
	wantCode(t, "ExportBackup without a user", err, stride.EUNAUTHORIZED)
	_, err = svc.Backup.ImportBackup(context.Background(), adaDoc, stride.ImportOptions{})
	wantCode(t, "ImportBackup without a user", err, stride.EUNAUTHORIZED)
}
