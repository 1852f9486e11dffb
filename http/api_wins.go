package http

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

// handleWinList answers the wins the record has earned, oldest first:
// ?goal_id= for one goal's, ?since= and ?until= (today at most) for a
// stretch, ?today= to read the record as of another day. Without ?since=
// it is the last 30 days up to until (stride.WinsSince), as stride wins
// and the wins page show them; an early since gives the whole record.
func (s *Server) handleWinList() http.Handler {
	type query struct {
		filter stride.WinFilter
		today  stride.Date
	}
	parse := func(r *http.Request) (q query, err error) {
		if q.filter.GoalID, err = idParam(r, "goal_id"); err != nil {
			return q, err
		}
		if q.filter.Since, q.filter.Until, err = sinceUntil(r); err != nil {
			return q, err
		}
		if q.today, err = s.todayParam(r); err != nil {
			return q, err
		}
		if q.filter.Since == nil {
			last := q.today
			if u := q.filter.Until; u != nil && *u < last {
				last = *u
			}
			since := stride.WinsSince(last)
			q.filter.Since = &since
		}
		return q, nil
	}
	return handleList(s, parse, func(ctx context.Context, q query) ([]*stride.Win, error) {
		return s.svc.Wins.FindWins(ctx, q.filter, q.today)
	})
}
