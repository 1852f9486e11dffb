package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlite"
	"github.com/strideapp/stride/storetest"
)

func open(t *testing.T) *stride.Services {
	t.Helper()
	svc, err := sqlite.Open(filepath.Join(t.TempDir(), "sub", "stride.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// The server's configuration: durable commits with group commit, the path
// every concurrent CreateStep of the suite then takes.
func TestConformanceDurable(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *stride.Services {
		svc, err := sqlite.Open(filepath.Join(t.TempDir(), "stride.db"), sqlite.WithDurableCommits())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { svc.Close() })
		return svc
	})
}

// TestShared runs the tests of several instances over one file, in both
// configurations.
func TestShared(t *testing.T) {
	for _, c := range []struct {
		name string
		opts []sqlite.Option
	}{
		{"default", nil},
		{"durable", []sqlite.Option{sqlite.WithDurableCommits()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			storetest.RunShared(t, func(t *testing.T) func(t *testing.T) *stride.Services {
				path := filepath.Join(t.TempDir(), "stride.db")
				return func(t *testing.T) *stride.Services {
					svc, err := sqlite.Open(path, c.opts...)
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { svc.Close() })
					return svc
				}
			})
		})
	}
}

// TestReopen checks that a migrated database opens again through the fast
// path and keeps its data.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stride.db")
	for i := range 3 {
		svc, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		u, err := svc.Users.EnsureUser(context.Background(), "ada")
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && u.ID != 1 {
			t.Errorf("open %d: user id %d, want the first user", i, u.ID)
		}
		svc.Close()
	}
}

// TestCheckpointsSaved looks into the database: the conformance suite
// cannot tell a store that saves checkpoints from one that rescans, and
// the board's cost depends on them.
func TestCheckpointsSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stride.db")
	svc, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	u, err := svc.Users.EnsureUser(context.Background(), "ada")
	if err != nil {
		t.Fatal(err)
	}
	ctx := stride.NewContextWithUser(context.Background(), u)
	today := stride.NewDate(2025, 6, 15)
	start := today - 3650
	g := &stride.Goal{Name: "walk", Unit: "min", Start: start,
		Targets: []stride.Target{{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}}}
	if err := svc.Goals.CreateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	var steps []*stride.Step
	for d := start; d <= today; d++ {
		steps = append(steps, &stride.Step{GoalID: g.ID, Day: d, Amount: 20})
	}
	if err := svc.Steps.CreateSteps(ctx, steps); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Status.Status(ctx, today); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func() (n int) {
		t.Helper()
		if err := db.QueryRow(`SELECT COUNT(*) FROM momentum_checkpoints WHERE goal_id = $1`, g.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n < 119 || n > 121 {
		t.Errorf("a first read of ten years saved %d checkpoints, want one per month end (about 120)", n)
	}
	// Editing a step three years back drops only the checkpoints after it.
	old, err := svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID, Since: ptr(today - 3*365), Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Steps.UpdateStep(ctx, old[0].ID, stride.StepUpdate{Amount: ptr(45.0)}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n < 80 || n > 86 {
		t.Errorf("after an edit three years back %d checkpoints remain, want about 84", n)
	}
}

func ptr[T any](v T) *T { return &v }

// A database stride cannot create or write is the user's choice to change,
// so Open says which file and why, and how to choose another, rather than
// SQLite's bare "unable to open database file".
func TestOpenUnwritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"a directory":          dir,
		"under a regular file": filepath.Join(file, "stride.db"),
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "read-only")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		cases["in a read-only directory"] = filepath.Join(ro, "stride.db")
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			svc, err := sqlite.Open(path)
			if err == nil {
				svc.Close()
				t.Fatal("Open succeeded")
			}
			if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(err.Error(), "STRIDE_DB") {
				t.Errorf("Open = %v (%s), want EINVALID saying how to choose another database", err, stride.ErrorCode(err))
			}
		})
	}
}

// TestGroupsOfSeveralUsers writes steps for several users at once through
// one durable store (storetest.ConcurrentUsers): its groups then hold
// several users, locked and bumped in one statement each. One store, not
// two over the file: a server is one process, and two writing this hard
// starve each other of the write lock past the busy timeout.
func TestGroupsOfSeveralUsers(t *testing.T) {
	svc, err := sqlite.Open(filepath.Join(t.TempDir(), "stride.db"), sqlite.WithDurableCommits())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	storetest.ConcurrentUsers(t, [2]*stride.Services{svc, svc})
}
