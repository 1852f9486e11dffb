package http

import (
	"encoding/hex"
	"hash/fnv"
	"math"
	"sync"

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
			!same(x.Next.Momentum, y.Next.Momentum) || len(x.Recent) != len(y.Recent) {
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
		x.Per == y.Per
}

func sameDay(x, y stride.Day) bool {
	return x.Date == y.Date && same(x.Amount, y.Amount) && x.Steps == y.Steps && x.Held == y.Held &&
		x.Skipped == y.Skipped && same(x.Credit, y.Credit) && same(x.Momentum, y.Momentum)
}
