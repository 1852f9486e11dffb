// Package sqlite is stride's default store: one SQLite file, opened with
// the pure-Go modernc.org/sqlite driver and migrated on open. The services
// themselves live in sqlstore, shared with the postgres store.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// dsnParams held up under concurrent writers (docs in STACK.md): WAL lets
// readers run beside a writer, and _txlock=immediate takes the write lock
// at BEGIN so read-then-write transactions wait for it instead of failing
// with "database is locked" half-way. %s is the synchronous level.
const dsnParams = "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(%s)&_pragma=foreign_keys(1)&_txlock=immediate"

// maxConns bounds the connections of one store, kept open once made.
const maxConns = 8

// An Option changes how Open opens the database.
type Option func(*options)

type options struct {
	durable bool
}

// WithDurableCommits makes every commit reach the disk before it returns
// (synchronous=FULL: the WAL is fsynced at each commit), so a power cut
// cannot lose a write that was acknowledged. Without it (synchronous=NORMAL)
// the WAL is fsynced only at checkpoints and on close: a power cut may lose
// the last commits, never corrupt the file. A server acknowledging writes
// over the network wants it; its cost is spread over many writes by the
// group commit of sqlstore (docs/architecture.md).
func WithDurableCommits() Option {
	return func(o *options) { o.durable = true }
}

// Open opens (creating it and its directory if missing) the SQLite database
// at path, brings its schema up to date and returns the services over it.
// It returns EINVALID when the file or its directory cannot be created or
// written, and an internal error when the file cannot be migrated.
func Open(path string, opts ...Option) (*stride.Services, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, stride.Errorf(stride.EINVALID, "cannot create the database's directory: %v; %s", err, chooseDB)
		}
	}
	o := newOptions(opts)
	db, err := sql.Open("sqlite", dsn(path, o))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Connections are kept rather than closed after each burst: opening
	// one parses the schema and re-prepares every statement, which cost a
	// server under load more than half its CPU with database/sql's default
	// of two idle connections (docs/BENCHMARKS.md). Queries are CPU work in
	// this process, so a few connections per core are enough, and each
	// holds its own page cache.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		if werr := unwritable(path); werr != nil {
			return nil, werr
		}
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	// Group commit pays off where many writers wait on one fsync: the
	// durable server. A CLI process writes one step; handing it to a
	// committer goroutine would only cost it a second connection.
	return sqlstore.New(db, sqlstore.Options{IsUniqueViolation: isUniqueViolation, GroupCommit: o.durable, SerialWriters: true}), nil
}

// chooseDB ends the messages about a database stride cannot write.
const chooseDB = "choose a file stride can read and write, in a directory it can write, with --db or STRIDE_DB"

// unwritable explains a failed open whose cause is a database file or
// directory that cannot be written, which SQLite reports only as "unable
// to open database file"; it returns nil when both can be. It runs only
// after a failure, so a good open pays nothing for it.
func unwritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return stride.Errorf(stride.EINVALID, "cannot open the database: %v; %s", err, chooseDB)
	}
	f.Close()
	// SQLite creates its write-ahead log and shared-memory files beside
	// the database.
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".stride-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the probe's name means nothing to the reader
		}
		return stride.Errorf(stride.EINVALID, "cannot write in %s (%v), where the database keeps its journal files; %s", dir, err, chooseDB)
	}
	probe.Close()
	_ = os.Remove(probe.Name()) // a leftover empty file harms nothing
	return nil
}

func newOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// dsn returns the driver's data source name for path with o.
func dsn(path string, o options) string {
	sync := "NORMAL"
	if o.durable {
		// The server's group commit writes steps with multi-row INSERTs,
		// whose statement journals would otherwise be temporary files.
		return path + fmt.Sprintf(dsnParams, "FULL") + "&_pragma=temp_store(MEMORY)"
	}
	// A command reads a few dozen pages and exits: through a memory map
	// they come from the kernel's page cache without a copy into SQLite's
	// own cache, whose fresh allocations cost page faults. stride log
	// measured 2.1 ms faster of ~35 (docs/BENCHMARKS.md). The server keeps
	// reading with pread: no faster under load, and the mapped pages would
	// count in its RSS.
	return path + fmt.Sprintf(dsnParams, sync) + "&_pragma=mmap_size(268435456)"
}

func isUniqueViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// migrate applies the embedded migrations. Open runs on every CLI call, so
// an up-to-date database is recognised with one query on goose's table and
// goose itself only runs when there is something to apply. Measured here:
// an open through goose's Provider on an up-to-date file costs about
// 0.1 ms more than this check (0.62-0.70 ms against 0.55 ms).
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
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys)
	if err != nil {
		return err
	}
	// A migration outside a transaction (00006) sets a PRAGMA for the
	// statements after it, so all of them must run on one connection.
	db.SetMaxOpenConns(1) // lowers MaxIdleConns too
	defer func() {
		db.SetMaxOpenConns(maxConns)
		db.SetMaxIdleConns(maxConns)
	}()
	_, err = p.Up(ctx)
	return err
}
