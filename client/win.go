package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/strideapp/stride"
)

// WinService reaches the wins the record of the token's user has earned.
type WinService struct{ c *Client }

var _ stride.WinService = (*WinService)(nil)

// FindWins returns the wins earned from since to until (today at most),
// oldest first; ENOTFOUND for a goal that is not the user's.
func (s *WinService) FindWins(ctx context.Context, f stride.WinFilter, today stride.Date) ([]*stride.Win, error) {
	q := url.Values{"today": {today.String()}}
	if f.GoalID != nil {
		q.Set("goal_id", itoa(*f.GoalID))
	}
	if f.Since == nil {
		// the whole record, as stride.WinService promises: without since
		// the server answers its default stretch, the last 30 days
		q.Set("since", stride.Date(0).String())
	}
	setRange(q, f.Since, f.Until)
	var wins []*stride.Win
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/wins", query: q, out: &wins}); err != nil {
		return nil, err
	}
	return wins, nil
}
