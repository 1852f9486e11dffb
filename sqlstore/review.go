package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/review"
)

// ReviewService implements stride.ReviewService for the context's user.
// Summaries are computed by the review package over the services the
// store returns (svc), so they read the record as any transport would.
type ReviewService struct {
	s   *store
	svc *stride.Services
}

var _ stride.ReviewService = (*ReviewService)(nil)

const reviewSelect = `SELECT id, user_id, week, went_well, learned, obstacles, next_focus, summary, created_at, updated_at
	FROM reviews`

func reviewNotFound(week stride.Date) error {
	return stride.Errorf(stride.ENOTFOUND, "no review of the week of %s", week)
}

func scanReview(row rowScanner) (*stride.Review, error) {
	var (
		r       stride.Review
		week    int
		summary sql.Null[string]
	)
	if err := row.Scan(&r.ID, &r.UserID, &week, &r.WentWell, &r.Learned, &r.Obstacles, &r.NextFocus, &summary,
		&r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.Week = stride.DateFromYMD(week)
	if summary.Valid && summary.V != "" {
		r.Summary = &stride.WeekSummary{}
		if err := json.Unmarshal([]byte(summary.V), r.Summary); err != nil {
			return nil, fmt.Errorf("read the summary of the week of %s: %w", r.Week, err)
		}
	}
	return &r, nil
}

func reviewByWeek(ctx context.Context, q querier, uid int64, week stride.Date) (*stride.Review, error) {
	return queryOne(ctx, q, "find review", scanReview, reviewNotFound(week),
		reviewSelect+` WHERE user_id = $1 AND week = $2`, uid, ymd(week))
}

// FindReviewByWeek returns the review of the week starting on week, or
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (rs *ReviewService) FindReviewByWeek(ctx context.Context, week stride.Date) (*stride.Review, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return reviewByWeek(ctx, rs.s.reads, uid, week)
}

// FindReviews returns the user's reviews with their summaries, newest
// week first. It returns EUNAUTHORIZED without a user, or an internal
// error.
func (rs *ReviewService) FindReviews(ctx context.Context, filter stride.ReviewFilter) ([]*stride.Review, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	q := reviewSelect + ` WHERE user_id = $1 ORDER BY week DESC`
	if filter.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, filter.Limit)
	}
	return queryAll(ctx, rs.s.reads, "find reviews", scanReview, q, uid)
}

// SaveReview stores r as the review of r.Week, replacing the answers of an
// earlier save of that week, and sets r's fields from what was stored.
// r.Summary is stored as given; without one, a review saved before keeps
// its summary, and a new one gets the week's summary as it stands, days
// counted up to the week's last day or today (in the user's time zone),
// whichever comes first: the review keeps the week as it stood. It returns
// EINVALID when r.Week is not the first day of one of the user's weeks
// (naming the day that is) or for answers too long, EUNAUTHORIZED without
// a user, or an internal error, also when the summary cannot be computed.
func (rs *ReviewService) SaveReview(ctx context.Context, r *stride.Review) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Week == 0 {
		return stride.Errorf(stride.EINVALID, "a review needs its week: the first day of the week")
	}
	loc, ws, err := userPrefs(ctx, rs.s.reads, uid)
	if err != nil {
		return err
	}
	if first := r.Week.StartOfWeek(ws); first != r.Week {
		return stride.Errorf(stride.EINVALID, "%s is a %s, but your weeks start on %s: review the week of %s",
			r.Week, r.Week.Weekday(), ws, first)
	}
	var summary any // NULL keeps a stored summary
	if r.Summary != nil {
		b, err := json.Marshal(r.Summary)
		if err != nil {
			return fmt.Errorf("save review: %w", err)
		}
		summary = string(b)
	} else {
		var kept bool
		err := rs.s.reads.QueryRowContext(ctx, `SELECT summary IS NOT NULL FROM reviews WHERE user_id = $1 AND week = $2`,
			uid, ymd(r.Week)).Scan(&kept)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("save review: %w", err)
		}
		if !kept {
			today := min(r.Week.AddDays(6), stride.DateOf(rs.s.now().In(loc)))
			sum, err := review.SummarizeWeek(ctx, rs.svc, r.Week, today)
			if err != nil {
				return fmt.Errorf("summarise the week of %s: %w", r.Week, err)
			}
			b, err := json.Marshal(sum)
			if err != nil {
				return fmt.Errorf("save review: %w", err)
			}
			summary = string(b)
		}
	}
	var stored *stride.Review
	err = rs.s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (user_id, week, went_well, learned, obstacles, next_focus, summary,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
			ON CONFLICT (user_id, week) DO UPDATE SET went_well = excluded.went_well, learned = excluded.learned,
				obstacles = excluded.obstacles, next_focus = excluded.next_focus,
				summary = COALESCE(excluded.summary, reviews.summary), updated_at = excluded.updated_at`,
			uid, ymd(r.Week), r.WentWell, r.Learned, r.Obstacles, r.NextFocus, summary, rs.s.now()); err != nil {
			return fmt.Errorf("save review: %w", err)
		}
		stored, err = reviewByWeek(ctx, tx, uid, r.Week)
		return err
	})
	if err != nil {
		return err
	}
	*r = *stored
	return nil
}

// DeleteReview removes the review of the week starting on week. It
// returns ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (rs *ReviewService) DeleteReview(ctx context.Context, week stride.Date) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return deleteOne(ctx, rs.s.db, `DELETE FROM reviews WHERE user_id = $1 AND week = $2`, "delete review",
		reviewNotFound(week), uid, ymd(week))
}

// SummarizeWeek computes the summary of the week starting on week as the
// record stands, days counted up to today at most; see
// review.SummarizeWeek for its errors.
func (rs *ReviewService) SummarizeWeek(ctx context.Context, week, today stride.Date) (*stride.WeekSummary, error) {
	if _, err := stride.UserIDFromContext(ctx); err != nil {
		return nil, err
	}
	return review.SummarizeWeek(ctx, rs.svc, week, today)
}

// HowFarGoal compares a goal's first four weeks with its last four. It
// returns ENOTFOUND when the goal has fewer than eight weeks of record
// (or is not the user's); see review.HowFarGoal.
func (rs *ReviewService) HowFarGoal(ctx context.Context, goalID int64, today stride.Date) (*stride.HowFar, error) {
	if _, err := stride.UserIDFromContext(ctx); err != nil {
		return nil, err
	}
	return review.HowFarGoal(ctx, rs.svc, goalID, today)
}
