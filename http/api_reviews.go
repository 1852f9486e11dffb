package http

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

// A review belongs to a week, named by its first day (YYYY-MM-DD) by the
// user's week start, as the store keeps it. The services check the day and
// name the first day when it is another; the API adds nothing to that but
// the default, this week.

// thisWeek returns the first day of the week holding today.
func thisWeek(r *http.Request, today stride.Date) stride.Date {
	return today.StartOfWeek(stride.UserFromContext(r.Context()).WeekStart)
}

// weekFromPath reads the {week} of the path.
func weekFromPath(r *http.Request) (stride.Date, error) {
	v := r.PathValue("week")
	var d stride.Date
	if err := d.UnmarshalText([]byte(v)); err != nil {
		return 0, stride.Errorf(stride.EINVALID, "week %q is not a day: use the first day of the week, YYYY-MM-DD", v)
	}
	return d, nil
}

// weekNotFound adds to a review's not-found the first day of its week,
// when the path named another day: that is the likelier mistake.
func weekNotFound(r *http.Request, week stride.Date, err error) error {
	start := stride.UserFromContext(r.Context()).WeekStart
	if first := week.StartOfWeek(start); stride.ErrorCode(err) == stride.ENOTFOUND && first != week {
		return stride.Errorf(stride.ENOTFOUND, "%s: a week's review is kept under its first day, %s (your weeks start on %s)",
			stride.ErrorMessage(err), first, start)
	}
	return err
}

func (s *Server) handleReviewList() http.Handler {
	return handleList(s, reviewFilter, func(ctx context.Context, f stride.ReviewFilter) ([]*stride.Review, error) {
		return s.svc.Reviews.FindReviews(ctx, f)
	})
}

// reviewFilter reads ?limit=.
func reviewFilter(r *http.Request) (f stride.ReviewFilter, err error) {
	f.Limit, err = limitParam(r)
	return f, err
}

// reviewRequest saves a week's review: the answers to the prompts, and
// optionally the summary to keep with them. Without one, the store keeps
// the summary of an earlier save, or summarises the week as it stands.
type reviewRequest struct {
	Week      *stride.Date        `json:"week"`
	WentWell  string              `json:"went_well"`
	Learned   string              `json:"learned"`
	Obstacles string              `json:"obstacles"`
	NextFocus string              `json:"next_focus"`
	Summary   *stride.WeekSummary `json:"summary"`
}

// handleReviewSave saves the review of a week (this week by default),
// replacing the answers of an earlier save of that week: 200 either way.
func (s *Server) handleReviewSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[reviewRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		rv := &stride.Review{
			Week: thisWeek(r, s.today(r.Context())), WentWell: req.WentWell, Learned: req.Learned,
			Obstacles: req.Obstacles, NextFocus: req.NextFocus, Summary: req.Summary,
		}
		if req.Week != nil {
			rv.Week = *req.Week
		}
		if err := s.svc.Reviews.SaveReview(r.Context(), rv); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, rv)
	})
}

func (s *Server) handleReviewGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		week, err := weekFromPath(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		rv, err := s.svc.Reviews.FindReviewByWeek(r.Context(), week)
		if err != nil {
			s.apiError(w, r, weekNotFound(r, week, err))
			return
		}
		encode(w, http.StatusOK, rv)
	})
}

func (s *Server) handleReviewDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		week, err := weekFromPath(r)
		if err == nil {
			err = weekNotFound(r, week, s.svc.Reviews.DeleteReview(r.Context(), week))
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleReviewSummary answers the summary of a week (?week=, its first
// day; this week by default) as the record stands, counting days up to
// ?today= at most.
func (s *Server) handleReviewSummary() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		today, err := s.todayParam(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		week := thisWeek(r, today)
		if day, err := dateParam(r, "week"); err != nil {
			s.apiError(w, r, err)
			return
		} else if day != nil {
			week = *day
		}
		sum, err := s.svc.Reviews.SummarizeWeek(r.Context(), week, today)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, sum)
	})
}

// handleGoalHowFar compares a goal's first four weeks with its last four.
// A goal with fewer than eight weeks of record is a 404 whose message says
// so, as the service answers.
func (s *Server) handleGoalHowFar() http.Handler {
	return handleGoalAsOf(s, func(ctx context.Context, id int64, today stride.Date) (*stride.HowFar, error) {
		return s.svc.Reviews.HowFarGoal(ctx, id, today)
	})
}
