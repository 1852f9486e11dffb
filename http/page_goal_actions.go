package http

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// confirmView is a question asked before a deletion: it works without
// JavaScript, as a page with a second form.
type confirmView struct {
	Question string
	Detail   string
	Action   string // where the confirming form posts
	Button   string
	Cancel   string // where "keep it" goes
}

// pageGoal reads the goal of a page's path, answering 404 (and false) for
// a goal that is not the user's.
func (s *Server) pageGoal(w http.ResponseWriter, r *http.Request) (*stride.Goal, bool) {
	id, err := pageID(r, "goal")
	if err == nil {
		var g *stride.Goal
		if g, err = s.svc.Goals.FindGoalByID(r.Context(), id); err == nil {
			// The target in effect on the pages' today: the clock the
			// server was given, in the user's zone.
			g.Target = g.TargetOn(s.today(r.Context()))
			return g, true
		}
	}
	s.pageError(w, r, err)
	return nil, false
}

// goalAction reads the goal of a goal action's path and the posted form,
// answering 404 (and false) for a goal that is not the user's.
func (s *Server) goalAction(w http.ResponseWriter, r *http.Request) (*stride.Goal, bool) {
	g, ok := s.pageGoal(w, r)
	if !ok {
		return nil, false
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return g, true
}

// handleGoalPausePage pauses a goal from today, until an optional date.
func (s *Server) handleGoalPausePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		today := s.today(r.Context())
		var until *stride.Date
		if v := strings.TrimSpace(r.PostFormValue("until")); v != "" {
			d, err := stride.ParseDate(v, today)
			if err == nil && d <= today {
				err = stride.Errorf(stride.EINVALID, "pause until %s: pick a day after today, or leave it empty to pause until you resume", words.Day(d))
			}
			if err != nil {
				s.renderError(w, r, http.StatusUnprocessableEntity, stride.ErrorMessage(err))
				return
			}
			until = &d
		}
		if _, err := s.svc.Goals.PauseGoal(r.Context(), g.ID, today, until); err != nil {
			s.pageError(w, r, err)
			return
		}
		msg := g.Name + " is paused: momentum holds still until you resume. Rest is part of progress."
		if until != nil {
			msg = fmt.Sprintf("%s is paused until %s: momentum holds still meanwhile. Rest is part of progress.", g.Name, words.Day(*until))
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), msg)
	})
}

// handleGoalResumePage makes a paused, done or archived goal active again.
func (s *Server) handleGoalResumePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		var err error
		if g.State == stride.GoalPaused {
			_, err = s.svc.Goals.ResumeGoal(r.Context(), g.ID, s.today(r.Context()))
		} else {
			_, err = s.svc.Goals.SetGoalState(r.Context(), g.ID, stride.GoalActive)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), "Welcome back to "+g.Name+": it is on today's board again.")
	})
}

// handleGoalSkipPage marks a day (today unless given) a rest day.
func (s *Server) handleGoalSkipPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		today := s.today(r.Context())
		day, err := formDate(r.PostFormValue("date"), today, today)
		if err != nil {
			s.renderError(w, r, http.StatusUnprocessableEntity, stride.ErrorMessage(err))
			return
		}
		if err := s.svc.Goals.SkipDay(r.Context(), g.ID, day); stride.ErrorCode(err) == stride.EINVALID {
			s.renderError(w, r, http.StatusUnprocessableEntity, stride.ErrorMessage(err)) // a day with progress
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), fmt.Sprintf("%s is a rest day for %s: momentum holds steady.", words.Day(day), g.Name))
	})
}

// handleGoalDonePage marks a goal done, saying honestly what it took.
func (s *Server) handleGoalDonePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		if _, err := s.svc.Goals.SetGoalState(r.Context(), g.ID, stride.GoalDone); err != nil {
			s.pageError(w, r, err)
			return
		}
		msg := fmt.Sprintf("%s is done. Since %s you logged %s in all.", g.Name, words.Day(g.Start), words.Amount(g.Total, g.Unit))
		if g.Total == 0 {
			msg = fmt.Sprintf("%s is marked done.", g.Name)
		} else if g.DoneWhen != "" && (g.DoneWhenMet != nil || g.DoneWhenAmount == nil) {
			msg += " You set out for “" + g.DoneWhen + "”, and you got there."
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), msg)
	})
}

// handleGoalArchivePage puts a goal away; its record stays readable.
func (s *Server) handleGoalArchivePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		if _, err := s.svc.Goals.SetGoalState(r.Context(), g.ID, stride.GoalArchived); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/goals", g.Name+" is archived. Its record stays here, and you can make it active again any time.")
	})
}

// handleGoalDeletePage asks first, then deletes a goal with its steps when
// the form says confirm=yes.
func (s *Server) handleGoalDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		if r.PostFormValue("confirm") != "yes" {
			s.render(w, r, http.StatusOK, "confirm.html", page{Title: "Delete " + g.Name + "?", Nav: "goals", Data: confirmView{
				Question: "Delete " + g.Name + "?",
				Detail:   "This removes the goal with all its steps, rest days and targets, for good. To keep the record but take it off the board, archive it instead.",
				Action:   fmt.Sprintf("/goals/%d/delete", g.ID), Button: "Delete " + g.Name, Cancel: fmt.Sprintf("/goals/%d", g.ID),
			}})
			return
		}
		if err := s.svc.Goals.DeleteGoal(r.Context(), g.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/goals", g.Name+" is deleted.")
	})
}
