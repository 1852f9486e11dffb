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
// call waiting (up to maxGroup) and writes them set-wise in ONE
// transaction (writeGroup), then commits once. With synchronous=FULL a
// commit is an fsync of the WAL, the cost that bounds a durable server;
// one fsync for many steps is what lets it keep up (docs/BENCHMARKS.md).
//
// A call that cannot be written (a goal that is not the user's, a request
// id stored before) gets its own error or its replay while the others
// commit. Every caller gets its answer only after the COMMIT returned, so
// an answer without an error means the step is on disk.
//
// The committer writes on a connection of its own. On SQLite a
// connection's page cache is thrown away whenever another connection has
// written since its last transaction; groups taking turns on the pool's
// connections re-read every page they touched, some 40 reads per group
// (docs/BENCHMARKS.md). On its own connection the pages of the goals and
// indexes it writes stay cached from group to group.
type committer struct {
	s     *store
	queue chan *stepCall
	// mu guards closed and sends on queue: Close takes it to close the
	// queue, so no call is sent on a closed channel or left in the queue.
	mu      sync.RWMutex
	closed  bool
	stopped chan struct{}
	// sql is the database's part of the group's statements.
	sql groupSQL
	// conn is the connection the groups are written on, taken from the
	// pool at the first group (see begin). Only run's goroutine uses it.
	conn *sql.Conn
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
	c := &committer{s: s, queue: make(chan *stepCall, 4*maxGroup), stopped: make(chan struct{}), sql: sqliteGroup{}}
	if s.opts.Postgres {
		c.sql = postgresGroup{}
	}
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
	c.dropConn()
}

// begin starts a transaction on the committer's connection, taking one
// from the pool if it has none or if its own fails to begin. A connection
// gone bad (PostgreSQL restarted) fails there first: the pool checks its
// idle connections before reuse, but nothing checks one held. BEGIN
// writes nothing, so beginning again elsewhere is safe.
func (c *committer) begin(ctx context.Context) (*sql.Tx, error) {
	if c.conn != nil {
		tx, err := c.conn.BeginTx(ctx, nil)
		if err == nil || ctx.Err() != nil {
			return tx, err
		}
		c.dropConn()
	}
	conn, err := c.s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	c.conn = conn
	return conn.BeginTx(ctx, nil)
}

