package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/strideapp/stride"
)

// A day has at most one focus, so /api/v1/focus/{date} names a focus by
// its day, the way people think of it ("today's focus"): YYYY-MM-DD, or
// "today" in the user's time zone. The focus's id is accepted there too,
// since the records that point at a focus, and the API client's
// FindFocusByID, have its id; a day and an id never look alike.

// focusFromPath finds the focus the {date} of the path names.
func (s *Server) focusFromPath(r *http.Request) (*stride.Focus, error) {
	ctx := r.Context()
	v := r.PathValue("date")
	if v == "today" {
		return s.svc.Focus.FindFocusByDay(ctx, s.today(ctx))
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		return s.svc.Focus.FindFocusByID(ctx, id)
	}
	var day stride.Date
	if err := day.UnmarshalText([]byte(v)); err != nil {
		return nil, stride.Errorf(stride.EINVALID, `focus %q is not a day or an id: use YYYY-MM-DD, "today" or the focus's id`, v)
	}
	return s.svc.Focus.FindFocusByDay(ctx, day)
}

func (s *Server) handleFocusList() http.Handler {
	return handleList(s, focusFilter, func(ctx context.Context, f stride.FocusFilter) ([]*stride.Focus, error) {
		return s.svc.Focus.FindFoci(ctx, f)
	})
}

// focusFilter reads ?since=, ?until=, ?done= and ?limit=.
func focusFilter(r *http.Request) (f stride.FocusFilter, err error) {
	if f.Since, f.Until, err = sinceUntil(r); err != nil {
		return f, err
	}
	if f.Done, err = boolParam(r, "done"); err != nil {
		return f, err
	}
	f.Limit, err = limitParam(r)
	return f, err
}

// focusRequest sets a day's focus. CarriedFrom names the day an
// unfinished focus was first set, when it is offered again.
type focusRequest struct {
	Date        *stride.Date `json:"date"`
	Text        string       `json:"text"`
	Done        bool         `json:"done"`
	CarriedFrom *stride.Date `json:"carried_from"`
}

// handleFocusSet sets the focus of a day (today by default): a new one, or
// that day's focus with the new text (done only if the text is the same
// as the done one's). The answer is
// 200 either way: setting the day's focus twice is the same as once.
func (s *Server) handleFocusSet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[focusRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f := &stride.Focus{Day: s.today(r.Context()), Text: req.Text, Done: req.Done, CarriedFrom: req.CarriedFrom}
		if req.Date != nil {
			f.Day = *req.Date
		}
		if f.CarriedFrom != nil && *f.CarriedFrom >= f.Day {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, `"carried_from" %s must be a day before the focus's day %s`, f.CarriedFrom, f.Day))
			return
		}
		if err := s.svc.Focus.SetFocus(r.Context(), f); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, f)
	})
}

func (s *Server) handleFocusGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.focusFromPath(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, f)
	})
}

type focusUpdateRequest struct {
	Text *string `json:"text"`
	Done *bool   `json:"done"`
}

func (s *Server) handleFocusUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[focusUpdateRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f, err := s.focusFromPath(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f, err = s.svc.Focus.UpdateFocus(r.Context(), f.ID, stride.FocusUpdate{Text: req.Text, Done: req.Done})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, f)
	})
}

func (s *Server) handleFocusDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.focusFromPath(r)
		if err == nil {
			err = s.svc.Focus.DeleteFocus(r.Context(), f.ID)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
