package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// worksView lists the works.
type worksView struct {
	Works []workLine
}

// workLine is one work in the list.
type workLine struct {
	ID     int64
	Name   string
	Goal   string
	GoalID *int64
	State  string
	Nudge  bool
}

// workView is a work's page: its refinement log by version, the nudge,
// and the forms that iterate, ship and mark its done-when met.
type workView struct {
	Work *stride.Work
	// NextVersion is the version an iteration after a ship starts.
	NextVersion int
	State       string
	Nudge       string
	MetDay      string
	Versions    []versionLog
	Iterate     iterateForm
	Ship        shipForm
	Errors      fieldErrors
}

// versionLog is one version of a work: its iterations, then its ship.
type versionLog struct {
	Version int
	Events  []iterationLine
	Shipped string // the day, when shipped
}

// iterationLine is one iteration or ship of a work.
type iterationLine struct {
	Day      string
	Ship     bool
	Changed  string
	Feedback string
	Effort   string
	Note     string
}

// iterateForm and shipForm are the values of a work page's forms.
type iterateForm struct{ Changed, Feedback, Effort string }
type shipForm struct{ Note string }

// workForm is a work's fields as the form sends them.
type workForm struct{ Name, Goal, DoneWhen, NudgeAfter string }

// workFormView is the create or edit page of a work.
type workFormView struct {
	New    bool
	ID     int64
	Name   string // the stored name, for the heading of the edit page
	Form   workForm
	Errors fieldErrors
	Goals  []goalOption
}

func readWorkForm(r *http.Request) workForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return workForm{Name: v("name"), Goal: v("goal"), DoneWhen: v("done_when"), NudgeAfter: v("nudge_after")}
}

func workFormOf(w *stride.Work) workForm {
	f := workForm{Name: w.Name, Goal: goalField(w.GoalID), DoneWhen: w.DoneWhen}
	if w.NudgeAfter != 0 {
		f.NudgeAfter = strconv.Itoa(w.NudgeAfter)
	}
	return f
}

// parse checks the form.
func (f workForm) parse() (*stride.Work, fieldErrors) {
	errs := fieldErrors{}
	wk := &stride.Work{Name: f.Name, DoneWhen: f.DoneWhen}
	goal, err := formGoal(f.Goal)
	if err != nil {
		errs["goal"] = stride.ErrorMessage(err)
	}
	wk.GoalID = goal
	if f.NudgeAfter != "" {
		n, err := strconv.Atoi(f.NudgeAfter)
		if err != nil || n < 1 || n > 100 {
			errs["nudge_after"] = "Give a number from 1 to 100, or leave it empty for " + strconv.Itoa(stride.DefaultNudgeAfter) + "."
		}
		wk.NudgeAfter = n
	}
	checkLen(errs, "done_when", "Done when", f.DoneWhen, stride.MaxTextLen)
	if len(errs) == 0 {
		if err := wk.Validate(); err != nil {
			errs["name"] = stride.ErrorMessage(err)
		}
	}
	return wk, errs
}

// workStoreError files a store's refusal of a work beside its field.
func workStoreError(errs fieldErrors, err error) bool {
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		errs["goal"] = "That goal is not there any more: pick another, or none."
		return true
	}
	return storeFieldError(errs, "name", err)
}

// workFormPage renders the work form with the user's goals.
func (s *Server) workFormPage(w http.ResponseWriter, r *http.Request, status int, view workFormView, msg string) {
	var err error
	if view.Goals, err = s.goalOptions(r.Context(), view.Form.Goal); err != nil {
		s.pageError(w, r, err)
		return
	}
	title := "A new work"
	if !view.New {
		title = "Edit " + view.Name
	}
	s.render(w, r, status, "work_form.html", page{Title: title, Nav: "works", Error: msg, Data: view})
}

// handleWorksPage lists the works by name.
func (s *Server) handleWorksPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		works, err := s.svc.Works.FindWorks(r.Context(), stride.WorkFilter{})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var view worksView
		for _, wk := range works {
			view.Works = append(view.Works, workLine{ID: wk.ID, Name: wk.Name, Goal: wk.Goal, GoalID: wk.GoalID,
				State: words.WorkState(wk), Nudge: wk.Nudge() != ""})
		}
		s.render(w, r, http.StatusOK, "works.html", page{Title: "Works", Nav: "works", Data: view})
	})
}

