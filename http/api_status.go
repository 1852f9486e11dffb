package http

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/strideapp/stride"
)

// maxHistoryDays bounds one history read: about ten years.
const maxHistoryDays = 3700

// handleStatus answers the board. Encoding 50 goals' lines costs about
// 20 times what reading a cached board from the store does
// (docs/BENCHMARKS.md), so each user's last answer is kept with the board
// it encodes and sent again while the board is the same, with an ETag a
// client can send back for a 304. When the user's data revision came with
// the token lookup and is the one the answer was kept under, the board is
// not even read.
func (s *Server) handleStatus() http.Handler {
	bodies := newBoardBodies(1000, 16<<20)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		today, err := s.todayParam(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		u := stride.UserFromContext(r.Context())
		uid, _ := stride.UserIDFromContext(r.Context())
		at := boardAtOf(u, today)
		b := bodies.fresh(uid, at)
		if b == nil {
			board, err := s.svc.Status.Status(r.Context(), today)
			if err != nil {
				s.apiError(w, r, err)
				return
			}
			if b = bodies.get(uid, board); b == nil {
				var buf bytes.Buffer
				_ = json.NewEncoder(&buf).Encode(nonNil(board)) // a board always encodes
				b = &boardBody{board: board, body: buf.Bytes(), etag: etagOf(buf.Bytes())}
			}
			// The revision was read before the board: kept under it, the
			// body stays exact until a write makes the next lookup read
			// a larger one.
			b = &boardBody{board: b.board, body: b.body, etag: b.etag, at: at}
			bodies.put(uid, b)
		}
		w.Header().Set("ETag", b.etag)
		if r.Header.Get("If-None-Match") == b.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b.body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(b.body) // the client went away: nothing left to tell it
	})
}

func (s *Server) handleGoalStatus() http.Handler {
	return handleGoalAsOf(s, func(ctx context.Context, id int64, today stride.Date) (*stride.GoalStatus, error) {
		return s.svc.Status.GoalStatus(ctx, id, today)
	})
}

// handleGoalHistory answers the days from ?from= (default: 90 days ago,
// or the goal's start when later) to ?today=.
func (s *Server) handleGoalHistory() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		today, err := s.todayParam(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		from, err := dateParam(r, "from")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if from == nil {
			g, err := s.svc.Goals.FindGoalByID(r.Context(), id)
			if err != nil {
				s.apiError(w, r, err)
				return
			}
			d := max(today.AddDays(-89), min(g.Start, today))
			from = &d
		}
		switch {
		case *from > today:
			s.apiError(w, r, stride.Errorf(stride.EINVALID, "?from=%s is after today (%s): give an earlier day", from, today))
			return
		case today-*from > maxHistoryDays:
			s.apiError(w, r, stride.Errorf(stride.EINVALID, "?from=%s asks for more than %d days: read the history in parts", from, maxHistoryDays))
			return
		}
		days, err := s.svc.Status.GoalHistory(r.Context(), id, *from, today)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(days))
	})
}
