package http

import (
	"net/http"

	"github.com/strideapp/stride"
)

type boardData struct {
	Today stride.Date
	Goals []*stride.GoalStatus
}

// handleBoard shows the signed-in user's goals with their momentum: a
// placeholder for the full board.
func (s *Server) handleBoard() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		today := s.today(r.Context())
		board, err := s.svc.Status.Status(r.Context(), today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "board.html", page{Title: "Today", Data: boardData{Today: today, Goals: board}})
	})
}