// workPage renders a work with its refinement log and forms.
func (s *Server) workPage(w http.ResponseWriter, r *http.Request, status int, wk *stride.Work, it iterateForm, sh shipForm, errs fieldErrors, msg string) {
	view := workView{Work: wk, NextVersion: wk.Version + 1, State: words.WorkState(wk), Nudge: words.WorkNudge(wk), Iterate: it, Ship: sh, Errors: errs}
	if wk.DoneWhenMet != nil {
		view.MetDay = words.Day(*wk.DoneWhenMet)
	}
	for _, ev := range wk.Iterations {
		if n := len(view.Versions); n == 0 || view.Versions[n-1].Version != ev.Version {
			view.Versions = append(view.Versions, versionLog{Version: ev.Version})
		}
		v := &view.Versions[len(view.Versions)-1]
		l := iterationLine{Day: words.Day(ev.Day), Ship: ev.Kind == stride.IterationShip, Changed: ev.Changed, Feedback: ev.Feedback, Note: ev.Note}
		if ev.Effort != nil {
			l.Effort = words.Amount(*ev.Effort, stride.MinutesUnit) + " of effort"
		}
		if l.Ship {
			v.Shipped = l.Day
		}
		v.Events = append(v.Events, l)
	}
	// The latest version first: it is the one being worked on.
	for i, j := 0, len(view.Versions)-1; i < j; i, j = i+1, j-1 {
		view.Versions[i], view.Versions[j] = view.Versions[j], view.Versions[i]
	}
	s.render(w, r, status, "work.html", page{Title: wk.Name, Nav: "works", Error: msg, Data: view})
}

// handleWorkPage shows a work: its versions, what changed, feedback and
// ships, and a kind nudge when it could be shared.
func (s *Server) handleWorkPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wk, ok := pageRecord(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		s.workPage(w, r, http.StatusOK, wk, iterateForm{}, shipForm{}, nil, "")
	})
}

// handleWorkNewPage shows the form for a new work; ?goal= picks the goal.
func (s *Server) handleWorkNewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.workFormPage(w, r, http.StatusOK, workFormView{New: true, Form: workForm{Goal: r.URL.Query().Get("goal")}}, "")
	})
}

// handleWorkNew stores a new work and shows it.
func (s *Server) handleWorkNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := readWorkForm(r)
		wk, errs := form.parse()
		if len(errs) == 0 {
			if err := s.svc.Works.CreateWork(ctx, wk); err != nil && !workStoreError(errs, err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.workFormPage(w, r, http.StatusUnprocessableEntity, workFormView{New: true, Form: form, Errors: errs},
				"Almost there: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/works/%d", wk.ID), wk.Name+" is started. Log each pass as an iteration, and ship when it is good enough.")
	})
}

// handleWorkEditPage shows the form that edits a work.
func (s *Server) handleWorkEditPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wk, ok := pageRecord(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		s.workFormPage(w, r, http.StatusOK, workFormView{ID: wk.ID, Name: wk.Name, Form: workFormOf(wk)}, "")
	})
}

// handleWorkEdit stores a work's new fields.
func (s *Server) handleWorkEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		old, ok := recordAction(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		form := readWorkForm(r)
		wk, errs := form.parse()
		if len(errs) == 0 {
			upd := stride.WorkUpdate{Name: &wk.Name, GoalID: &wk.GoalID, DoneWhen: &wk.DoneWhen, NudgeAfter: &wk.NudgeAfter}
			if _, err := s.svc.Works.UpdateWork(ctx, old.ID, upd); err != nil && !workStoreError(errs, err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.workFormPage(w, r, http.StatusUnprocessableEntity, workFormView{ID: old.ID, Name: old.Name, Form: form, Errors: errs},
				"Nothing is changed yet: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/works/%d", old.ID), wk.Name+" is saved.")
	})
}

// handleWorkDeletePage asks first, then deletes a work with its log.
func (s *Server) handleWorkDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wk, ok := recordAction(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		s.deleteConfirmed(w, r, "works", confirmView{
			Question: "Delete " + wk.Name + "?",
			Detail:   "This removes the work with its whole refinement log, every version and ship, for good.",
			Action:   fmt.Sprintf("/works/%d/delete", wk.ID), Button: "Delete " + wk.Name, Cancel: fmt.Sprintf("/works/%d", wk.ID),
		}, func(ctx context.Context) error { return s.svc.Works.DeleteWork(ctx, wk.ID) }, "/works", wk.Name+" is deleted.")
	})
}
