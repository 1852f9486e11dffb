package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strideapp/stride"
)

// maxGroup bounds the steps of one group commit, so that one transaction
// stays short and a caller waits for at most this many others.
const maxGroup = 256

// A committer writes CreateStep calls in groups: one goroutine takes every
// call waiting (up to maxGroup) and runs them in ONE transaction, each in
// its own SAVEPOINT, then commits once. With synchronous=FULL a commit is
// an fsync of the WAL, the cost that bounds a durable server; one fsync
// for many steps is what lets it keep up (docs/BENCHMARKS.md).
//
// A call that fails (a goal that is not the user's, a request id stored
// meanwhile) is rolled back to its savepoint alone and answered with its
// own error while the others commit. Every caller gets its answer only
// after the COMMIT returned, so an answer without an error means the step
// is on disk. The SQL is the same as a lone CreateStep's, run in order on
// one connection, so the results are those of the calls one after the
// other.
type committer struct {
	s     *store
	queue chan *stepCall
	// mu guards closed and sends on queue: Close takes it to close the
	// queue, so no call is sent on a closed channel or left in the queue.
	mu      sync.RWMutex
	closed  bool
	stopped chan struct{}
}

// The states of a stepCall: waiting in the queue, taken into a group, or
// dropped by its caller whose context ended first.
const (
	callQueued int32 = iota
	callTaken
	callDropped
)

// stepCall is one CreateStep waiting for its group. The committer writes
// created and err, and s, before closing done; the caller reads them after.
type stepCall struct {
	uid     int64
	s       *stride.Step
	now     time.Time
	state   atomic.Int32
	created *stride.StepCreated
	err     error
	done    chan struct{}
}

// errClosed answers calls made after Close.
var errClosed = errors.New("create step: the store is closed")

func newCommitter(s *store) *committer {
	c := &committer{s: s, queue: make(chan *stepCall, 4*maxGroup), stopped: make(chan struct{})}
	go c.run()
	return c
}

// createStep queues the step and waits for its group's commit. A caller
// whose context ends before its group starts is dropped with ctx.Err();
// once its group has started it waits for the commit, whose outcome
// stands whatever the context.
func (c *committer) createStep(ctx context.Context, uid int64, s *stride.Step, now time.Time) (*stride.StepCreated, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	call := &stepCall{uid: uid, s: s, now: now, done: make(chan struct{})}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return nil, errClosed
	}
	select {
	case c.queue <- call:
	case <-ctx.Done():
		c.mu.RUnlock()
		return nil, ctx.Err()
	}
	c.mu.RUnlock()
	select {
	case <-call.done:
	case <-ctx.Done():
		if call.state.CompareAndSwap(callQueued, callDropped) {
			return nil, ctx.Err()
		}
		<-call.done
	}
	return call.created, call.err
}

// close writes the calls already queued, then stops the committer.
func (c *committer) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	<-c.stopped
}

func (c *committer) run() {
	defer close(c.stopped)
	group := make([]*stepCall, 0, maxGroup)
	for call := range c.queue {
		group = append(group[:0], call)
	more:
		for len(group) < maxGroup {
			select {
			case call, ok := <-c.queue:
				if !ok {
					break more
				}
				group = append(group, call)
			default:
				break more
			}
		}
		c.commit(group)
		clear(group)
	}
}

// commit writes the group's calls that are still wanted in one
// transaction and answers each.
func (c *committer) commit(group []*stepCall) {
	calls := group[:0]
	for _, call := range group {
		if call.state.CompareAndSwap(callQueued, callTaken) {
			calls = append(calls, call)
		}
	}
	if len(calls) == 0 {
		return
	}
	// The statements run without the callers' contexts: one caller
	// leaving must not cancel the others' transaction.
	ctx := context.Background()
	err := c.write(ctx, calls)
	for _, call := range calls {
		if err != nil && call.err == nil {
			call.created, call.err = nil, err
		}
		if call.err != nil {
			call.s.ID = 0
		}
		close(call.done)
	}
}

// write runs calls in one transaction, setting each call's answer, and
// returns an error that fails the whole group: the transaction could not
// begin, a savepoint failed, or the commit did.
func (c *committer) write(ctx context.Context, calls []*stepCall) error {
	tx, err := c.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	q := &txStmts{tx: tx, cache: c.s.reads}
	var users []int64
	for _, call := range calls {
		if err := c.writeOne(ctx, q, call); err != nil {
			_ = tx.Rollback() // err is the one worth reporting
			return err
		}
		if !slices.Contains(users, call.uid) {
			users = append(users, call.uid)
		}
	}
	// Once per user rather than per step: one statement more per group,
	// not per step, on the committer's serial path. A user whose calls
	// all failed gets a bump too, which costs a cached board at most.
	for _, uid := range users {
		if err := bumpDataRev(ctx, q, uid); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// writeOne runs one call inside a savepoint, rolled back when the call
// fails. It returns an error only when the savepoint itself failed.
func (c *committer) writeOne(ctx context.Context, q querier, call *stepCall) error {
	if _, err := q.ExecContext(ctx, `SAVEPOINT step`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	call.created, call.err = c.s.insertStep(ctx, q, call.uid, call.s, call.now)
	if call.err != nil {
		if _, err := q.ExecContext(ctx, `ROLLBACK TO SAVEPOINT step`); err != nil {
			return fmt.Errorf("rollback to savepoint: %w", err)
		}
		if errors.Is(call.err, errReplayRace) {
			// The first step is in this transaction or a committed one:
			// both are visible here.
			call.created, call.err = replayAfterRace(ctx, q, call.uid, call.s)
		}
	}
	if _, err := q.ExecContext(ctx, `RELEASE SAVEPOINT step`); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// txStmts runs queries in a transaction with the statements of cache,
// prepared once per connection rather than at each call.
type txStmts struct {
	tx    *sql.Tx
	cache *stmtCache
}

func (t *txStmts) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := t.cache.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return t.tx.StmtContext(ctx, st), nil
}

func (t *txStmts) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (t *txStmts) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext reports a failed preparation through Scan, as *sql.Tx does.
func (t *txStmts) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
