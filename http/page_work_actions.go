package http

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// handleWorkIteratePage logs an iteration of a work: what changed, the
// feedback received and the effort. After a ship it starts the next version.
func (s *Server) handleWorkIteratePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		wk, ok := recordAction(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		form := iterateForm{Changed: r.PostFormValue("changed"), Feedback: r.PostFormValue("feedback"), Effort: strings.TrimSpace(r.PostFormValue("effort"))}
		errs := fieldErrors{}
		it := &stride.Iteration{Kind: stride.IterationChange, Day: s.today(ctx), Changed: form.Changed, Feedback: form.Feedback}
		if form.Effort != "" {
			m, ok := stride.ParseDurationMinutes(form.Effort)
			if !ok || m < 0 || m > 24*60 {
				errs["effort"] = fmt.Sprintf("Effort %q is not a time spent: use minutes (20), or 1h30m, up to 24h.", form.Effort)
			} else {
				it.Effort = &m
			}
		}
		checkLen(errs, "changed", "What changed", form.Changed, stride.MaxTextLen)
		checkLen(errs, "feedback", "The feedback", form.Feedback, stride.MaxTextLen)
		if len(errs) == 0 {
			if err := it.Validate(); err != nil {
				errs["changed"] = stride.ErrorMessage(err)
			}
		}
		var after *stride.Work
		if len(errs) == 0 {
			var err error
			if after, err = s.svc.Works.AddIteration(ctx, wk.ID, it); err != nil && !storeFieldError(errs, "changed", err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.workPage(w, r, http.StatusUnprocessableEntity, wk, form, shipForm{}, errs, "The iteration is not logged yet: see the note beside the field.")
			return
		}
		msg := fmt.Sprintf("Iteration logged for %s, version %d.", after.Name, after.Version)
		if after.Version > wk.Version {
			msg = fmt.Sprintf("Version %d of %s is started.", after.Version, after.Name)
		}
		if nudge := words.WorkNudge(after); nudge != "" {
			msg += " " + nudge
		}
		s.redirect(w, r, fmt.Sprintf("/works/%d", wk.ID), msg)
	})
}

// handleWorkShipPage ships the current version of a work, with a note.
func (s *Server) handleWorkShipPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		wk, ok := recordAction(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		form := shipForm{Note: r.PostFormValue("note")}
		it := &stride.Iteration{Kind: stride.IterationShip, Day: s.today(ctx), Note: form.Note}
		errs := fieldErrors{}
		checkLen(errs, "ship_note", "The note", form.Note, stride.MaxTextLen)
		if len(errs) > 0 {
			s.workPage(w, r, http.StatusUnprocessableEntity, wk, iterateForm{}, form, errs, "Not shipped yet: see the note beside the field.")
			return
		}
		after, err := s.svc.Works.AddIteration(ctx, wk.ID, it)
		switch stride.ErrorCode(err) {
		case "":
		case stride.ECONFLICT:
			s.redirect(w, r, fmt.Sprintf("/works/%d", wk.ID), fmt.Sprintf("Version %d is already shipped. Log an iteration to start the next one.", wk.Version))
			return
		case stride.EINVALID:
			errs["ship_note"] = stride.ErrorMessage(err)
			s.workPage(w, r, http.StatusUnprocessableEntity, wk, iterateForm{}, form, errs, "Not shipped yet: see the note beside the field.")
			return
		default:
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, fmt.Sprintf("/works/%d", wk.ID), words.ShippedLine(after, after.Version))
	})
}

// handleWorkMetPage marks a work's done-when met today, or clears the
// mark (met=no).
func (s *Server) handleWorkMetPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		wk, ok := recordAction(s, w, r, "work", s.svc.Works.FindWorkByID)
		if !ok {
			return
		}
		if wk.DoneWhen == "" {
			s.renderError(w, r, http.StatusUnprocessableEntity, wk.Name+" has no done-when yet: say what “complete” means on its edit page first.")
			return
		}
		var day *stride.Date
		msg := "The done-when of " + wk.Name + " is open again."
		if r.PostFormValue("met") != "no" {
			today := s.today(ctx)
			day = &today
			msg = "The done-when of " + wk.Name + " is met: good enough is a real finish line."
		}
		after, err := s.svc.Works.UpdateWork(ctx, wk.ID, stride.WorkUpdate{DoneWhenMet: &day})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if day != nil && !after.Shipped {
			msg += " Ship it when you are ready; it stays open to revision."
		}
		s.redirect(w, r, fmt.Sprintf("/works/%d", wk.ID), msg)
	})
}
