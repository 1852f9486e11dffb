// Package sqlstore implements stride's services over database/sql, once for
// both stores: the sqlite and postgres packages open their database, apply
// their own migrations (same tables, same column names) and hand the
// *sql.DB to New. Every query uses $N placeholders, which modernc.org/sqlite
// and pgx both bind by number, so one SQL text serves both databases.
//
// Every query except the user service's is scoped by the user of the
// context: another user's goal or step is reported as not found.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/review"
)

// Options holds what differs between the databases and what tests inject.
type Options struct {
	// IsUniqueViolation reports whether err is the database refusing a
	// duplicate key. Conflicts are looked for before writing, so this only
	// decides races between concurrent writers; nil treats no error as one.
	IsUniqueViolation func(error) bool
	// BulkRows is how many steps CreateSteps writes per INSERT (1 to
	// 500; 0 means 1). Many rows per statement save PostgreSQL a round
	// trip each; modernc's SQLite binds parameters in time quadratic in
	// their number, so there one prepared single-row INSERT is fastest.
	BulkRows int
	// GroupCommit writes concurrent CreateStep calls in groups, one
	// transaction and one commit for all the calls waiting at once (see
	// committer). It pays where commits are serialised and each costs an
	// fsync (SQLite), and where each statement costs a round trip
	// (PostgreSQL). The services then run a goroutine until Close.
	GroupCommit bool
	// Postgres says the database is PostgreSQL, whose group commit
	// (GroupCommit) locks and writes set-wise across users, so that a
	// group costs the same few round trips however many users it holds.
	Postgres bool
	// SerialWriters says that a write transaction holds the database's
	// only write lock from BEGIN (SQLite with _txlock=immediate), so its
	// reads see every earlier commit; CreateStep then skips statements
	// its first one shows to be no-ops.
	SerialWriters bool
	// Now stamps created_at and updated_at; time.Now when nil.
	Now func() time.Time
	// Close runs when the services are closed, after the database is;
	// for the store that opened the database to release more.
	Close func() error
}

// store is what the services share.
type store struct {
	db   *sql.DB
	opts Options
	// reads is db with its statements prepared once: preparing costs
	// more than running most of stride's small reads.
	reads *stmtCache
	// committer writes CreateStep calls in groups; nil without
	// Options.GroupCommit.
	committer *committer
	// writer, with Options.SerialWriters, is the database's one write
	// lock as a token this process's writers queue for, first come first
	// served. Without it they would poll SQLite's lock in the busy
	// handler's sleeps, and a writer could wait past the busy timeout
	// while the committer, never sleeping, took the lock group after
	// group ("database is locked" on a board read under steady writes).
	writer chan struct{}
}

// lockWriter waits for the process's turn to write, when writers are
// serialised; the returned func gives the turn back.
func (s *store) lockWriter(ctx context.Context) (unlock func(), err error) {
	if s.writer == nil {
		return func() {}, nil
	}
	select {
	case s.writer <- struct{}{}:
		return func() { <-s.writer }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stmtCache is a querier over a *sql.DB that prepares each query text
// once. database/sql re-prepares a Stmt on other pool connections as
// needed. Texts are a fixed set (filters combine a few conditions), so the
// cache stays small.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext reports a failed preparation through Scan, as *sql.DB does.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.stmts {
		errs = append(errs, st.Close())
	}
	c.stmts = nil
	return errors.Join(errs...)
}

// New returns the services over db. Closing them closes db.
func New(db *sql.DB, opts Options) *stride.Services {
	s := &store{db: db, opts: opts, reads: &stmtCache{db: db, stmts: map[string]*sql.Stmt{}}}
	if opts.SerialWriters {
		s.writer = make(chan struct{}, 1)
	}
	if opts.GroupCommit {
		s.committer = newCommitter(s)
	}
	svc := &stride.Services{
		Users:   &UserService{s: s},
		Goals:   &GoalService{s: s},
		Steps:   &StepService{s: s},
		Status:  &StatusService{s: s, cache: newBoardCache(cacheUsers, cacheLines)},
		Lessons: &LessonService{s: s},
		Doubts:  &DoubtService{s: s},
		Focus:   &FocusService{s: s},
		Works:   &WorkService{s: s},
		Backup:  &BackupService{s: s},
		Auth:    &AuthService{s: s},
		Close: func() error {
			if s.committer != nil {
				s.committer.close() // before the statements it uses
			}
			err := errors.Join(s.reads.close(), db.Close())
			if opts.Close != nil {
				err = errors.Join(err, opts.Close())
			}
			return err
		},
	}
	// Wins and summaries are computed from the record by the review
	// package, through the services themselves.
	svc.Wins = review.NewWins(svc)
	svc.Reviews = &ReviewService{s: s, svc: svc}
	return svc
}

