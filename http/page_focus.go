package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// focusOfferDays is how far back an unfinished focus is offered again.
const focusOfferDays = 7

// focusPanel is the day's one key task, at the top of the board and the
// focus page: set, done, or an earlier unfinished one offered again.
type focusPanel struct {
	Today   *stride.Focus
	Carried string        // where today's focus came from, when carried over
	Earlier *stride.Focus // an unfinished earlier focus, offered when today has none
	Offer   string
	Prompt  string
	Back    string // the page the panel's forms come back to
	Form    string // the text after an error
	Error   string
}

// focusView is the focus page: today's panel and the history.
type focusView struct {
	Panel *focusPanel
	Foci  []focusLine
}

// focusLine is one day's focus in the history.
type focusLine struct {
	ID      int64
	Day     string
	Text    string
	Done    bool
	Carried string
	Today   bool
}

// focusPanel reads the day's focus, or the latest unfinished one of the
// days before to offer again.
func (s *Server) focusPanel(ctx context.Context, today stride.Date, back string) (*focusPanel, error) {
	p := &focusPanel{Prompt: words.FocusPrompt, Back: back}
	f, err := s.svc.Focus.FindFocusByDay(ctx, today)
	switch stride.ErrorCode(err) {
	case "":
		p.Today = f
		if f.CarriedFrom != nil {
			p.Carried = words.FocusCarried(*f.CarriedFrom)
		}
		return p, nil
	case stride.ENOTFOUND:
	default:
		return nil, err
	}
	yesterday, since := today.AddDays(-1), today.AddDays(-focusOfferDays)
	earlier, err := s.svc.Focus.FindFoci(ctx, stride.FocusFilter{Since: &since, Until: &yesterday, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(earlier) == 1 && !earlier[0].Done {
		p.Earlier, p.Offer = earlier[0], words.FocusCarry(earlier[0])
	}
	return p, nil
}

// handleFocusPage shows today's focus and the focus of the days before.
func (s *Server) handleFocusPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.focusPage(w, r, http.StatusOK, "", "", "")
	})
}

// focusPage renders the focus page, with the set form's text and what to
// fix after an error.
func (s *Server) focusPage(w http.ResponseWriter, r *http.Request, status int, text, fix, msg string) {
	ctx := r.Context()
	today := s.today(ctx)
	panel, err := s.focusPanel(ctx, today, "/focus")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	panel.Form, panel.Error = text, fix
	foci, err := s.svc.Focus.FindFoci(ctx, stride.FocusFilter{Limit: 90})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	view := focusView{Panel: panel}
	for _, f := range foci {
		l := focusLine{ID: f.ID, Day: words.Day(f.Day), Text: f.Text, Done: f.Done, Today: f.Day == today}
		if f.CarriedFrom != nil {
			l.Carried = words.FocusCarried(*f.CarriedFrom)
		}
		view.Foci = append(view.Foci, l)
	}
	s.render(w, r, status, "focus.html", page{Title: "Focus", Nav: "focus", Error: msg, Data: view})
}

// handleFocusSetPage sets (or rewords) today's focus.
func (s *Server) handleFocusSetPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		back := localPath(r.PostFormValue("back"), "/")
		f := &stride.Focus{Day: s.today(ctx), Text: r.PostFormValue("text")}
		if err := f.Validate(); err != nil {
			s.focusRetry(w, r, back, r.PostFormValue("text"), stride.ErrorMessage(err))
			return
		}
		// Rewording today's focus keeps where it was carried from.
		old, err := s.svc.Focus.FindFocusByDay(ctx, f.Day)
		switch stride.ErrorCode(err) {
		case "":
			_, err = s.svc.Focus.UpdateFocus(ctx, old.ID, stride.FocusUpdate{Text: &f.Text})
		case stride.ENOTFOUND:
			err = s.svc.Focus.SetFocus(ctx, f)
		}
		if err != nil {
			if stride.ErrorCode(err) == stride.EINVALID {
				s.focusRetry(w, r, back, r.PostFormValue("text"), stride.ErrorMessage(err))
				return
			}
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, back, "Today's focus: "+f.Text+". One thing, before the day gets busy.")
	})
}

// focusRetry shows the focus form again with what to fix, 422, on the
// page it was sent from: the board or the focus page.
func (s *Server) focusRetry(w http.ResponseWriter, r *http.Request, back, text, fix string) {
	const msg = "The focus is not set yet: see the note beside the field."
	if back != "/" {
		s.focusPage(w, r, http.StatusUnprocessableEntity, text, fix, msg)
		return
	}
	view, err := s.board(r.Context(), s.today(r.Context()))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	view.Focus.Form, view.Focus.Error = text, fix
	s.render(w, r, http.StatusUnprocessableEntity, "board.html", page{Title: "Today", Nav: "today", Error: msg, Data: view})
}

// handleFocusDonePage marks a focus done.
func (s *Server) handleFocusDonePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := recordAction(s, w, r, "focus", s.svc.Focus.FindFocusByID)
		if !ok {
			return
		}
		done := true
		if _, err := s.svc.Focus.UpdateFocus(r.Context(), f.ID, stride.FocusUpdate{Done: &done}); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, localPath(r.PostFormValue("back"), "/"), words.FocusDoneLine(f))
	})
}

// handleFocusCarryPage makes an earlier unfinished focus today's, keeping
// the day it was first set.
func (s *Server) handleFocusCarryPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		f, ok := recordAction(s, w, r, "focus", s.svc.Focus.FindFocusByID)
		if !ok {
			return
		}
		today := s.today(ctx)
		back := localPath(r.PostFormValue("back"), "/")
		if f.Day >= today || f.Done {
			s.redirect(w, r, back, "That focus is already where it belongs: nothing to carry over.")
			return
		}
		// Setting today's focus would replace one set since the offer was
		// shown (another tab, a second device): keep it instead.
		cur, err := s.svc.Focus.FindFocusByDay(ctx, today)
		switch stride.ErrorCode(err) {
		case "":
			s.redirect(w, r, back, "Today already has a focus: "+cur.Text+". Nothing is carried over.")
			return
		case stride.ENOTFOUND:
		default:
			s.pageError(w, r, err)
			return
		}
		from := f.Day
		if f.CarriedFrom != nil {
			from = *f.CarriedFrom
		}
		carried := &stride.Focus{Day: today, Text: f.Text, CarriedFrom: &from}
		if err := s.svc.Focus.SetFocus(ctx, carried); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, back, "Carried over: "+f.Text+". Today is a fresh try.")
	})
}

// handleFocusDeletePage asks first, then deletes a day's focus.
func (s *Server) handleFocusDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := recordAction(s, w, r, "focus", s.svc.Focus.FindFocusByID)
		if !ok {
			return
		}
		what := "the focus of " + words.Day(f.Day)
		s.deleteConfirmed(w, r, "focus", confirmView{
			Question: "Delete " + what + "?",
			Detail:   "“" + strings.TrimSpace(f.Text) + "” goes from the record for good.",
			Action:   fmt.Sprintf("/focus/%d/delete", f.ID), Button: "Delete the focus", Cancel: "/focus",
		}, func(ctx context.Context) error { return s.svc.Focus.DeleteFocus(ctx, f.ID) }, "/focus", "Deleted "+what+".")
	})
}
