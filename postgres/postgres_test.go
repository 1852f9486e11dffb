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
