package sqlstore

import (
	"testing"

	"github.com/strideapp/stride"
)

func lines(n int) []*stride.GoalStatus {
	b := make([]*stride.GoalStatus, n)
	for i := range b {
		b[i] = &stride.GoalStatus{ID: int64(i + 1), Goal: &stride.Goal{ID: int64(i + 1)}}
	}
	return b
}

// TestBoardCache checks the cache's bookkeeping; storetest checks that
// the boards it answers are exact.
func TestBoardCache(t *testing.T) {
	c := newBoardCache(2, 5)
	k := boardKey{today: stride.NewDate(2026, 11, 22)}
	if c.seen(1) {
		t.Fatal("user 1 seen before any read")
	}
	if !c.seen(1) {
		t.Fatal("user 1 not noted by its first read")
	}
	if b := c.get(1, k, 0); b != nil {
		t.Fatal("a noted user has a board")
	}
	c.put(1, k, 3, lines(2))
	if b := c.get(1, k, 3); len(b) != 2 {
		t.Fatalf("board at rev 3: %d lines", len(b))
	}
	if c.get(1, k, 4) != nil || c.get(1, boardKey{today: k.today + 1}, 3) != nil {
		t.Error("a board answered another rev or day")
	}
	c.put(1, k, 2, lines(1)) // a slower read of an older rev
	if b := c.get(1, k, 3); len(b) != 2 {
		t.Errorf("an older rev replaced the board: %d lines", len(b))
	}
	c.put(2, k, 0, lines(3))
	if c.lines != 5 || c.lru.Len() != 2 {
		t.Fatalf("lines %d, users %d", c.lines, c.lru.Len())
	}
	c.put(3, k, 0, lines(1)) // over both bounds: user 1 goes
	if c.get(1, k, 3) != nil || c.get(2, k, 0) == nil || c.get(3, k, 0) == nil {
		t.Error("the least recently used user was not the one evicted")
	}
	if c.lines != 4 || c.lru.Len() != 2 || len(c.byUID) != 2 {
		t.Errorf("after eviction: lines %d, users %d, index %d", c.lines, c.lru.Len(), len(c.byUID))
	}
	c.put(4, k, 0, lines(6)) // larger than the whole cache: not kept
	if c.get(4, k, 0) != nil || c.lines != 4 {
		t.Errorf("a board over the bound was kept: lines %d", c.lines)
	}
}

// TestCopyBoard checks that a copy's structs are its own.
func TestCopyBoard(t *testing.T) {
	b := lines(2)
	cp := copyBoard(b)
	cp[0].Name, cp[0].Goal.Name = "changed", "changed"
	if b[0].Name != "" || b[0].Goal.Name != "" {
		t.Error("changing a copy changed the cached board")
	}
}
