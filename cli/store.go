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
