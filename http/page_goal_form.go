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

// goalForm is a goal's fields as the create and edit forms send them.
type goalForm struct {
	Name, Target, Why, DoneWhen, SmallestStep, Milestones, Start, TargetFrom string

	Parent string // the id of the goal it is part of, "" for none
}

// goalFormView is the create or edit page of a goal.
type goalFormView struct {
	New    bool
	ID     int64
	Name   string // the stored name, for the heading of the edit page
	Form   goalForm
	Errors fieldErrors
	// Taken is the goal that already has the name asked for, which the
	// note beside the name links to.
	Taken *stride.Goal
	// Parents are the goals it may be part of, for the "Part of" select.
	Parents []parentOption
}

// renderGoalForm shows the create or edit page with the "Part of" choices
// read afresh.
func (s *Server) renderGoalForm(w http.ResponseWriter, r *http.Request, status int, p page) {
	view := p.Data.(goalFormView)
	var err error
	if view.Parents, err = s.parentOptions(r.Context(), view.ID, view.Form.Parent, s.today(r.Context())); err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, status, "goal_form.html", p)
}

// nameTaken says beside the name field that another goal has it, with a
// link to that goal's page to edit it there; the store's conflict names
// no page. It returns false for any other error.
func (s *Server) nameTaken(ctx context.Context, view *goalFormView, err error) bool {
	if stride.ErrorCode(err) != stride.ECONFLICT {
		return false
	}
	if view.Errors == nil {
		view.Errors = fieldErrors{}
	}
	taken, ferr := s.svc.Goals.FindGoalByName(ctx, view.Form.Name)
	if ferr != nil { // gone again since: the conflict as the store said it
		view.Errors["name"] = stride.ErrorMessage(err)
		return true
	}
	view.Taken = taken
	view.Errors["name"] = fmt.Sprintf("A goal named “%s” already exists: pick another name, or open %s's page to edit it.", taken.Name, taken.Name)
	return true
}

func readGoalForm(r *http.Request) goalForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return goalForm{Name: v("name"), Target: v("target"), Why: v("why"), DoneWhen: v("done_when"),
		SmallestStep: v("smallest_step"), Milestones: v("milestones"), Start: v("start"), TargetFrom: v("target_from"),
		Parent: v("parent")}
}

// goalFormOf fills the edit form with a stored goal.
func goalFormOf(g *stride.Goal, today stride.Date) goalForm {
	var ms []string
	for _, m := range g.Milestones {
		ms = append(ms, stride.FormatNumber(m.Amount))
	}
	f := goalForm{Name: g.Name, Target: words.Target(g, g.Target), Why: g.Why, DoneWhen: g.DoneWhen,
		SmallestStep: g.SmallestStep, Milestones: strings.Join(ms, ", "), Start: g.SetStart.String(), TargetFrom: today.String()}
	if g.ParentID != nil {
		f.Parent = strconv.FormatInt(*g.ParentID, 10)
	}
	return f
}

// milestones reads "100, 250 500" as amounts in unit.
func (f goalForm) milestones(unit string) ([]float64, error) {
	var out []float64
	for _, part := range strings.FieldsFunc(f.Milestones, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		v, err := stride.ParseAmount(part, unit)
		if err != nil && strings.HasSuffix(stride.ErrorMessage(err), cliTakeBack) {
			return nil, stride.Errorf(stride.EINVALID, "Milestone %q must be more than 0: a milestone is a total to reach, such as 100.", part)
		} else if err != nil {
			return nil, stride.Errorf(stride.EINVALID, "%s. Separate milestones with commas, such as “100, 250, 500”.", strings.TrimSuffix(stride.ErrorMessage(err), "."))
		}
		out = append(out, v)
	}
	return out, nil
}

// parentGone says beside the "Part of" select that the goal chosen is no
// longer there (deleted meanwhile, from another tab or the CLI).
const parentGone = "That goal is no longer there: choose another, or none."

// handleGoalNewPage shows the form for a new goal.
func (s *Server) handleGoalNewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// ?parent= comes from a goal's "Add a sub-goal" link
		view := goalFormView{New: true, Form: goalForm{Start: s.today(r.Context()).String(), Parent: r.URL.Query().Get("parent")}}
		s.renderGoalForm(w, r, http.StatusOK, page{Title: "New goal", Nav: "goals", Data: view})
	})
}

