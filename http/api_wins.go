package http

import (
	"net/http"

	"github.com/strideapp/stride"
)

// handleWinList answers the wins the record has earned, oldest first:
// ?goal_id= for one goal's, ?since= and ?until= (today at most) for a
// stretch, ?today= to read the record as of another day.
func (s *Server) handleWinList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var f stride.WinFilter
		var err error
		if f.GoalID, err = idParam(r, "goal_id"); err != nil {
			s.apiError(w, r, err)
			return
		}
		if f.Since, f.Until, err = sinceUntil(r); err != nil {
			s.apiError(w, r, err)
			return
		}
		today, err := s.todayParam(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		wins, err := s.svc.Wins.FindWins(r.Context(), f, today)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(wins))
	})
}
