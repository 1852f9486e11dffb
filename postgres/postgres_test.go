package postgres_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

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
// instances at once, each grouping its calls, while boards are read (which
// saves checkpoints, locking goals too): every lock is taken in id order,
// so no transaction deadlocks, and each goal's total is the sum of its
// steps.
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
	today := stride.NewDate(2026, 11, 22)
	type owner struct {
		ctx   context.Context
		goals []int64
	}
	var owners []owner
	for u := range 4 {
		usr, err := stores[0].Users.EnsureUser(context.Background(), fmt.Sprint("user", u))
		if err != nil {
			t.Fatal(err)
		}
		ctx := stride.NewContextWithUser(context.Background(), usr)
		o := owner{ctx: ctx}
		for g := range 3 {
			goal := &stride.Goal{Name: fmt.Sprint("goal ", g), Unit: "min", Start: today - 60,
				Milestones: []stride.Milestone{{Amount: 40}, {Amount: 200}},
				Targets:    []stride.Target{{From: today - 60, Amount: 30, Unit: "min", Per: stride.PerDay}}}
			if err := stores[0].Goals.CreateGoal(ctx, goal); err != nil {
				t.Fatal(err)
			}
			o.goals = append(o.goals, goal.ID)
		}
		owners = append(owners, o)
	}
	const writers, each = 16, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		svc := stores[w%2]
		wg.Go(func() {
			for i := range each {
				o := owners[(w+i)%len(owners)]
				s := &stride.Step{GoalID: o.goals[(w*7+i)%len(o.goals)], Day: today - stride.Date((w+i)%40), Amount: 2,
					RequestID: fmt.Sprint(w, "-", i)}
				if _, err := svc.Steps.CreateStep(o.ctx, s); err != nil {
					errs <- fmt.Errorf("writer %d step %d: %w", w, i, err)
				}
				if i%5 == 0 {
					if _, err := svc.Status.Status(o.ctx, today); err != nil {
						errs <- fmt.Errorf("writer %d board: %w", w, err)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var sum float64
	for _, o := range owners {
		for _, id := range o.goals {
			g, err := stores[1].Goals.FindGoalByID(o.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			steps, err := stores[1].Steps.FindSteps(o.ctx, stride.StepFilter{GoalID: &id})
			if err != nil {
				t.Fatal(err)
			}
			var total float64
			for _, s := range steps {
				total += s.Amount
			}
			if g.Total != total {
				t.Errorf("goal %d: total %v, its steps sum to %v", id, g.Total, total)
			}
			sum += total
		}
	}
	if sum != writers*each*2 {
		t.Errorf("%v minutes stored, want %d", sum, writers*each*2)
	}
}
