package http

import (
	"net/http"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// goalsView lists every goal, in any state.
type goalsView struct {
	Goals []goalLine
}

// goalLine is one goal in the list.
type goalLine struct {
	ID     int64
	Name   string
	Target string
	State  string
	Subs   []goalLine // its sub-goals, by name
}

// handleGoals lists every goal of the user: active, paused, done and
// archived, by name.
func (s *Server) handleGoals() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		today := s.today(ctx)
		goals, err := s.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var view goalsView
		for _, g := range goals {
			target := words.Target(g, g.TargetOn(today))
			if coming := words.TargetsToCome(g, today); coming != "" {
				target += "; " + coming
			}
			view.Goals = append(view.Goals, goalLine{ID: g.ID, Name: g.Name, Target: target, State: words.GoalState(g, today)})
		}
		view.Goals = nestLines(view.Goals, goals)
		s.render(w, r, http.StatusOK, "goals.html", page{Title: "Goals", Nav: "goals", Data: view})
	})
}

// nestLines puts the line of each sub-goal under its parent's: lines are
// those of goals (every goal of the user), in the same order.
func nestLines(lines []goalLine, goals []*stride.Goal) []goalLine {
	byID := make(map[int64]goalLine, len(lines))
	for _, l := range lines {
		byID[l.ID] = l
	}
	nodes, _ := stride.NestGoals(goals, nil) // every parent is listed: nothing to look up
	var walk func(nodes []*stride.GoalNode) []goalLine
	walk = func(nodes []*stride.GoalNode) []goalLine {
		var out []goalLine
		for _, n := range nodes {
			l := byID[n.ID()]
			l.Subs = walk(n.Subs)
			out = append(out, l)
		}
		return out
	}
	return walk(nodes)
}
