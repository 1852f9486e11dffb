package http

import (
	"context"
	"strconv"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// goalFamily is the goal a goal's page is part of and its sub-goals.
type goalFamily struct {
	Parent *stride.Goal
	Subs   []subGoalLine
}

// subGoalLine is a sub-goal as its parent's page lists it.
type subGoalLine struct {
	ID       int64
	Name     string
	Target   string
	Momentum string
	// Pace is this period's pace in words for an active sub-goal, State
	// the state in words of a paused, done or archived one.
	Pace, PaceWord string
	PaceState      stride.PaceState
	State          string
}

// goalFamily reads g's parent and the status of each of its sub-goals.
func (s *Server) goalFamily(ctx context.Context, g *stride.Goal, today stride.Date) (goalFamily, error) {
	var f goalFamily
	if g.ParentID != nil {
		p, err := s.svc.Goals.FindGoalByID(ctx, *g.ParentID)
		if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
			return f, err
		}
		f.Parent = p
	}
	goals, err := s.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return f, err
	}
	for _, sg := range stride.SubGoals(goals, g.ID) {
		l := subGoalLine{ID: sg.ID, Name: sg.Name, Target: words.Target(sg, sg.Target)}
		if sg.StateOn(today) != stride.GoalActive {
			l.State = words.GoalState(sg, today)
		} else {
			st, err := s.svc.Status.GoalStatus(ctx, sg.ID, today)
			if err != nil {
				return f, err
			}
			l.Momentum, l.Pace, l.PaceWord, l.PaceState = words.Pct(st.Momentum), words.Pace(st.Pace, st.Unit), words.PaceWord(st.Pace), st.Pace.State
		}
		f.Subs = append(f.Subs, l)
	}
	return f, nil
}

// parentOption is one choice of a goal form's "Part of" select.
type parentOption struct {
	ID       int64
	Label    string // the name, with the state when not active: "health (paused)"
	Selected bool
}

// parentOptions lists the goals a goal may be a sub-goal of: every other
// goal of the user but its own sub-goals and theirs (self 0 for a new
// goal), by name; selected is the chosen id as the form sends it.
func (s *Server) parentOptions(ctx context.Context, self int64, selected string, today stride.Date) ([]parentOption, error) {
	goals, err := s.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return nil, err
	}
	below := map[int64]bool{self: self != 0} // self and its sub-goals, at any depth
	for grew := true; grew; {
		grew = false
		for _, g := range goals {
			if !below[g.ID] && g.ParentID != nil && below[*g.ParentID] {
				below[g.ID], grew = true, true
			}
		}
	}
	var out []parentOption
	for _, g := range goals {
		if below[g.ID] {
			continue
		}
		label := g.Name
		if st := g.StateOn(today); st != stride.GoalActive {
			label += " (" + string(st) + ")"
		}
		out = append(out, parentOption{ID: g.ID, Label: label, Selected: strconv.FormatInt(g.ID, 10) == selected})
	}
	return out, nil
}

// formParent reads the form's "Part of" choice: nil for none.
func formParent(v string) (*int64, error) {
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, stride.Errorf(stride.EINVALID, "Choose the goal this one is part of from the list, or none.")
	}
	return &id, nil
}
