package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/postgres"
	"github.com/strideapp/stride/storetest"
)

// dsn returns the server the tests use, skipping them without one.
func dsn(t *testing.T) string {
	t.Helper()
	v := os.Getenv("STRIDE_TEST_POSTGRES_DSN")
	if v == "" {
		t.Skip("STRIDE_TEST_POSTGRES_DSN is not set: set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run the PostgreSQL store tests")
	}
	return v
}

// schemaDSN creates a schema of the test's own, dropped at cleanup, and
// returns dsn with search_path set to it: tests run in parallel on one
// database without seeing each other.
func schemaDSN(t *testing.T, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := "stride_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("STRIDE_TEST_POSTGRES_DSN must be a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t *testing.T) *stride.Services {
	t.Helper()
	svc, err := postgres.Open(schemaDSN(t, dsn(t)))
	if err != nil {
		t.Fatal(err)
	}
	// Registered after the schema's cleanup, so it runs first.
	t.Cleanup(func() { svc.Close() })
	return svc
}

func TestConformance(t *testing.T) {
	dsn(t)
	storetest.Run(t, open)
}

// TestConcurrentOpen starts several stores on one fresh schema at once, as
// several server instances would: goose's advisory lock lets one migrate.
func TestConcurrentOpen(t *testing.T) {
	d := schemaDSN(t, dsn(t))
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
