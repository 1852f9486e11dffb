package http

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

func (s *Server) handleDoubtList() http.Handler {
	return handleList(s, doubtFilter, func(ctx context.Context, f stride.DoubtFilter) ([]*stride.Doubt, error) {
		return s.svc.Doubts.FindDoubts(ctx, f)
	})
}

// doubtFilter reads ?since=, ?until= and ?limit=.
func doubtFilter(r *http.Request) (f stride.DoubtFilter, err error) {
	if f.Since, f.Until, err = sinceUntil(r); err != nil {
		return f, err
	}
	f.Limit, err = limitParam(r)
	return f, err
}

// doubtRequest is a new doubt: the doubt in the user's words, the
// evidence against it and a kinder reframe.
type doubtRequest struct {
	Date    *stride.Date `json:"date"`
	Text    string       `json:"text"`
	Against string       `json:"against"`
	Reframe string       `json:"reframe"`
}

func (s *Server) handleDoubtCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[doubtRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		d := &stride.Doubt{Day: s.today(r.Context()), Text: req.Text, Against: req.Against, Reframe: req.Reframe}
		if req.Date != nil {
			d.Day = *req.Date
		}
		if err := s.svc.Doubts.CreateDoubt(r.Context(), d); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, d)
	})
}

func (s *Server) handleDoubtGet() http.Handler {
	return handleGet(s, "doubt", func(ctx context.Context, id int64) (*stride.Doubt, error) {
		return s.svc.Doubts.FindDoubtByID(ctx, id)
	})
}

type doubtUpdateRequest struct {
	Date    *stride.Date `json:"date"`
	Text    *string      `json:"text"`
	Against *string      `json:"against"`
	Reframe *string      `json:"reframe"`
}

func (s *Server) handleDoubtUpdate() http.Handler {
	return handleUpdate(s, "doubt", func(r *http.Request, id int64, req doubtUpdateRequest) (*stride.Doubt, error) {
		return s.svc.Doubts.UpdateDoubt(r.Context(), id,
			stride.DoubtUpdate{Day: req.Date, Text: req.Text, Against: req.Against, Reframe: req.Reframe})
	})
}

// revisitRequest is a later look at a doubt: does it still hold?
type revisitRequest struct {
	Date  *stride.Date `json:"date"`
	Holds *bool        `json:"holds"`
	Note  string       `json:"note"`
}

func (s *Server) handleDoubtRevisit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "doubt")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[revisitRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.Holds == nil {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, `a revisit needs "holds": true when the doubt still holds, false when it no longer does`))
			return
		}
		if n := stride.TextLen(req.Note); n > stride.MaxTextLen {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, `"note" is %d characters: keep it under %d`, n, stride.MaxTextLen))
			return
		}
		rv := stride.Revisit{Day: s.today(r.Context()), Holds: *req.Holds, Note: req.Note}
		if req.Date != nil {
			rv.Day = *req.Date
		}
		d, err := s.svc.Doubts.RevisitDoubt(r.Context(), id, rv)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, d)
	})
}

func (s *Server) handleDoubtDelete() http.Handler {
	return handleDelete(s, "doubt", func(ctx context.Context, id int64) error {
		return s.svc.Doubts.DeleteDoubt(ctx, id)
	})
}