// dropConn gives the committer's connection back to the pool.
func (c *committer) dropConn() {
	if c.conn != nil {
		_ = c.conn.Close() // returns it to the pool, or drops it if bad
		c.conn = nil
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
// begin, a statement failed, or the commit did.
func (c *committer) write(ctx context.Context, calls []*stepCall) error {
	unlock, err := c.s.lockWriter(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	tx, err := c.begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	q := &txStmts{tx: tx, cache: c.s.reads}
	if err := c.writeGroup(ctx, q, calls); err != nil {
		_ = tx.Rollback() // err is the one worth reporting
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// groupGoal is one goal a group writes to, as its lock read it, then as
// the group's steps change it.
type groupGoal struct {
	total       float64
	start       stride.Date
	doneWhen    sql.Null[float64]
	name, unit  string
	nextMile    sql.Null[float64]
	lastCheckpt sql.Null[int64]
	// What the group did to it.
	written    bool
	startMoved bool
	firstDay   stride.Date // the earliest day of the group's steps
	met        *stride.Date
	checkMiles bool // a milestone was crossed: look again at each later step
}

type goalKey struct{ uid, id int64 }

// groupRows bounds the rows of one INSERT of a group: modernc's SQLite
// binds parameters in time that grows faster than their number.
const groupRows = 16

// writeGroup writes the calls set-wise, in a number of statements that
// hardly grows with the group: the goals are locked and read, the steps go
// in with multi-row INSERTs, the totals are written, and milestones and
// checkpoints take a statement only when a step reaches one. What differs
// between the databases is the group's groupSQL. The answers are those of
// the calls run one after the other in queue order: a later call with an
// earlier call's request id replays it, and a milestone is reported by the
// step that crossed it.
//
// The goals' next milestone and last checkpoint are read once the goals
// are locked (on PostgreSQL by a statement after the lock's, whose
// snapshot is taken with every lock held), and whoever writes milestones
// or checkpoints holds the goal's lock: they stay true until the commit,
// so the statements they show to be no-ops are skipped.
func (c *committer) writeGroup(ctx context.Context, q querier, calls []*stepCall) error {
	var users []int64
	goalIDs := map[int64][]int64{}
	goals := map[goalKey]*groupGoal{}
	var latest time.Time
	for _, call := range calls {
		k := goalKey{call.uid, call.s.GoalID}
		if _, ok := goals[k]; !ok {
			goals[k] = nil
			if len(goalIDs[call.uid]) == 0 {
				users = append(users, call.uid)
			}
			goalIDs[call.uid] = append(goalIDs[call.uid], call.s.GoalID)
		}
		if call.now.After(latest) {
			latest = call.now
		}
	}
	// Locks are taken in id order, as every writer of several goals or
	// users takes them, so that concurrent groups cannot deadlock.
	slices.Sort(users)
	for _, ids := range goalIDs {
		slices.Sort(ids)
	}
	if err := c.sql.lockGoals(ctx, q, users, goalIDs, goals); err != nil {
		return err
	}

	var pending []*stepCall
	for _, call := range calls {
		if goals[goalKey{call.uid, call.s.GoalID}] == nil {
			// A replay answers the first step whatever goal it names.
			if call.created, call.err = replayed(ctx, q, call.uid, call.s.RequestID); call.created == nil && call.err == nil {
				call.err = goalNotFound(call.s.GoalID)
			}
			continue
		}
		g := goals[goalKey{call.uid, call.s.GoalID}]
		if call.err = checkAmount(g.name, g.unit, call.s.Amount); call.err != nil {
			continue
		}
		pending = append(pending, call)
	}
	ids, err := c.sql.stepIDs(ctx, q, len(pending))
	if err != nil {
		return err
	}
	for i, call := range pending {
		call.s.ID = ids[i]
	}
	inserted, err := insertGroupSteps(ctx, q, pending)
	if err != nil {
		return err
	}

	for _, call := range pending {
		s := call.s
		if !inserted[s.ID] {
			// Its request id was stored before, or earlier in this
			// group: both are visible here.
			call.created, call.err = replayAfterRace(ctx, q, call.uid, s)
			continue
		}
		g := goals[goalKey{call.uid, s.GoalID}]
		created := &stride.StepCreated{Step: s}
		before := g.total
		g.total += s.Amount
		if !g.written || s.Day < g.firstDay {
			g.firstDay = s.Day
		}
		g.written = true
		if s.Day < g.start {
			g.start, g.startMoved = s.Day, true
		}
		created.FirstStep = before == 0
		created.DoneWhenReached = g.doneWhen.Valid && before < g.doneWhen.V && g.doneWhen.V <= g.total
		if created.DoneWhenReached && g.met == nil {
			day := s.Day
			g.met = &day
		}
		s.UserID, s.Goal, s.Unit, s.CreatedAt = call.uid, g.name, g.unit, call.now
		if g.checkMiles || g.nextMile.Valid && g.nextMile.V <= g.total {
			g.checkMiles = true
			if created.Milestones, err = markMilestones(ctx, q, call.uid, s, g.total); err != nil {
				return err
			}
		}
		call.created = created
	}

	var written []groupWrite
	for _, uid := range users {
		for _, id := range goalIDs[uid] {
			if g := goals[goalKey{uid, id}]; g != nil && g.written {
				written = append(written, groupWrite{uid, id, g})
			}
		}
	}
	if err := c.sql.updateGoals(ctx, q, written, latest); err != nil {
		return err
	}
	// The first target moves with a start moved back: rare enough for
	// two statements per such goal, on either database.
	for _, w := range written {
		if w.g.startMoved {
			if err := alignTargets(ctx, q, w.uid, w.id, w.g.start); err != nil {
				return err
			}
		}
	}
	var drops []groupWrite
	for _, w := range written {
		if w.g.startMoved || w.g.lastCheckpt.Valid && w.g.lastCheckpt.V >= int64(ymd(w.g.firstDay)) {
			drops = append(drops, w)
		}
	}
	if len(drops) > 0 {
		if err := c.sql.dropCheckpoints(ctx, q, drops); err != nil {
			return err
		}
	}
	// Once per user rather than per step. A user whose calls all failed
	// gets a bump too, which costs a cached board at most.
	return c.sql.bumpDataRevs(ctx, q, users)
}

// groupWrite is one goal a group wrote to.
type groupWrite struct {
	uid, id int64
	g       *groupGoal
}

// groupSQL is what the group commit's statements need of the database.
type groupSQL interface {
	// lockGoals locks the goals goalIDs of users (both sorted), bumps
	// their rev and reads what the group needs of them into goals; a
	// goal that is not its user's stays nil.
	lockGoals(ctx context.Context, q querier, users []int64, goalIDs map[int64][]int64, goals map[goalKey]*groupGoal) error
	// stepIDs returns n new step ids, in increasing order.
	stepIDs(ctx context.Context, q querier, n int) ([]int64, error)
	// updateGoals writes the totals, starts and done-when marks (the
	// group moves the first targets of the goals whose start moved).
	updateGoals(ctx context.Context, q querier, written []groupWrite, now time.Time) error
	// dropCheckpoints deletes each goal's checkpoints from its first
	// written day on (all of them when its start moved).
	dropCheckpoints(ctx context.Context, q querier, drops []groupWrite) error
	// bumpDataRevs bumps the data revision of users (sorted).
	bumpDataRevs(ctx context.Context, q querier, users []int64) error
}

// sqliteGroup is the group commit's SQL on SQLite, where the group holds
// the database's only write lock from BEGIN: a statement per user or goal
// costs no round trip, and ids can follow the largest one.
type sqliteGroup struct{}

func (sqliteGroup) lockGoals(ctx context.Context, q querier, users []int64, goalIDs map[int64][]int64, goals map[goalKey]*groupGoal) error {
	list, err := goalRefs(users, goalIDs)
	if err != nil {
		return err
	}
	// One statement for every user: SQLite turns the IN list into an
	// index once, so the JSON is read once.
	rows, err := q.QueryContext(ctx, `UPDATE goals SET rev = rev + 1
		WHERE (user_id, id) IN (SELECT value ->> 'u', value ->> 'g' FROM json_each($1))
		RETURNING user_id, id, total, start_day, done_when_amount, name, unit,
		(SELECT MIN(m.amount) FROM milestones m WHERE m.goal_id = goals.id AND m.user_id = goals.user_id AND m.reached_day IS NULL),
		(SELECT MAX(c.day) FROM momentum_checkpoints c WHERE c.goal_id = goals.id AND c.user_id = goals.user_id)`, list)
	if err != nil {
		return fmt.Errorf("lock goals: %w", err)
	}
	return readGroupGoals(rows, goals)
}

func (sqliteGroup) stepIDs(ctx context.Context, q querier, n int) ([]int64, error) {
	// The group names its rows itself, for one multi-row INSERT; past
	// the largest id ever given (AUTOINCREMENT's sqlite_sequence), so
	// that the id of a deleted step is never given again.
	var max int64
	if err := q.QueryRowContext(ctx, `SELECT MAX(COALESCE((SELECT MAX(id) FROM steps), 0),
		COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'steps'), 0))`).Scan(&max); err != nil {
		return nil, fmt.Errorf("create steps: %w", err)
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = max + 1 + int64(i)
	}
	return ids, nil
}

func (sqliteGroup) updateGoals(ctx context.Context, q querier, written []groupWrite, now time.Time) error {
	return updateGroupGoals(ctx, q, written, now)
}

func (sqliteGroup) dropCheckpoints(ctx context.Context, q querier, drops []groupWrite) error {
	for _, d := range drops {
		if err := dropCheckpoints(ctx, q, d.uid, d.id, d.g.firstDay, d.g.startMoved); err != nil {
			return err
		}
	}
	return nil
}

func (sqliteGroup) bumpDataRevs(ctx context.Context, q querier, users []int64) error {
	if len(users) == 1 {
		return bumpDataRev(ctx, q, users[0])
	}
	list, err := jsonText(users)
	if err != nil {
		return fmt.Errorf("bump data revision: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE users SET data_rev = data_rev + 1 WHERE id IN (SELECT value FROM json_each($1))`, list); err != nil {
		return fmt.Errorf("bump data revision: %w", err)
	}
	return nil
}

// readGroupGoals reads rows of user id, goal id, total, start, done-when
// amount, name, unit, next milestone and last checkpoint into goals, and
// closes rows.
func readGroupGoals(rows *sql.Rows, goals map[goalKey]*groupGoal) error {
	defer rows.Close()
	for rows.Next() {
		var (
			uid, id int64
			start   int
			g       groupGoal
		)
		if err := rows.Scan(&uid, &id, &g.total, &start, &g.doneWhen, &g.name, &g.unit, &g.nextMile, &g.lastCheckpt); err != nil {
			return fmt.Errorf("lock goals: %w", err)
		}
		g.start = stride.DateFromYMD(start)
		goals[goalKey{uid, id}] = &g
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("lock goals: %w", err)
	}
	return nil
}

// markMilestones marks the goal's milestones that total reaches as reached
// by step s and returns them, smallest first.
func markMilestones(ctx context.Context, q querier, uid int64, s *stride.Step, total float64) ([]float64, error) {
	rows, err := q.QueryContext(ctx, `UPDATE milestones SET reached_day = $1, step_id = $2
		WHERE goal_id = $3 AND user_id = $4 AND reached_day IS NULL AND amount <= $5 RETURNING amount`,
		ymd(s.Day), s.ID, s.GoalID, uid, total)
	if err != nil {
		return nil, fmt.Errorf("mark milestones: %w", err)
	}
	defer rows.Close()
	var out []float64
	for rows.Next() {
		var a float64
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("mark milestones: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mark milestones: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// insertGroupSteps inserts the calls' steps, whose IDs are set, and
// returns the IDs inserted: a step whose request id is taken is not.
func insertGroupSteps(ctx context.Context, q querier, calls []*stepCall) (map[int64]bool, error) {
	const cols = 12
	inserted := make(map[int64]bool, len(calls))
	args := make([]any, 0, groupRows*cols)
	for i := 0; i < len(calls); i += groupRows {
		batch := calls[i:min(i+groupRows, len(calls))]
		args = args[:0]
		for _, call := range batch {
			s := call.s
			args = append(args, s.ID, call.uid, s.GoalID, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort),
				nullable(s.Energy), s.Note, s.Learned, nullString(s.RequestID), call.now)
		}
		rows, err := q.QueryContext(ctx, `INSERT INTO steps (id, user_id, goal_id, day, minute, amount, effort, energy, note, learned,
			request_id, created_at) VALUES `+placeholders(len(batch), cols, 1)+`
			ON CONFLICT (user_id, request_id) DO NOTHING RETURNING id`, args...)
		if err != nil {
			return nil, fmt.Errorf("create steps: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("create steps: %w", err)
			}
			inserted[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("create steps: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("create steps: %w", err)
		}
	}
	return inserted, nil
}

// updateGroupGoals writes the totals, starts and done-when marks of the
// goals a group wrote to. One prepared UPDATE per goal: on SQLite an
// UPDATE ... FROM json_each, one statement for all, parsed the JSON again
// for every goal row it joined.
func updateGroupGoals(ctx context.Context, q querier, written []groupWrite, now time.Time) error {
	for _, w := range written {
		var met any
		if w.g.met != nil {
			met = ymd(*w.g.met)
		}
		if _, err := q.ExecContext(ctx, `UPDATE goals SET total = $1, start_day = $2, updated_at = $3,
			done_when_met = COALESCE(done_when_met, $4) WHERE id = $5 AND user_id = $6`,
			w.g.total, ymd(w.g.start), now, met, w.id, w.uid); err != nil {
			return fmt.Errorf("update goals: %w", err)
		}
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
