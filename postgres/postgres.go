// Package postgres is stride's PostgreSQL store, for a server shared by
// several users or instances. It opens the database with pgx through
// database/sql and migrates it on open; the services themselves live in
// sqlstore, shared with the sqlite store.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// maxConns bounds the connections of one store. More than a few per core
// only adds contention on the server; 16 was measured here at about the
// same insert rate as more (the floors in STACK.md).
const maxConns = 16

// Open connects to the database at dsn (a postgres:// URL or key=value
// string; runtime parameters such as search_path pass through), brings its
// schema up to date and returns the services over it. It returns an
// internal error when the database cannot be reached or migrated.
func Open(dsn string) (*stride.Services, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// A bounded pool: a burst of requests queues for a connection
	// instead of exceeding the server's max_connections (100 by default,
	// shared with every other client).
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate postgres: %w", err)
	}
	// Group commit: a transaction per CreateStep costs some eight round
	// trips, each a wait for the server under load; a group of them
	// costs about as many for all (docs/BENCHMARKS.md).
	return sqlstore.New(db, sqlstore.Options{IsUniqueViolation: isUniqueViolation, BulkRows: 500,
		GroupCommit: true, Postgres: true}), nil
}

func isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// migrate applies the embedded migrations. Several instances may start at
// once, so goose holds a session advisory lock while it migrates; an
// up-to-date database is recognised with one query and takes no lock.
func migrate(ctx context.Context, db *sql.DB) error {
	latest, err := sqlstore.LatestMigration(migrations, "migrations")
	if err != nil {
		return err
	}
	var current sql.Null[int64]
	if err := db.QueryRowContext(ctx, `SELECT MAX(version_id) FROM goose_db_version`).Scan(&current); err == nil && current.V >= latest {
		return sqlstore.NewerSchema(current.V, latest)
	}
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	// The lock is per schema: stores in different schemas of one database
	// (tests, several tenants) never wait for each other. Polled every
	// second rather than goose's five, since migrations here take
	// milliseconds.
	var where string
	if err := db.QueryRowContext(ctx, `SELECT current_database() || '.' || COALESCE(current_schema(), '')`).Scan(&where); err != nil {
		return err
	}
	h := fnv.New64a()
	h.Write([]byte(where))
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(lock.DefaultLockID^int64(h.Sum64()>>1)),
		lock.WithLockTimeout(1, 120))
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys, goose.WithSessionLocker(locker))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}
