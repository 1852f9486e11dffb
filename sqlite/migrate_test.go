package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressly/goose/v3"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlstore"
)

// migratedTo returns a database at path made by the migrations up to
// version, and a store over it. Today's store writes goals.set_start_day,
// which 00007 adds: below 7 the column is added for the store to fill the
// database, and dropSetStart takes it away before the migrations run.
func migratedTo(t *testing.T, ctx context.Context, path string, version int64) (*sql.DB, *stride.Services) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, options{}))
	must(t, err)
	fsys, err := fs.Sub(migrations, "migrations")
	must(t, err)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys)
	must(t, err)
	_, err = p.UpTo(ctx, version)
	must(t, err)
	if version < 7 {
		_, err = db.ExecContext(ctx, `ALTER TABLE goals ADD COLUMN set_start_day INTEGER NOT NULL DEFAULT 0`)
		must(t, err)
	}
	return db, sqlstore.New(db, sqlstore.Options{IsUniqueViolation: isUniqueViolation, SerialWriters: true})
}

// dropSetStart takes away the column migratedTo added, once the store
// over the database is closed.
func dropSetStart(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, options{}))
	must(t, err)
	defer db.Close()
	_, err = db.Exec(`ALTER TABLE goals DROP COLUMN set_start_day`)
	must(t, err)
}

// TestMigrationKeepsRecords fills a database made by migrations 1-5, opens
// it (which applies 00006, rebuilding the tables with AUTOINCREMENT, and
// 00007) and checks that every goal, step, lesson and the board come
// through as they were, foreign keys intact, and that a new step's id
// follows the old ones.
func TestMigrationKeepsRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stride.db")
	_, old := migratedTo(t, ctx, path, 5)
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
	dropSetStart(t, path)

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

// TestMigrationFirstTargetFromStart opens a database as versions before
// 00007 left it: a goal whose start a step moved back while its first
// target kept the old day (and its "every 2 days" periods were counted
// from it), and one whose start moved past its first target. After the
// migration each goal's set start is its start, its first target begins on
// it, and momentum is what it was.
func TestMigrationFirstTargetFromStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stride.db")
	db, old := migratedTo(t, ctx, path, 6)
	u, err := old.Users.EnsureUser(ctx, "ada")
	must(t, err)
	ctx = stride.NewContextWithUser(ctx, u)
	today := stride.NewDate(2026, 12, 7)
	plants := &stride.Goal{Name: "plants", Start: today,
		Targets: []stride.Target{{From: today, Amount: 1, Count: true, Per: stride.PerDays, Every: 2}}}
	walk := &stride.Goal{Name: "walk", Unit: stride.MinutesUnit, Start: today - 20, Targets: []stride.Target{
		{From: today - 20, Amount: 30, Unit: stride.MinutesUnit, Per: stride.PerDay},
		{From: today - 10, Amount: 150, Unit: stride.MinutesUnit, Per: stride.PerWeek},
		{From: today - 5, Amount: 20, Unit: stride.MinutesUnit, Per: stride.PerDay},
	}}
	for _, g := range []*stride.Goal{plants, walk} {
		must(t, old.Goals.CreateGoal(ctx, g))
	}
	_, err = old.Steps.CreateStep(ctx, &stride.Step{GoalID: plants.ID, Day: today - 1, Amount: 1})
	must(t, err)
	_, err = old.Steps.CreateStep(ctx, &stride.Step{GoalID: walk.ID, Day: today - 3, Amount: 25})
	must(t, err)
	// What the older versions wrote: plants' first target stayed on its
	// old start; walk's start was moved past two of its targets.
	_, err = db.ExecContext(ctx, `UPDATE targets SET from_day = $1 WHERE goal_id = $2`, today.YMD(), plants.ID)
	must(t, err)
	_, err = db.ExecContext(ctx, `UPDATE goals SET start_day = $1 WHERE id = $2`, (today - 7).YMD(), walk.ID)
	must(t, err)
	before, err := old.Status.Status(ctx, today)
	must(t, err)
	must(t, old.Close())
	dropSetStart(t, path)

	svc, err := Open(path)
	must(t, err)
	t.Cleanup(func() { svc.Close() })
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	must(t, err)
	want := map[string][]stride.Target{
		"plants": {{From: today - 1, Amount: 1, Count: true, Per: stride.PerDays, Every: 2}},
		"walk": {{From: today - 7, Amount: 150, Unit: stride.MinutesUnit, Per: stride.PerWeek},
			{From: today - 5, Amount: 20, Unit: stride.MinutesUnit, Per: stride.PerDay}},
	}
	for _, g := range goals {
		if g.SetStart != g.Start {
			t.Errorf("%s: set start %s, want its start %s", g.Name, g.SetStart, g.Start)
		}
		if diff := cmp.Diff(want[g.Name], g.Targets); diff != "" {
			t.Errorf("%s: targets after the migration (-want +got):\n%s", g.Name, diff)
		}
	}
	after, err := svc.Status.Status(ctx, today)
	must(t, err)
	for i, st := range after {
		if st.Momentum != before[i].Momentum {
			t.Errorf("%s: momentum %v after the migration, %v before", st.Name, st.Momentum, before[i].Momentum)
		}
	}
	// The step yesterday is in the two days plants asks one time of.
	if p := after[0].Pace; p.From != today-1 || p.Done != 1 || p.State != stride.PaceMet {
		t.Errorf("plants' pace after the migration: %+v, want from %s, 1 done, met", p, today-1)
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

// TestNewerSchemaRefused: a database a newer stride brought up to date is
// not opened by this one, whose writes would leave out what it keeps.
func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	svc, err := Open(path)
	must(t, err)
	must(t, svc.Close())
	db, err := sql.Open("sqlite", dsn(path, options{}))
	must(t, err)
	_, err = db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (999, 1)`)
	must(t, err)
	must(t, db.Close())
	if svc, err := Open(path); err == nil {
		svc.Close()
		t.Fatal("a database of schema 999 was opened")
	} else if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(err.Error(), "newer stride") {
		t.Errorf("Open of a newer database: %v", err)
	}
}
