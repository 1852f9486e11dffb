package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/strideapp/stride"
)

// ReviewService reaches the weekly reviews of the token's user and the
// server's summaries of the record.
type ReviewService struct{ c *Client }

var _ stride.ReviewService = (*ReviewService)(nil)

// reviewBody is the body of POST /api/v1/reviews.
type reviewBody struct {
	Week      stride.Date         `json:"week"`
	WentWell  string              `json:"went_well"`
	Learned   string              `json:"learned"`
	Obstacles string              `json:"obstacles"`
	NextFocus string              `json:"next_focus"`
	Summary   *stride.WeekSummary `json:"summary,omitempty"`
}

func reviewPath(week stride.Date) string { return "/reviews/" + week.String() }

func setReviewUser(r *stride.Review, uid int64) { r.UserID = uid }

func (s *ReviewService) one(ctx context.Context, r request) (*stride.Review, error) {
	return doOne(ctx, s.c, r, setReviewUser)
}

// FindReviewByWeek returns the review of the week starting on week, or
// ENOTFOUND; EINVALID when week is not a first day of the user's week.
func (s *ReviewService) FindReviewByWeek(ctx context.Context, week stride.Date) (*stride.Review, error) {
	return s.one(ctx, request{method: http.MethodGet, path: reviewPath(week)})
}

// FindReviews returns reviews newest week first.
func (s *ReviewService) FindReviews(ctx context.Context, f stride.ReviewFilter) ([]*stride.Review, error) {
	q := url.Values{}
	setLimit(q, f.Limit)
	return doList(ctx, s.c, request{method: http.MethodGet, path: "/reviews", query: q}, setReviewUser)
}

// SaveReview stores r as the review of r.Week, replacing the answers of an
// earlier save of that week, and sets r's fields from what was stored. A
// review without a summary is kept with the server's summary of the week
// as the record stands. EINVALID when r.Week is not a first day of the
// user's week. It is safe to repeat, so it is retried once after a network
// failure.
func (s *ReviewService) SaveReview(ctx context.Context, r *stride.Review) error {
	saved, err := s.one(ctx, request{method: http.MethodPost, path: "/reviews", retry: true,
		body: reviewBody{Week: r.Week, WentWell: r.WentWell, Learned: r.Learned, Obstacles: r.Obstacles,
			NextFocus: r.NextFocus, Summary: r.Summary}})
	if err != nil {
		return err
	}
	*r = *saved
	return nil
}

// DeleteReview removes the review of the week; ENOTFOUND.
func (s *ReviewService) DeleteReview(ctx context.Context, week stride.Date) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: reviewPath(week)})
}

// SummarizeWeek returns the server's summary of the week starting on
// week as the record stands, counting days up to today at most.
func (s *ReviewService) SummarizeWeek(ctx context.Context, week, today stride.Date) (*stride.WeekSummary, error) {
	q := url.Values{"week": {week.String()}, "today": {today.String()}}
	var sum stride.WeekSummary
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/reviews/summary", query: q, out: &sum}); err != nil {
		return nil, err
	}
	return &sum, nil
}

// HowFarGoal compares a goal's first four weeks with its last four, or
// returns nil when it has fewer than eight weeks of record; ENOTFOUND.
func (s *ReviewService) HowFarGoal(ctx context.Context, goalID int64, today stride.Date) (*stride.HowFar, error) {
	var far *stride.HowFar
	q := url.Values{"today": {today.String()}}
	if err := s.c.do(ctx, request{method: http.MethodGet, path: goalPath(goalID) + "/how-far", query: q, out: &far}); err != nil {
		return nil, err
	}
	return far, nil
}
