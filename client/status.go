package client

import (
	"context"
	"net/http"
	"net/url"
	"sync"

	"github.com/strideapp/stride"
)

// StatusService reads the board and goal histories of the token's user.
// Every call passes today, so the caller's time zone decides what today is.
type StatusService struct{ c *Client }

var _ stride.StatusService = (*StatusService)(nil)

// Status returns the board on today: every goal active that day, by name.
// The API leaves each line's Goal out; the goals are fetched alongside and
// filled in, as a store does, with the Target of today.
func (s *StatusService) Status(ctx context.Context, today stride.Date) ([]*stride.GoalStatus, error) {
	var (
		board    []*stride.GoalStatus
		goals    []*stride.Goal
		bErr     error
		gErr     error
		wg       sync.WaitGroup
		goalsSvc = &GoalService{c: s.c}
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		goals, gErr = goalsSvc.FindGoals(ctx, stride.GoalFilter{})
	}()
	bErr = s.c.do(ctx, request{method: http.MethodGet, path: "/status", query: url.Values{"today": {today.String()}}, out: &board})
	wg.Wait()
	if bErr != nil {
		return nil, bErr
	}
	if gErr != nil {
		return nil, gErr
	}
	byID := make(map[int64]*stride.Goal, len(goals))
	for _, g := range goals {
		byID[g.ID] = g
	}
	for _, st := range board {
		if g := byID[st.ID]; g != nil {
			g.Target = g.TargetOn(today) // as of the board's day, as a store gives it
			st.Goal = g
		}
	}
	return board, nil
}

// GoalStatus returns the status of one goal in any state, or ENOTFOUND.
func (s *StatusService) GoalStatus(ctx context.Context, id int64, today stride.Date) (*stride.GoalStatus, error) {
	var (
		st   stride.GoalStatus
		g    *stride.Goal
		gErr error
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		g, gErr = (&GoalService{c: s.c}).FindGoalByID(ctx, id)
	}()
	err := s.c.do(ctx, request{method: http.MethodGet, path: goalPath(id) + "/status",
		query: url.Values{"today": {today.String()}}, out: &st})
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if gErr != nil {
		return nil, gErr
	}
	g.Target = g.TargetOn(today) // as of the status's day, as a store gives it
	st.Goal = g
	return &st, nil
}

// GoalHistory returns every day from from to today (inclusive) with
// amounts and momentum; ENOTFOUND, EINVALID when from is after today.
func (s *StatusService) GoalHistory(ctx context.Context, id int64, from, today stride.Date) ([]stride.Day, error) {
	var days []stride.Day
	err := s.c.do(ctx, request{method: http.MethodGet, path: goalPath(id) + "/history",
		query: url.Values{"from": {from.String()}, "today": {today.String()}}, out: &days})
	if err != nil {
		return nil, err
	}
	return days, nil
}
