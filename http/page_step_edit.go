package http

import (
	"fmt"
	"net/http"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// stepEditView is the form that edits one step.
type stepEditView struct {
	Step   *stride.Step
	Goal   string
	Unit   string
	Form   stepForm
	Errors fieldErrors
	From   string // the steps page's month to go back to, "" for the goal's page
	Back   string // where Cancel goes
}

// stepFormOf fills the edit form with a stored step.
func stepFormOf(st *stride.Step) stepForm {
	f := stepForm{Amount: stride.FormatNumber(st.Amount), Note: st.Note, Learned: st.Learned, Date: st.Day.String()}
	if st.Effort != nil {
		f.Effort = stride.FormatNumber(*st.Effort)
	}
	if st.Energy != nil {
		f.Energy = fmt.Sprint(*st.Energy)
	}
	return f
}

// findPageStep reads the step of the path, or answers 404.
func (s *Server) findPageStep(w http.ResponseWriter, r *http.Request) (*stride.Step, bool) {
	id, err := pageID(r, "step")
	if err == nil {
		var st *stride.Step
		if st, err = s.svc.Steps.FindStepByID(r.Context(), id); err == nil {
			return st, true
		}
	}
	s.pageError(w, r, err)
	return nil, false
}

// handleStepEditPage shows a step's form.
func (s *Server) handleStepEditPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, ok := s.findPageStep(w, r)
		if !ok {
			return
		}
		view := stepEditView{Step: st, Goal: st.Goal, Unit: st.Unit, Form: stepFormOf(st), From: backMonth(r), Back: stepsBack(r, st.GoalID)}
		s.render(w, r, http.StatusOK, "step_edit.html", page{Title: "Edit a step of " + st.Goal, Nav: "goals", Data: view})
	})
}

// handleStepEdit stores a step's new fields and goes back to its goal.
func (s *Server) handleStepEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, ok := s.findPageStep(w, r)
		if !ok {
			return
		}
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := readStepForm(r)
		now := s.userNow(r.Context())
		v, errs := form.parse(st.Unit, stride.DateOf(now))
		if _, bad := errs["date"]; !bad && stride.StepLater(v.Day, st.Time, now) {
			// the form has no time of day: the step keeps the one it was logged with
			errs["date"] = fmt.Sprintf("This step was logged at %s, and today has not reached that time yet: keep it on an earlier day.",
				stride.FormatClock(*st.Time))
		}
		if len(errs) > 0 {
			view := stepEditView{Step: st, Goal: st.Goal, Unit: st.Unit, Form: form, Errors: errs, From: backMonth(r), Back: stepsBack(r, st.GoalID)}
			s.render(w, r, http.StatusUnprocessableEntity, "step_edit.html",
				page{Title: "Edit a step of " + st.Goal, Nav: "goals", Error: "The step is unchanged so far: see the note beside the field.", Data: view})
			return
		}
		upd := stride.StepUpdate{Day: &v.Day, Amount: &v.Amount, Effort: &v.Effort, Energy: &v.Energy, Note: &v.Note, Learned: &v.Learned}
		start := s.goalStart(r, st.GoalID)
		if _, err := s.svc.Steps.UpdateStep(r.Context(), st.ID, upd); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, stepsBack(r, st.GoalID),
			fmt.Sprintf("The step of %s is now %s; momentum is recalculated from that day.", words.Day(v.Day), words.Amount(v.Amount, st.Unit))+
				s.startMoved(r, st.GoalID, start))
	})
}

// handleStepDeletePage asks first, then deletes a step when the form
// says confirm=yes.
func (s *Server) handleStepDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, ok := s.findPageStep(w, r)
		if !ok {
			return
		}
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		what := fmt.Sprintf("the step of %s (%s)", words.Day(st.Day), words.StepOf(st.Amount, st.Unit, st.Goal))
		if r.PostFormValue("confirm") != "yes" {
			s.render(w, r, http.StatusOK, "confirm.html", page{Title: "Delete a step?", Nav: "goals", Data: confirmView{
				Question: "Delete " + what + "?",
				Detail:   "Momentum is recalculated from that day on. If the amount was only wrong, editing the step keeps the record.",
				Action:   fmt.Sprintf("/steps/%d/delete", st.ID) + fromQuery(r), Button: "Delete the step", Cancel: stepsBack(r, st.GoalID),
			}})
			return
		}
		start := s.goalStart(r, st.GoalID)
		if err := s.svc.Steps.DeleteStep(r.Context(), st.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, stepsBack(r, st.GoalID), "Deleted "+what+"."+s.startMoved(r, st.GoalID, start))
	})
}

// goalStart returns the start of goal id, or 0 when it cannot be read: a
// step changed or deleted may move it (docs/momentum.md).
func (s *Server) goalStart(r *http.Request, id int64) stride.Date {
	g, err := s.svc.Goals.FindGoalByID(r.Context(), id)
	if err != nil {
		return 0
	}
	return g.Start
}

// startMoved is " " and where goal id starts now, when a change moved its
// start from before; "" when it did not, or the goal cannot be read (the
// change is done either way).
func (s *Server) startMoved(r *http.Request, id int64, before stride.Date) string {
	g, err := s.svc.Goals.FindGoalByID(r.Context(), id)
	if err != nil || before == 0 || g.Start == before {
		return ""
	}
	return " " + words.StartMoved(g, before)
}
