package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// nestedGoals returns goals in the order of their tree, each sub-goal
// right after its parent, with the depth of each by id. A parent that is
// not among goals (done or archived, when they are not) is read and added.
func nestedGoals(ctx context.Context, svc *stride.Services, goals []*stride.Goal) ([]*stride.Goal, map[int64]int, error) {
	nodes, err := stride.NestGoals(goals, func(id int64) (*stride.Goal, error) { return svc.Goals.FindGoalByID(ctx, id) })
	if err != nil {
		return nil, nil, err
	}
	out := make([]*stride.Goal, 0, len(goals))
	depth := make(map[int64]int, len(goals))
	stride.Walk(nodes, func(n *stride.GoalNode, d int) {
		out = append(out, n.Goal)
		depth[n.Goal.ID] = d
	})
	return out, depth, nil
}

// family returns the goal g is part of (nil for a goal of its own) and
// the status of each of its sub-goals, by name.
func family(ctx context.Context, svc *stride.Services, g *stride.Goal, today stride.Date) (*stride.Goal, []*stride.GoalStatus, error) {
	var parent *stride.Goal
	if g.ParentID != nil {
		p, err := svc.Goals.FindGoalByID(ctx, *g.ParentID)
		if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
			return nil, nil, err
		}
		parent = p
	}
	goals, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return nil, nil, err
	}
	var subs []*stride.GoalStatus
	for _, sg := range stride.SubGoals(goals, g.ID) {
		st, err := svc.Status.GoalStatus(ctx, sg.ID, today)
		if err != nil {
			return nil, nil, err
		}
		if st.Goal == nil {
			st.Goal = sg
		}
		subs = append(subs, st)
	}
	return parent, subs, nil
}

// writeSubGoals lists a goal's sub-goals with their momentum and pace,
// or, for one that is paused, done or archived, its state:
//
//	sub-goals
//	  pushups    ███░░░░░░░  31%  0/20 pushups today
//	  plank      paused until Sat 2026-11-28
func (a *app) writeSubGoals(w io.Writer, subs []*stride.GoalStatus, today stride.Date) {
	if len(subs) == 0 {
		return
	}
	s := a.sty
	fmt.Fprintln(w, s.dim("sub-goals"))
	nameW := 4
	for _, st := range subs {
		nameW = max(nameW, width(st.Name))
	}
	nameW = min(nameW, 16)
	for _, st := range subs {
		name := "  " + s.bold(pad(clip(st.Name, nameW), nameW))
		if st.Goal != nil && st.Goal.StateOn(today) != stride.GoalActive {
			fmt.Fprintln(w, name+"  "+s.dim(clip(words.GoalState(st.Goal, today), lineWidth-nameW-4)))
			continue
		}
		fmt.Fprintf(w, "%s  %s %4s  %s\n", name, s.cyan(bar(st.Momentum, 10)), words.Pct(st.Momentum),
			clip(words.Pace(st.Pace, st.Unit)+", "+words.PaceWord(st.Pace), lineWidth-nameW-21))
	}
	fmt.Fprintln(w)
}
