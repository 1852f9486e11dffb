package sqlstore

import (
	"container/list"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/strideapp/stride"
)

// The board cache's bounds. A line (one goal's status, its 14 recent days
// and its goal) takes about 2 KiB, so a full cache holds some 20 MiB: a
// server of many users keeps the busiest ones' boards, and the process
// stays well under the 100 MiB the benchmarks ask for.
const (
	cacheUsers = 1000
	cacheLines = 10000
)

// boardCache keeps the latest board computed for each of the users it
// served last, with the users.data_rev it was computed at. Every write
// that can change a board bumps data_rev in its own transaction
// (bumpDataRev), so a cached board whose data_rev is still the database's
// is the board a fresh computation would give: Status pays one indexed
// read instead of a query per goal and the momentum run. The revision is
// read from the database on every use, never trusted from memory, because
// other server instances may write to the same database.
//
// A user has one entry, for one (today, week start): the board of
// another day or week start replaces it. A user's clients ask for the same
// day nearly always, and one entry per user bounds what a client that
// walks ?today= through the calendar can take.
//
// A user's first board in the process is computed without reading
// data_rev and not kept, only noted: a command-line process shows one
// board and exits, and must not pay a query for a cache it cannot use.
type boardCache struct {
	mu    sync.Mutex
	byUID map[int64]*list.Element // of *boardEntry
	lru   list.List               // most recently used first
	lines int                     // goal lines held by all entries
	// maxUsers and maxLines bound the entries and the lines they hold.
	maxUsers, maxLines int
}

// boardKey is what a board depends on besides the data: the day, the
// week start (the pace periods) and the user's creation time, which tells
// a user apart from a later one given the same id (SQLite may reuse the
// highest id after a delete).
type boardKey struct {
	today     stride.Date
	weekStart time.Weekday
	created   time.Time
}

func (k boardKey) equal(o boardKey) bool {
	return k.today == o.today && k.weekStart == o.weekStart && k.created.Equal(o.created)
}

type boardEntry struct {
	uid   int64
	key   boardKey
	rev   int64
	board []*stride.GoalStatus // nil: the user was seen, nothing kept yet
}

func newBoardCache(maxUsers, maxLines int) *boardCache {
	return &boardCache{byUID: map[int64]*list.Element{}, maxUsers: maxUsers, maxLines: maxLines}
}

// seen reports whether uid has an entry, and notes it when not.
func (c *boardCache) seen(uid int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byUID[uid]; ok {
		c.lru.MoveToFront(el)
		return true
	}
	c.byUID[uid] = c.lru.PushFront(&boardEntry{uid: uid})
	c.evict()
	return false
}

// get returns the board kept for uid at key and rev, or nil.
func (c *boardCache) get(uid int64, key boardKey, rev int64) []*stride.GoalStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byUID[uid]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	e := el.Value.(*boardEntry)
	if e.board == nil || e.rev != rev || !e.key.equal(key) {
		return nil
	}
	return e.board
}

// put keeps board as uid's board at key and rev. A board computed at an
// older rev than the one kept (a slower concurrent read) is dropped.
func (c *boardCache) put(uid int64, key boardKey, rev int64, board []*stride.GoalStatus) {
	if len(board) > c.maxLines {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var e *boardEntry
	if el, ok := c.byUID[uid]; ok {
		c.lru.MoveToFront(el)
		e = el.Value.(*boardEntry)
		if e.board != nil && e.key.equal(key) && e.rev > rev {
			return
		}
		c.lines -= len(e.board)
	} else {
		e = &boardEntry{uid: uid}
		c.byUID[uid] = c.lru.PushFront(e)
	}
	if board == nil {
		board = []*stride.GoalStatus{}
	}
	e.key, e.rev, e.board = key, rev, board
	c.lines += len(board)
	c.evict()
}

// evict drops the least recently used entries beyond the bounds.
func (c *boardCache) evict() {
	for c.lru.Len() > c.maxUsers || c.lines > c.maxLines {
		el := c.lru.Back()
		e := el.Value.(*boardEntry)
		c.lru.Remove(el)
		delete(c.byUID, e.uid)
		c.lines -= len(e.board)
	}
}

// copyBoard returns a board the caller may change without touching the
// cache: new GoalStatus and Goal structs. The slices inside them (Recent,
// the goal's Targets and Milestones) are shared with the cache and must be
// treated as read-only; no caller writes to them.
func copyBoard(board []*stride.GoalStatus) []*stride.GoalStatus {
	out := make([]*stride.GoalStatus, len(board))
	sts := make([]stride.GoalStatus, len(board))
	goals := make([]stride.Goal, len(board))
	for i, st := range board {
		sts[i] = *st
		if st.Goal != nil {
			goals[i] = *st.Goal
			sts[i].Goal = &goals[i]
		}
		out[i] = &sts[i]
	}
	return out
}

// dataRev returns user uid's data revision; ok is false when the user is
// not stored.
func dataRev(ctx context.Context, q querier, uid int64) (rev int64, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT data_rev FROM users WHERE id = $1`, uid).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, fmt.Errorf("read data revision: %w", err)
	}
	return rev, true, nil
}
