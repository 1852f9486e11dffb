package storetest

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/postgres"
	"github.com/strideapp/stride/sqlite"
)

// Opener opens services over an empty database of the test's own.
type Opener struct {
	Name string
	Open func(t *testing.T) *stride.Services
}

// Stores returns the stores a test of a transport should run on: SQLite
// always, PostgreSQL too when STRIDE_TEST_POSTGRES_DSN is set.
func Stores() []Opener {
	stores := []Opener{{"sqlite", OpenSQLite}}
	if os.Getenv("STRIDE_TEST_POSTGRES_DSN") != "" {
		stores = append(stores, Opener{"postgres", OpenPostgres})
	}
	return stores
}

// OpenSQLite opens a SQLite store in a temporary directory as stride serve
// does (durable commits, group commit), closed at cleanup.
func OpenSQLite(t *testing.T) *stride.Services {
	t.Helper()
	svc, err := sqlite.Open(filepath.Join(t.TempDir(), "stride.db"), sqlite.WithDurableCommits())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc
}

// OpenPostgres opens a PostgreSQL store in a schema of the test's own on
// the server STRIDE_TEST_POSTGRES_DSN names, dropped at cleanup. It skips
// the test when the variable is unset.
func OpenPostgres(t *testing.T) *stride.Services {
	t.Helper()
	svc, err := postgres.Open(PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() }) // registered last, so it runs before the schema is dropped
	return svc
}

// PostgresSchema creates a schema of the test's own on the server
// STRIDE_TEST_POSTGRES_DSN names, dropped at cleanup, and returns a DSN
// whose search_path is that schema: tests run in parallel on one database
// without seeing each other, and several stores can open the same schema.
// It skips the test when the variable is unset.
func PostgresSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("STRIDE_TEST_POSTGRES_DSN")
	if base == "" {
		t.Skip("STRIDE_TEST_POSTGRES_DSN is not set: set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run this test on PostgreSQL")
	}
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
