package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressly/goose/v3"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlstore"
)

// TestMigrationKeepsRecords fills a database made by migrations 1-5, opens
// it (which applies 00006, rebuilding the tables with AUTOINCREMENT) and
// checks that every goal, step, lesson and the board come through as they
// were, foreign keys intact, and that a new step's id follows the old ones.
func TestMigrationKeepsRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stride.db")
	db, err := sql.Open("sqlite", dsn(path, options{}))
	must(t, err)
	fsys, err := fs.Sub(migrations, "migrations")
	must(t, err)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys)
	must(t, err)
	_, err = p.UpTo(ctx, 5)
	must(t, err)

	old := sqlstore.New(db, sqlstore.Options{IsUniqueViolation: isUniqueViolation, SerialWriters: true})
	u, err := old.Users.EnsureUser(ctx, "ada")
	must(t, err)
	ctx = stride.NewContextWithUser(ctx, u)
	start := stride.NewDate(2025, 3, 1)
	today := start + 20
	var goals []*stride.Goal
	for _, name := range []string{"walk", "read"} {
		g := &stride.Goal{Name: name, Unit: stride.MinutesUnit, Start: start,
			Targets: []stride.Target{{From: start, Amount: 30, Unit: stride.MinutesUnit, Per: stride.PerDay}}}
		must(t, old.Goals.CreateGoal(ctx, g))
		goals = append(goals, g)
	}
	var last int64
	for d := start; d < today; d += 2 {
		c, err := old.Steps.CreateStep(ctx, &stride.Step{GoalID: goals[int(d)%2].ID, Day: d, Amount: 20, Note: "by the river"})
		must(t, err)
		last = c.Step.ID
	}
	l := &stride.Lesson{GoalID: &goals[0].ID, Day: start + 3, Wanted: "walk daily", Happened: "rain"}
	must(t, old.Lessons.CreateLesson(ctx, l))
	before := snapshot(t, ctx, old, today)
	must(t, old.Close())

	svc, err := Open(path)
	must(t, err)
	t.Cleanup(func() { svc.Close() })
	if diff := cmp.Diff(before, snapshot(t, ctx, svc, today)); diff != "" {
		t.Errorf("records after migration 00006 (-before +after):\n%s", diff)
	}
	c, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: goals[0].ID, Day: today, Amount: 5})
	must(t, err)
	if c.Step.ID != last+1 {
		t.Errorf("the first step after the migration has id %d, want %d", c.Step.ID, last+1)
	}

	check, err := sql.Open("sqlite", path)
	must(t, err)
	defer check.Close()
	var n int
	must(t, check.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&n))
	var ok string
	must(t, check.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
	if n != 0 || ok != "ok" {
		t.Errorf("after migration 00006: %d foreign key violations, integrity %q", n, ok)
	}
}

// records is what a user sees of their data, for comparing across a
// migration.
type records struct {
	Goals   []*stride.Goal
	Steps   []*stride.Step
	Lessons []*stride.Lesson
	Board   []*stride.GoalStatus
}

func snapshot(t *testing.T, ctx context.Context, svc *stride.Services, today stride.Date) records {
	t.Helper()
	var r records
	var err error
	r.Goals, err = svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, err)
	r.Steps, err = svc.Steps.FindSteps(ctx, stride.StepFilter{})
	must(t, err)
	r.Lessons, err = svc.Lessons.FindLessons(ctx, stride.LessonFilter{})
	must(t, err)
	r.Board, err = svc.Status.Status(ctx, today)
	must(t, err)
	return r
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