// now returns the time to stamp rows with, truncated to what PostgreSQL
// keeps so that a value read back equals the one written on both stores.
func (s *store) now() time.Time {
	t := time.Now()
	if s.opts.Now != nil {
		t = s.opts.Now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

func (s *store) isUnique(err error) bool {
	return err != nil && s.opts.IsUniqueViolation != nil && s.opts.IsUniqueViolation(err)
}

// querier is what both *sql.DB and *sql.Tx offer, so read helpers serve
// plain reads and reads inside a write transaction alike.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in a transaction, committed when fn returns nil. On SQLite
// the DSN's _txlock=immediate takes the write lock at BEGIN, so a
// read-then-write transaction never fails half-way with "database is locked".
func (s *store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	unlock, err := s.lockWriter(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback() // the error of fn is the one worth reporting
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// userTx runs fn in a transaction, like inTx, for a write that can change
// what user uid's board shows; the last statement before the commit bumps
// the user's data_rev (see bumpDataRev).
func (s *store) userTx(ctx context.Context, uid int64, fn func(tx *sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bumpDataRev(ctx, tx, uid)
	})
}

// bumpDataRev records, in the caller's transaction, that the data behind
// uid's board changed: the board cache (boardCache) compares users.data_rev
// with the value a cached board was computed at. Bumping a counter in the
// write's own transaction is the cheapest check that is exact: it commits
// or rolls back with the write, every store instance sees it, and one read
// of it costs an index seek. A fingerprint of existing columns was
// rejected: goals.rev is not bumped by renames or state changes,
// updated_at comes from the clocks of several instances and may repeat,
// and a count misses a delete paired with an insert.
//
// It must be the transaction's last lock taken: every writer then locks
// goal rows before the user's row, in the same order, so PostgreSQL cannot
// deadlock on them, and the user's row (which serialises the user's
// commits there) is held only until the commit.
func bumpDataRev(ctx context.Context, q querier, uid int64) error {
	if _, err := q.ExecContext(ctx, `UPDATE users SET data_rev = data_rev + 1 WHERE id = $1`, uid); err != nil {
		return fmt.Errorf("bump data revision: %w", err)
	}
	return nil
}

// where builds a WHERE clause with numbered placeholders: each ? in a
// condition becomes the next $N.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	var b strings.Builder
	i := 0
	for _, r := range cond {
		if r == '?' {
			w.args = append(w.args, args[i])
			i++
			b.WriteString("$" + strconv.Itoa(len(w.args)))
			continue
		}
		b.WriteRune(r)
	}
	w.conds = append(w.conds, b.String())
}

func (w *where) String() string { return strings.Join(w.conds, " AND ") }

// placeholders returns "($a, $b, ...), (...)" for rows of n columns
// numbered from first.
func placeholders(rows, n, first int) string {
	var b strings.Builder
	k := first
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := 0; c < n; c++ {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(k))
			k++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Days are kept as YYYYMMDD integers; these convert at the boundary.
func ymd(d stride.Date) int { return d.YMD() }

func nullYMD(d *stride.Date) any {
	if d == nil {
		return nil
	}
	return d.YMD()
}

func dateOf(v sql.Null[int64]) *stride.Date {
	if !v.Valid {
		return nil
	}
	d := stride.DateFromYMD(int(v.V))
	return &d
}

func nullable[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func ptrOf[T any](v sql.Null[T]) *T {
	if !v.Valid {
		return nil
	}
	x := v.V
	return &x
}

func intPtr(v sql.Null[int64]) *int {
	if !v.Valid {
		return nil
	}
	x := int(v.V)
	return &x
}

// userPrefs returns user uid's time zone (the machine's for "" or a zone
// no longer known) and week start, as stored.
func userPrefs(ctx context.Context, q querier, uid int64) (*time.Location, time.Weekday, error) {
	var (
		tz string
		ws int
	)
	err := q.QueryRowContext(ctx, `SELECT time_zone, week_start FROM users WHERE id = $1`, uid).Scan(&tz, &ws)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, userNotFound(uid)
	} else if err != nil {
		return nil, 0, fmt.Errorf("read user settings: %w", err)
	}
	loc := time.Local
	if tz != "" {
		if l, err := time.LoadLocation(tz); err == nil {
			loc = l
		}
	}
	return loc, time.Weekday(ws), nil
}

// userToday returns today in user uid's time zone, by the store's clock.
func (s *store) userToday(ctx context.Context, q querier, uid int64) (stride.Date, error) {
	loc, _, err := userPrefs(ctx, q, uid)
	if err != nil {
		return 0, err
	}
	return stride.DateOf(s.now().In(loc)), nil
}

// goalOfUser returns ENOTFOUND unless id is one of user uid's goals: a
// record is never attached to another user's goal.
func goalOfUser(ctx context.Context, q querier, uid, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM goals WHERE id = $1 AND user_id = $2`, id, uid).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return goalNotFound(id)
	} else if err != nil {
		return fmt.Errorf("find goal: %w", err)
	}
	return nil
}

func goalNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no goal with id %d", id)
}

func stepNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no step with id %d", id)
}
