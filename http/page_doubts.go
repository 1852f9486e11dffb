package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/review"
	"github.com/strideapp/stride/words"
)

// doubtsView is the doubt journal.
type doubtsView struct {
	Intro  string
	Doubts []doubtLine
}

// doubtLine is one doubt in the journal.
type doubtLine struct {
	ID      int64
	Day     string
	Text    string
	Reframe string
	Last    string // what the latest revisit found, if any
}

// doubtView is one doubt's page, with its revisits and the form that
// asks whether it still holds.
type doubtView struct {
	Doubt    *stride.Doubt
	Day      string
	Revisits []revisitLine
	Question words.FormQuestion
	Intro    string
	Form     revisitForm
	Errors   fieldErrors
}

// revisitLine is one revisit of a doubt.
type revisitLine struct {
	Day   string
	Found string
	Holds bool
	Note  string
}

// revisitForm is the revisit form's values.
type revisitForm struct{ Holds, Note string }

// doubtForm is a doubt's fields as the form sends them.
type doubtForm struct{ Text, Against, Reframe, Date string }

// doubtFormView is the create or edit page of a doubt.
type doubtFormView struct {
	New      bool
	ID       int64
	Form     doubtForm
	Errors   fieldErrors
	Intro    string
	Evidence []string // facts from the user's record, to weigh the doubt against
	NoFacts  string
	Against  words.FormQuestion
	Reframe  words.FormQuestion
}

func readDoubtForm(r *http.Request) doubtForm {
	return doubtForm{Text: r.PostFormValue("text"), Against: r.PostFormValue("against"), Reframe: r.PostFormValue("reframe"),
		Date: strings.TrimSpace(r.PostFormValue("date"))}
}

func doubtFormOf(d *stride.Doubt) doubtForm {
	return doubtForm{Text: d.Text, Against: d.Against, Reframe: d.Reframe, Date: d.Day.String()}
}

// parse checks the form.
func (f doubtForm) parse(today stride.Date) (*stride.Doubt, fieldErrors) {
	errs := fieldErrors{}
	d := &stride.Doubt{Text: f.Text, Against: f.Against, Reframe: f.Reframe}
	var err error
	if d.Day, err = formDate(f.Date, today, today); err != nil {
		errs["date"] = stride.ErrorMessage(err)
	}
	checkLen(errs, "text", "The doubt", f.Text, stride.MaxTextLen)
	checkLen(errs, "against", "The evidence", f.Against, stride.MaxTextLen)
	checkLen(errs, "reframe", "The reframe", f.Reframe, stride.MaxTextLen)
	if len(errs) == 0 {
		if err := d.Validate(); err != nil {
			errs["text"] = stride.ErrorMessage(err)
		}
	}
	return d, errs
}

// doubtFormPage renders the doubt form with the evidence of the user's
// own record of the last 30 days.
func (s *Server) doubtFormPage(w http.ResponseWriter, r *http.Request, status int, view doubtFormView, msg string) {
	ctx := r.Context()
	var err error
	if view.Evidence, err = review.DoubtEvidence(ctx, s.svc, s.today(ctx)); err != nil {
		s.pageError(w, r, err)
		return
	}
	view.NoFacts, view.Intro = words.NoEvidenceYet, words.DoubtIntro
	view.Against, view.Reframe = words.DoubtQuestions.Against, words.DoubtQuestions.Reframe
	title := "Write a doubt down"
	if !view.New {
		title = "Edit a doubt"
	}
	s.render(w, r, status, "doubt_form.html", page{Title: title, Nav: "doubts", Error: msg, Data: view})
}

// handleDoubtsPage lists the doubts, newest first.
func (s *Server) handleDoubtsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doubts, err := s.svc.Doubts.FindDoubts(r.Context(), stride.DoubtFilter{})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view := doubtsView{Intro: words.DoubtIntro}
		for _, d := range doubts {
			l := doubtLine{ID: d.ID, Day: words.Day(d.Day), Text: excerpt(d.Text, 140), Reframe: excerpt(d.Reframe, 140)}
			if n := len(d.Revisits); n > 0 {
				l.Last = words.Revisit(d.Revisits[n-1]) + " on " + words.Day(d.Revisits[n-1].Day)
			}
			view.Doubts = append(view.Doubts, l)
		}
		s.render(w, r, http.StatusOK, "doubts.html", page{Title: "Doubts", Nav: "doubts", Data: view})
	})
}

// doubtPage renders a doubt with its revisits and the revisit form.
func (s *Server) doubtPage(w http.ResponseWriter, r *http.Request, status int, d *stride.Doubt, form revisitForm, errs fieldErrors, msg string) {
	view := doubtView{Doubt: d, Day: words.Day(d.Day), Question: words.DoubtQuestions.Holds, Intro: words.RevisitIntro, Form: form, Errors: errs}
	for _, rv := range d.Revisits {
		view.Revisits = append(view.Revisits, revisitLine{Day: words.Day(rv.Day), Found: words.Revisit(rv), Holds: rv.Holds, Note: rv.Note})
	}
	s.render(w, r, status, "doubt.html", page{Title: "A doubt of " + view.Day, Nav: "doubts", Error: msg, Data: view})
}

