package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/postgres"
	"github.com/strideapp/stride/storetest"
)

func open(t *testing.T) *stride.Services {
	t.Helper()
	svc, err := postgres.Open(storetest.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	// Registered after the schema's cleanup, so it runs first.
	t.Cleanup(func() { svc.Close() })
	return svc
}

func TestConformance(t *testing.T) {
	if os.Getenv("STRIDE_TEST_POSTGRES_DSN") == "" {
		t.Skip("STRIDE_TEST_POSTGRES_DSN is not set: set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run the PostgreSQL store tests")
	}
	storetest.Run(t, open)
}

// TestShared runs the tests of several instances over one schema, as
// several server instances over one database.
func TestShared(t *testing.T) {
	storetest.RunShared(t, func(t *testing.T) func(t *testing.T) *stride.Services {
		dsn := storetest.PostgresSchema(t)
		return func(t *testing.T) *stride.Services {
			svc, err := postgres.Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { svc.Close() })
			return svc
		}
	})
}

// TestConcurrentOpen starts several stores on one fresh schema at once, as
// several server instances would: goose's advisory lock lets one migrate.
func TestConcurrentOpen(t *testing.T) {
	d := storetest.PostgresSchema(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			svc, err := postgres.Open(d)
			if err != nil {
				errs[i] = err
				return
			}
			defer svc.Close()
			_, errs[i] = svc.Users.EnsureUser(context.Background(), fmt.Sprint("user", i%2))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
}

// TestGroupsAcrossInstances writes steps for several users' goals from two
// instances at once while boards are read (storetest.ConcurrentUsers):
// every lock is taken in id order, so no transaction deadlocks.
func TestGroupsAcrossInstances(t *testing.T) {
	dsn := storetest.PostgresSchema(t)
	var stores [2]*stride.Services
	for i := range stores {
		svc, err := postgres.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { svc.Close() })
		stores[i] = svc
	}
	storetest.ConcurrentUsers(t, stores)
}

// TestStepAfterLostConnections ends every connection of a store, as a
// restarted PostgreSQL would: the next steps are written all the same,
// on new connections, including the group committer's own.
func TestStepAfterLostConnections(t *testing.T) {
	dsn := storetest.PostgresSchema(t) + "&application_name=stride_lost_conns_" + fmt.Sprint(os.Getpid())
	svc, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	ctx := context.Background()
	u, err := svc.Users.EnsureUser(ctx, "ada")
	if err != nil {
		t.Fatal(err)
	}
	ctx = stride.NewContextWithUser(ctx, u)
	today := stride.NewDate(2026, 12, 7)
	g := &stride.Goal{Name: "walk", Unit: "min", Start: today,
		Targets: []stride.Target{{From: today, Amount: 30, Unit: "min", Per: stride.PerDay}}}
	if err := svc.Goals.CreateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	logStep := func() {
		t.Helper()
		if _, err := svc.Steps.CreateStep(ctx, &stride.Step{GoalID: g.ID, Day: today, Amount: 10}); err != nil {
			t.Fatalf("create step: %v", err)
		}
	}
	logStep()

	admin, err := sql.Open("pgx", os.Getenv("STRIDE_TEST_POSTGRES_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var ended int
	if err := admin.QueryRow(`SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = $1) AS t`, "stride_lost_conns_"+fmt.Sprint(os.Getpid())).Scan(&ended); err != nil {
		t.Fatal(err)
	}
	if ended == 0 {
		t.Fatal("no connection of the store was found to end")
	}
	// As after a real restart: the pool's connections have been idle for
	// over a second, after which pgx pings one before it is reused.
	time.Sleep(1100 * time.Millisecond)
	logStep()
	logStep()
	st, err := svc.Status.GoalStatus(ctx, g.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 30 {
		t.Errorf("total after the lost connections = %v, want 30 (three steps of 10)", st.Total)
	}
}