// handleGoalNew creates a goal and puts it on the board.
func (s *Server) handleGoalNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		today := s.today(ctx)
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := readGoalForm(r)
		errs := fieldErrors{}
		if err := stride.ValidateGoalName(form.Name); err != nil {
			errs["name"] = stride.ErrorMessage(err)
		}
		start, err := formDate(form.Start, today, today)
		if err != nil {
			errs["start"] = stride.ErrorMessage(err)
		}
		t, dir, err := stride.ParseTarget(form.Target)
		if err != nil {
			errs["target"] = stride.ErrorMessage(err)
		}
		ms, err := form.milestones(t.Unit)
		if err != nil {
			errs["milestones"] = stride.ErrorMessage(err)
		}
		parent, err := formParent(form.Parent)
		if err != nil {
			errs["parent"] = stride.ErrorMessage(err)
		}
		t.From = start
		g := &stride.Goal{Name: form.Name, Why: form.Why, Unit: t.Unit, Direction: dir, Target: t, Targets: []stride.Target{t},
			DoneWhen: form.DoneWhen, SmallestStep: form.SmallestStep, ParentID: parent, Start: start, State: stride.GoalActive}
		for _, m := range ms {
			g.Milestones = append(g.Milestones, stride.Milestone{Amount: m})
		}
		if len(errs) == 0 {
			if err := g.Validate(); err != nil {
				errs["target"] = stride.ErrorMessage(err)
			}
		}
		view := goalFormView{New: true, Form: form, Errors: errs}
		if len(errs) == 0 {
			err := s.svc.Goals.CreateGoal(ctx, g)
			switch stride.ErrorCode(err) {
			case "":
			case stride.ECONFLICT:
				s.nameTaken(ctx, &view, err)
			case stride.EINVALID:
				errs["name"] = stride.ErrorMessage(err)
			case stride.ENOTFOUND: // the parent chosen is gone since
				errs["parent"] = parentGone
			default:
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.renderGoalForm(w, r, http.StatusUnprocessableEntity, page{Title: "New goal", Nav: "goals",
				Error: "Almost there: see the note beside the field.", Data: view})
			return
		}
		if g.Direction == stride.AtMost { // what was had is a record, not a step to urge
			s.redirect(w, r, "/", fmt.Sprintf("%s is on your board. A day with nothing logged counts as within the limit; record what you have when you have it.", g.Name))
			return
		}
		next := "log any amount, however small"
		if g.SmallestStep != "" {
			next = g.SmallestStep
		}
		s.redirect(w, r, "/", fmt.Sprintf("%s is on your board. A first step can be tiny: %s.", g.Name, next))
	})
}

// handleGoalEditPage shows the form that edits a goal.
func (s *Server) handleGoalEditPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.pageGoal(w, r)
		if !ok {
			return
		}
		view := goalFormView{ID: g.ID, Name: g.Name, Form: goalFormOf(g, s.today(r.Context()))}
		s.renderGoalForm(w, r, http.StatusOK, page{Title: "Edit " + g.Name, Nav: "goals", Data: view})
	})
}

// handleGoalEdit stores a goal's new fields; a changed target takes
// effect from the chosen day, earlier days keeping theirs.
func (s *Server) handleGoalEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		today := s.today(ctx)
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		form := readGoalForm(r)
		errs := fieldErrors{}
		if err := stride.ValidateGoalName(form.Name); err != nil {
			errs["name"] = stride.ErrorMessage(err)
		}
		// The form edits the start the goal was given (a step logged
		// earlier moves the goal's start back only while it is there):
		// sent back unchanged, it changes nothing.
		start, err := formDate(form.Start, today, g.SetStart)
		if err != nil {
			errs["start"] = stride.ErrorMessage(err)
		}
		ms, err := form.milestones(g.Unit)
		if err != nil {
			errs["milestones"] = stride.ErrorMessage(err)
		}
		parent, err := formParent(form.Parent)
		if err != nil {
			errs["parent"] = stride.ErrorMessage(err)
		}
		var target *stride.Target
		if form.Target != words.Target(g, g.Target) {
			t, dir, err := stride.ParseTarget(form.Target)
			if err == nil {
				err = stride.ValidateTarget(t, g.Unit)
			}
			if err == nil && dir != g.Direction {
				err = stride.Errorf(stride.EINVALID, "a target cannot turn a floor into a limit or back: keep “at most” as it was, or make a new goal")
			}
			from, ferr := formDate(form.TargetFrom, today, today)
			switch {
			case err != nil:
				errs["target"] = stride.ErrorMessage(err)
			case ferr != nil:
				errs["target_from"] = stride.ErrorMessage(ferr)
			default:
				t.From = from
				target = &t
			}
		}
		if len(errs) > 0 {
			s.renderGoalForm(w, r, http.StatusUnprocessableEntity, page{Title: "Edit " + g.Name, Nav: "goals",
				Error: "Nothing is changed yet: see the note beside the field.", Data: goalFormView{ID: g.ID, Name: g.Name, Form: form, Errors: errs}})
			return
		}
		upd := stride.GoalUpdate{Name: &form.Name, Why: &form.Why, DoneWhen: &form.DoneWhen, SmallestStep: &form.SmallestStep,
			Milestones: &ms, Start: &start, Target: target}
		if r.PostForm.Has("parent") { // a form without the field leaves the parent as it is
			upd.ParentID = &parent
		}
		after, err := s.svc.Goals.UpdateGoal(ctx, g.ID, upd)
		if err != nil {
			view := goalFormView{ID: g.ID, Name: g.Name, Form: form, Errors: fieldErrors{}}
			p := page{Title: "Edit " + g.Name, Nav: "goals", Data: view}
			switch {
			case s.nameTaken(ctx, &view, err):
				p.Data = view
			case stride.ErrorCode(err) == stride.ENOTFOUND && upd.ParentID != nil: // the parent chosen is gone since
				view.Errors["parent"] = parentGone
				p.Data = view
			case stride.ErrorCode(err) == stride.EINVALID:
				// What the store refused (a start after the first step):
				// nothing of the form is saved.
				p.Error = "Nothing is changed yet: " + stride.ErrorMessage(err)
			default:
				s.pageError(w, r, err)
				return
			}
			s.renderGoalForm(w, r, http.StatusUnprocessableEntity, p)
			return
		}
		msg := form.Name + " is saved."
		if target != nil {
			if from := max(target.From, after.Start); from == after.Start { // as the store keeps it
				msg = fmt.Sprintf("%s is saved: %s from its start, %s.", form.Name, words.Target(g, *target), words.Day(from))
			} else {
				msg = fmt.Sprintf("%s is saved: %s from %s on; earlier days keep the target they had.", form.Name, words.Target(g, *target), words.Day(from))
			}
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), msg)
	})
}