// handleDoubtPage shows a doubt, its evidence and reframe, and its revisits.
func (s *Server) handleDoubtPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, ok := pageRecord(s, w, r, "doubt", s.svc.Doubts.FindDoubtByID)
		if !ok {
			return
		}
		s.doubtPage(w, r, http.StatusOK, d, revisitForm{}, nil, "")
	})
}

// handleDoubtNewPage shows the form for a new doubt with evidence prompts.
func (s *Server) handleDoubtNewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.doubtFormPage(w, r, http.StatusOK, doubtFormView{New: true, Form: doubtForm{Date: s.today(r.Context()).String()}}, "")
	})
}

// handleDoubtNew stores a new doubt.
func (s *Server) handleDoubtNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := readDoubtForm(r)
		d, errs := form.parse(s.today(ctx))
		if len(errs) == 0 {
			if err := s.svc.Doubts.CreateDoubt(ctx, d); err != nil && !storeFieldError(errs, "text", err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.doubtFormPage(w, r, http.StatusUnprocessableEntity, doubtFormView{New: true, Form: form, Errors: errs},
				"Almost there: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/doubts/%d", d.ID), "Written down. A doubt on paper is smaller than one in your head; you can look at it again any time.")
	})
}

// handleDoubtEditPage shows the form that edits a doubt.
func (s *Server) handleDoubtEditPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, ok := pageRecord(s, w, r, "doubt", s.svc.Doubts.FindDoubtByID)
		if !ok {
			return
		}
		s.doubtFormPage(w, r, http.StatusOK, doubtFormView{ID: d.ID, Form: doubtFormOf(d)}, "")
	})
}

// handleDoubtEdit stores a doubt's new words.
func (s *Server) handleDoubtEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		old, ok := recordAction(s, w, r, "doubt", s.svc.Doubts.FindDoubtByID)
		if !ok {
			return
		}
		form := readDoubtForm(r)
		d, errs := form.parse(s.today(ctx))
		if len(errs) == 0 {
			upd := stride.DoubtUpdate{Day: &d.Day, Text: &d.Text, Against: &d.Against, Reframe: &d.Reframe}
			if _, err := s.svc.Doubts.UpdateDoubt(ctx, old.ID, upd); err != nil && !storeFieldError(errs, "text", err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.doubtFormPage(w, r, http.StatusUnprocessableEntity, doubtFormView{ID: old.ID, Form: form, Errors: errs},
				"Nothing is changed yet: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/doubts/%d", old.ID), "The doubt is saved.")
	})
}

// handleDoubtRevisitPage records a later look at a doubt: does it still hold?
func (s *Server) handleDoubtRevisitPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		d, ok := recordAction(s, w, r, "doubt", s.svc.Doubts.FindDoubtByID)
		if !ok {
			return
		}
		form := revisitForm{Holds: r.PostFormValue("holds"), Note: strings.TrimSpace(r.PostFormValue("note"))}
		errs := fieldErrors{}
		if form.Holds != "yes" && form.Holds != "no" {
			errs["holds"] = "Pick one: it still holds, or it no longer does."
		}
		checkLen(errs, "note", "The note", form.Note, stride.MaxTextLen)
		rv := stride.Revisit{Day: s.today(ctx), Holds: form.Holds == "yes", Note: form.Note}
		if len(errs) == 0 {
			if _, err := s.svc.Doubts.RevisitDoubt(ctx, d.ID, rv); err != nil && !storeFieldError(errs, "note", err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.doubtPage(w, r, http.StatusUnprocessableEntity, d, form, errs, "Not saved yet: see the note beside the form.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/doubts/%d", d.ID), words.DoubtRevisited(rv.Holds))
	})
}

// handleDoubtDeletePage asks first, then deletes a doubt with its revisits.
func (s *Server) handleDoubtDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d, ok := recordAction(s, w, r, "doubt", s.svc.Doubts.FindDoubtByID)
		if !ok {
			return
		}
		what := "the doubt of " + words.Day(d.Day)
		s.deleteConfirmed(w, r, "doubts", confirmView{
			Question: "Delete " + what + "?",
			Detail:   "“" + excerpt(d.Text, 80) + "” goes for good, with its evidence, reframe and revisits.",
			Action:   fmt.Sprintf("/doubts/%d/delete", d.ID), Button: "Delete the doubt", Cancel: fmt.Sprintf("/doubts/%d", d.ID),
		}, func(ctx context.Context) error { return s.svc.Doubts.DeleteDoubt(ctx, d.ID) }, "/doubts", "Deleted "+what+".")
	})
}
