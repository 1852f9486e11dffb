package stride

import (
	"cmp"
	"slices"
	"strings"
)

// GoalNode is a goal in the tree of goals and their sub-goals, as the
// board and the goal lists show it: a sub-goal right under its parent.
type GoalNode struct {
	// Goal is the goal; from NestBoard it may be nil when a board line
	// came without its goal.
	Goal *Goal
	// Status is the goal's board line, from NestBoard; nil otherwise.
	Status *GoalStatus
	// Added marks a goal that was not among those nested, brought in
	// because sub-goals of it were: on the board, a paused, done or
	// archived parent of an active goal, shown so the sub-goal keeps its
	// place under it.
	Added bool
	Subs  []*GoalNode
}

// ID returns the node's goal id.
func (n *GoalNode) ID() int64 {
	if n.Status != nil {
		return n.Status.ID
	}
	return n.Goal.ID
}

// Name returns the node's goal name.
func (n *GoalNode) Name() string {
	if n.Status != nil {
		return n.Status.Name
	}
	return n.Goal.Name
}

func (n *GoalNode) parent() *int64 {
	if n.Status != nil {
		return n.Status.ParentID
	}
	return n.Goal.ParentID
}

// Walk calls fn for each node of the trees, parents before their
// sub-goals, with its depth: 0 for a goal at the top.
func Walk(nodes []*GoalNode, fn func(n *GoalNode, depth int)) {
	var walk func(nodes []*GoalNode, depth int)
	walk = func(nodes []*GoalNode, depth int) {
		for _, n := range nodes {
			fn(n, depth)
			walk(n.Subs, depth+1)
		}
	}
	walk(nodes, 0)
}

// NestGoals arranges goals as trees: each goal under its parent,
// siblings by name. A parent that is not among goals is looked up with
// find and added (Added), and so on up, so that a sub-goal is never shown
// apart from the goal it is part of; a parent find does not know
// (ENOTFOUND) leaves its sub-goal at the top. find may be nil: then such
// sub-goals stay at the top. It returns find's other errors.
func NestGoals(goals []*Goal, find func(id int64) (*Goal, error)) ([]*GoalNode, error) {
	nodes := make([]*GoalNode, len(goals))
	for i, g := range goals {
		nodes[i] = &GoalNode{Goal: g}
	}
	return nest(nodes, find)
}

// NestBoard arranges a board's lines as NestGoals arranges goals: each
// sub-goal under its parent, a parent off the board (paused, done or
// archived) looked up with find and added without a status.
func NestBoard(board []*GoalStatus, find func(id int64) (*Goal, error)) ([]*GoalNode, error) {
	nodes := make([]*GoalNode, len(board))
	for i, st := range board {
		nodes[i] = &GoalNode{Goal: st.Goal, Status: st}
	}
	return nest(nodes, find)
}

func nest(nodes []*GoalNode, find func(id int64) (*Goal, error)) ([]*GoalNode, error) {
	byID := make(map[int64]*GoalNode, len(nodes))
	for _, n := range nodes {
		byID[n.ID()] = n
	}
	// Parents off the list, and theirs: a handful of lookups at most,
	// only when a sub-goal's parent is not shown.
	for i := 0; i < len(nodes) && find != nil; i++ {
		p := nodes[i].parent()
		if p == nil || byID[*p] != nil {
			continue
		}
		g, err := find(*p)
		if ErrorCode(err) == ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		n := &GoalNode{Goal: g, Added: true}
		byID[g.ID] = n
		nodes = append(nodes, n)
	}
	var top []*GoalNode
	for _, n := range nodes {
		if p := n.parent(); p != nil && byID[*p] != nil && !inLoop(n, byID) {
			byID[*p].Subs = append(byID[*p].Subs, n)
		} else {
			top = append(top, n)
		}
	}
	sortNodes(top)
	return top, nil
}

// inLoop reports whether n's parents lead back to n, which the stores
// refuse; such a goal is shown at the top rather than nowhere.
func inLoop(n *GoalNode, byID map[int64]*GoalNode) bool {
	seen := map[*GoalNode]bool{}
	for cur := n; ; {
		p := cur.parent()
		if p == nil || byID[*p] == nil {
			return false
		}
		if cur = byID[*p]; cur == n || seen[cur] {
			return true
		}
		seen[cur] = true
	}
}

// sortNodes orders siblings by name, as the stores order goals, and
// their sub-goals likewise.
func sortNodes(nodes []*GoalNode) {
	slices.SortStableFunc(nodes, func(a, b *GoalNode) int {
		if c := strings.Compare(nameOrder(a.Name()), nameOrder(b.Name())); c != 0 {
			return c
		}
		return cmp.Compare(a.ID(), b.ID())
	})
	for _, n := range nodes {
		sortNodes(n.Subs)
	}
}

func nameOrder(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// SubGoals returns the goals of goals whose parent is id, in their order.
func SubGoals(goals []*Goal, id int64) []*Goal {
	var out []*Goal
	for _, g := range goals {
		if g.ParentID != nil && *g.ParentID == id {
			out = append(out, g)
		}
	}
	return out
}
