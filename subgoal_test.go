package stride_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

// tree draws nodes one per line, indented by depth, an added goal in
// brackets.
func tree(nodes []*stride.GoalNode) string {
	var b strings.Builder
	stride.Walk(nodes, func(n *stride.GoalNode, depth int) {
		name := n.Name()
		if n.Added {
			name = "[" + name + "]"
		}
		fmt.Fprintf(&b, "%s%s\n", strings.Repeat("  ", depth), name)
	})
	return b.String()
}

func TestNestGoals(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	all := map[int64]*stride.Goal{
		1:  {ID: 1, Name: "fitness"},
		2:  {ID: 2, Name: "pushups", ParentID: id(1)},
		3:  {ID: 3, Name: "Plank", ParentID: id(1)},
		4:  {ID: 4, Name: "read"},
		5:  {ID: 5, Name: "health", State: stride.GoalPaused},
		6:  {ID: 6, Name: "walk", ParentID: id(5)},
		7:  {ID: 7, Name: "life", State: stride.GoalDone},
		8:  {ID: 8, Name: "sleep", ParentID: id(9)}, // a parent the store does not know
		10: {ID: 10, Name: "arms", ParentID: id(2)},
	}
	all[5].ParentID = id(7)
	lookups := 0
	find := func(id int64) (*stride.Goal, error) {
		lookups++
		if g := all[id]; g != nil {
			return g, nil
		}
		return nil, stride.Errorf(stride.ENOTFOUND, "no goal %d", id)
	}
	shown := []*stride.Goal{all[10], all[1], all[3], all[2], all[4], all[8], all[6]}
	nodes, err := stride.NestGoals(shown, find)
	if err != nil {
		t.Fatal(err)
	}
	want := `fitness
  Plank
  pushups
    arms
[life]
  [health]
    walk
read
sleep
`
	if got := tree(nodes); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if lookups != 3 { // health, life and the unknown 9, each once
		t.Errorf("%d lookups, want 3", lookups)
	}

	// Without find, a sub-goal whose parent is not shown is at the top.
	nodes, _ = stride.NestGoals(shown, nil)
	if got := tree(nodes); !strings.Contains(got, "\nwalk\n") {
		t.Errorf("without find, walk should be at the top:\n%s", got)
	}

	// A loop (which the stores refuse) shows its goals rather than none.
	a := &stride.Goal{ID: 1, Name: "a", ParentID: id(2)}
	b := &stride.Goal{ID: 2, Name: "b", ParentID: id(1)}
	nodes, _ = stride.NestGoals([]*stride.Goal{a, b}, nil)
	if got := tree(nodes); got != "a\nb\n" {
		t.Errorf("a loop: got\n%s", got)
	}

	boom := errors.New("boom")
	if _, err := stride.NestGoals(shown, func(int64) (*stride.Goal, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("a failed lookup: err %v, want it returned", err)
	}
}

func TestNestBoard(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	board := []*stride.GoalStatus{
		{ID: 2, Name: "pushups", ParentID: id(1)},
		{ID: 4, Name: "read"},
		{ID: 6, Name: "walk", ParentID: id(1)},
	}
	paused := &stride.Goal{ID: 1, Name: "fitness", State: stride.GoalPaused}
	nodes, err := stride.NestBoard(board, func(id int64) (*stride.Goal, error) { return paused, nil })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tree(nodes), "[fitness]\n  pushups\n  walk\nread\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if nodes[0].Status != nil || nodes[0].Subs[0].Status != board[0] {
		t.Error("an added parent has no status; a board line keeps its own")
	}
	subs := stride.SubGoals([]*stride.Goal{paused, {ID: 2, Name: "pushups", ParentID: id(1)}, {ID: 3, Name: "x"}}, 1)
	if len(subs) != 1 || subs[0].ID != 2 {
		t.Errorf("SubGoals = %v, want pushups", subs)
	}
}
