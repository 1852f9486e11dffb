package http

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/strideapp/stride"
)

// goalStepsView is one month of a goal's steps, the latest first.
type goalStepsView struct {
	Goal         *stride.Goal
	Month        string // "November 2026"
	Steps        []stepLine
	Older, Newer string // the months beside it, YYYY-MM, "" when there is none
	OlderName    string
	NewerName    string
}

// handleGoalStepsPage lists a goal's steps month by month (?month=YYYY-MM;
// by default the month of its latest step), each with edit and delete, so
// that every step stays in reach from the web, not only the latest shown
// on the goal's page.
func (s *Server) handleGoalStepsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		g, ok := s.pageGoal(w, r)
		if !ok {
			return
		}
		today := s.today(ctx)
		first := today.StartOfMonth()
		if m := r.URL.Query().Get("month"); m != "" {
			t, err := time.Parse("2006-01", m)
			if err != nil {
				s.pageError(w, r, stride.Errorf(stride.EINVALID, "?month=%s is not a month: give one such as %s", m, first.String()[:7]))
				return
			}
			first = stride.DateOf(t)
		} else {
			var err error
			if first, err = s.latestStepMonth(r, g, today); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		last := first.AddDays(first.DaysInMonth() - 1)
		steps, err := s.svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID, Since: &first, Until: &last})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		slices.Reverse(steps)
		v := goalStepsView{Goal: g, Month: first.Time().Format("January 2006")}
		for _, st := range steps {
			l := newStepLine(st, g.Unit)
			l.From = first.String()[:7]
			v.Steps = append(v.Steps, l)
		}
		// A goal's start is never after its first step.
		if prev := first.AddDays(-1).StartOfMonth(); first.AddDays(-1) >= g.Start {
			v.Older, v.OlderName = prev.String()[:7], prev.Time().Format("January 2006")
		}
		if next := last.AddDays(1); next <= today {
			v.Newer, v.NewerName = next.String()[:7], next.Time().Format("January 2006")
		}
		s.render(w, r, http.StatusOK, "goal_steps.html", page{Title: fmt.Sprintf("Steps of %s, %s", g.Name, v.Month), Nav: "goals", Data: v})
	})
}

// latestStepMonth returns the first day of the month of goal g's latest
// step by day (not the latest logged, which may be a step written for a
// day long past), or of today's month without steps. It looks back a
// month at a time, a year at most, then takes the latest logged.
func (s *Server) latestStepMonth(r *http.Request, g *stride.Goal, today stride.Date) (stride.Date, error) {
	ctx := r.Context()
	month := today.StartOfMonth()
	for range 12 {
		if month.AddDays(month.DaysInMonth()-1) < g.Start {
			return today.StartOfMonth(), nil
		}
		last := month.AddDays(month.DaysInMonth() - 1)
		steps, err := s.svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID, Since: &month, Until: &last, Limit: 1})
		if err != nil || len(steps) > 0 {
			return month, err
		}
		month = month.AddDays(-1).StartOfMonth()
	}
	latest, err := s.svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID, Latest: true, Limit: 1})
	if err != nil || len(latest) == 0 {
		return today.StartOfMonth(), err
	}
	return latest[0].Day.StartOfMonth(), nil
}

// stepsBack is where a step's edit or delete goes back to: the steps page
// of the month r's ?from= names (YYYY-MM), or the goal's page.
func stepsBack(r *http.Request, goalID int64) string {
	if from := backMonth(r); from != "" {
		return fmt.Sprintf("/goals/%d/steps?month=%s", goalID, from)
	}
	return fmt.Sprintf("/goals/%d", goalID)
}

// backMonth returns r's ?from= month when it is one (YYYY-MM), else "".
func backMonth(r *http.Request) string {
	from := r.URL.Query().Get("from")
	if _, err := time.Parse("2006-01", from); err != nil {
		return ""
	}
	return from
}

// fromQuery is "?from=YYYY-MM" for r's month to go back to, or "".
func fromQuery(r *http.Request) string {
	if m := backMonth(r); m != "" {
		return "?from=" + m
	}
	return ""
}
