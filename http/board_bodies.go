package http

import (
	"encoding/hex"
	"hash/fnv"
	"math"
	"sync"
	"time"

	"github.com/strideapp/stride"
)

// boardBodies keeps each recent user's last encoded board with the board
// it encodes. A new board is answered with the kept bytes when every field
// the JSON shows is the same (sameBoard): exact whatever the store, with
// no revision to carry through the StatusService interface. Comparing
// costs microseconds where encoding costs most of a millisecond.
type boardBodies struct {
	mu       sync.Mutex
	byUID    map[int64]*boardBody
	size     int // bytes of the bodies kept
	maxUsers int
	maxSize  int
}

// boardBody is one encoded board. It is never changed once kept.
type boardBody struct {
	board []*stride.GoalStatus
	body  []byte
	etag  string
	// at says which request the board answers when the user's data
	// revision was known (stride.User.DataRev); nil otherwise.
	at *boardAt
}

// boardAt identifies a board by what decides it: the user (and when the
// account was made, should an id be reused), the data revision, the day
// and the week start.
type boardAt struct {
	created   time.Time
	rev       int64
	today     stride.Date
	weekStart time.Weekday
}

// boardAtOf returns what identifies u's board on today, or nil when the
// data revision was not read with u.
func boardAtOf(u *stride.User, today stride.Date) *boardAt {
	if u == nil || u.DataRev == nil {
		return nil
	}
	return &boardAt{created: u.CreatedAt, rev: *u.DataRev, today: today, weekStart: u.WeekStart}
}

// fresh returns the body kept for uid when it answers at, without
// computing the board: the data revision read with the user is the one
// the body was kept under, so nothing the board shows has been written
// since. It returns nil otherwise.
func (c *boardBodies) fresh(uid int64, at *boardAt) *boardBody {
	if at == nil {
		return nil
	}
	c.mu.Lock()
	b := c.byUID[uid]
	c.mu.Unlock()
	if b == nil || b.at == nil || *b.at != *at || !b.at.created.Equal(at.created) {
		return nil
	}
	return b
}

func newBoardBodies(maxUsers, maxSize int) *boardBodies {
	return &boardBodies{byUID: map[int64]*boardBody{}, maxUsers: maxUsers, maxSize: maxSize}
}

// get returns the body kept for uid if it encodes board, or nil.
func (c *boardBodies) get(uid int64, board []*stride.GoalStatus) *boardBody {
	c.mu.Lock()
	b := c.byUID[uid]
	c.mu.Unlock()
	if b == nil || !sameBoard(b.board, board) {
		return nil
	}
	return b
}

// put keeps b as uid's body. Past the bounds, entries are dropped in map
// order, which is random: enough for a cache whose miss costs one encoding.
func (c *boardBodies) put(uid int64, b *boardBody) {
	if len(b.body) > c.maxSize {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.byUID[uid]; old != nil {
		c.size -= len(old.body)
	}
	c.byUID[uid] = b
	c.size += len(b.body)
	for id, old := range c.byUID {
		if len(c.byUID) <= c.maxUsers && c.size <= c.maxSize {
			break
		}
		if id != uid {
			delete(c.byUID, id)
			c.size -= len(old.body)
		}
	}
}

// etagOf returns a strong ETag for body.
func etagOf(body []byte) string {
	h := fnv.New64a()
	h.Write(body)
	return `"` + hex.EncodeToString(h.Sum(nil)) + `"`
}

// sameBoard reports whether a and b encode to the same JSON. Floats are
// compared bit for bit: 0 and -0 encode differently. It must name every
// field GoalStatus and the types in it encode; TestSameBoardFields fails
// when one is added.
func sameBoard(a, b []*stride.GoalStatus) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || x.Name != y.Name || x.Kind != y.Kind || x.Unit != y.Unit || x.Target != y.Target ||
			x.Direction != y.Direction || x.State != y.State || !same(x.Momentum, y.Momentum) ||
			!same(x.MomentumYesterday, y.MomentumYesterday) || !same(x.Total, y.Total) ||
			!samePace(x.Pace, y.Pace) || x.Next.Text != y.Next.Text || !same(x.Next.Amount, y.Next.Amount) ||
			!same(x.Next.Momentum, y.Next.Momentum) || len(x.Recent) != len(y.Recent) ||
			(x.ParentID == nil) != (y.ParentID == nil) || x.ParentID != nil && *x.ParentID != *y.ParentID {
			return false
		}
		for j := range x.Recent {
			if !sameDay(x.Recent[j], y.Recent[j]) {
				return false
			}
		}
	}
	return true
}

func same(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }

func samePace(x, y stride.Pace) bool {
	return x.From == y.From && x.To == y.To && same(x.Done, y.Done) && same(x.Target, y.Target) &&
		same(x.Remaining, y.Remaining) && x.DaysLeft == y.DaysLeft && x.State == y.State && x.Count == y.Count &&
		x.Per == y.Per && x.Days == y.Days && x.ActiveDays == y.ActiveDays
}

func sameDay(x, y stride.Day) bool {
	return x.Date == y.Date && same(x.Amount, y.Amount) && x.Steps == y.Steps && x.Held == y.Held &&
		x.Skipped == y.Skipped && x.Untracked == y.Untracked && same(x.Credit, y.Credit) && same(x.Momentum, y.Momentum)
}
