package cli

import (
	"context"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/postgres"
	"github.com/strideapp/stride/sqlite"
)

// OpenStore opens the store a --db value names: a postgres:// or
// postgresql:// URL opens PostgreSQL, anything else is a SQLite file.
func OpenStore(_ context.Context, db string) (*stride.Services, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(db)
	}
	return sqlite.Open(db)
}

// OpenDurableStore opens the store like OpenStore, with a SQLite file
// opened for durable commits: a write is on disk before it is reported
// done. stride serve uses it, since a client takes an answer as a promise;
// the command line keeps synchronous=NORMAL, whose risk (a power cut may
// lose the last commits) is small for a command whose database is closed,
// and so synced, a few milliseconds later (docs/architecture.md).
func OpenDurableStore(_ context.Context, db string) (*stride.Services, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(db)
	}
	return sqlite.Open(db, sqlite.WithDurableCommits())
}
