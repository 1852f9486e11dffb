package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/strideapp/stride"
)

// DoubtService implements stride.DoubtService for the context's user.
type DoubtService struct{ s *store }

var _ stride.DoubtService = (*DoubtService)(nil)

const doubtSelect = `SELECT id, user_id, day, doubt, against, reframe, created_at, updated_at FROM doubts`

func doubtNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no doubt with id %d", id)
}

func scanDoubt(row rowScanner) (*stride.Doubt, error) {
	var (
		d   stride.Doubt
		day int
	)
	if err := row.Scan(&d.ID, &d.UserID, &day, &d.Text, &d.Against, &d.Reframe, &d.CreatedAt, &d.UpdatedAt); err != nil {
		return nil, err
	}
	d.Day, d.Revisits = stride.DateFromYMD(day), []stride.Revisit{}
	return &d, nil
}

// loadDoubts returns the doubts of query (doubtSelect and its conditions,
// whose arguments are args) with their revisits, oldest first: two
// queries. ids is a query of the doubts' ids over the same arguments.
func loadDoubts(ctx context.Context, q querier, query, ids string, args []any) ([]*stride.Doubt, error) {
	doubts, err := queryAll(ctx, q, "find doubts", scanDoubt, query, args...)
	if err != nil || len(doubts) == 0 {
		return doubts, err
	}
	type revisit struct {
		doubt int64
		stride.Revisit
	}
	revisits, err := queryAll(ctx, q, "find doubt revisits", func(row rowScanner) (r revisit, err error) {
		var day int
		err = row.Scan(&r.doubt, &day, &r.Holds, &r.Note)
		r.Day = stride.DateFromYMD(day)
		return r, err
	}, `SELECT doubt_id, day, holds, note FROM doubt_revisits WHERE doubt_id IN (`+ids+`) ORDER BY doubt_id, day, id`, args...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*stride.Doubt{}
	for _, d := range doubts {
		byID[d.ID] = d
	}
	for _, r := range revisits {
		if d := byID[r.doubt]; d != nil {
			d.Revisits = append(d.Revisits, r.Revisit)
		}
	}
	return doubts, nil
}

func doubtByID(ctx context.Context, q querier, uid, id int64) (*stride.Doubt, error) {
	ds, err := loadDoubts(ctx, q, doubtSelect+` WHERE id = $1 AND user_id = $2`,
		`SELECT id FROM doubts WHERE id = $1 AND user_id = $2`, []any{id, uid})
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, doubtNotFound(id)
	}
	return ds[0], nil
}

// FindDoubtByID returns the doubt with its revisits, or ENOTFOUND (also
// for another user's doubt), EUNAUTHORIZED without a user, or an internal
// error.
func (ds *DoubtService) FindDoubtByID(ctx context.Context, id int64) (*stride.Doubt, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return doubtByID(ctx, ds.s.reads, uid, id)
}

// FindDoubts returns the user's doubts matching filter with their
// revisits, newest day first (then newest first). It returns EUNAUTHORIZED
// without a user, or an internal error.
func (ds *DoubtService) FindDoubts(ctx context.Context, filter stride.DoubtFilter) ([]*stride.Doubt, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("user_id = ?", uid)
	w.addDays("day", filter.Since, filter.Until)
	order := ` ORDER BY day DESC, id DESC`
	ids := `SELECT id FROM doubts WHERE ` + w.String()
	if filter.Limit > 0 {
		order += fmt.Sprintf(` LIMIT %d`, filter.Limit)
		ids = `SELECT id FROM (` + ids + order + `) lim`
	}
	return loadDoubts(ctx, ds.s.reads, doubtSelect+` WHERE `+w.String()+order, ids, w.args)
}

// CreateDoubt validates d and stores it, and sets its ID, UserID and
// times; revisits are added by RevisitDoubt. It returns EINVALID for a
// blank doubt, no day or text too long, EUNAUTHORIZED without a user, or
// an internal error.
func (ds *DoubtService) CreateDoubt(ctx context.Context, d *stride.Doubt) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Day == 0 {
		return stride.Errorf(stride.EINVALID, "a doubt needs a day")
	}
	now := ds.s.now()
	var id int64
	if err := ds.s.db.QueryRowContext(ctx, `INSERT INTO doubts (user_id, day, doubt, against, reframe, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, uid, ymd(d.Day), d.Text, d.Against, d.Reframe, now).Scan(&id); err != nil {
		return fmt.Errorf("create doubt: %w", err)
	}
	d.ID, d.UserID, d.CreatedAt, d.UpdatedAt, d.Revisits = id, uid, now, now, []stride.Revisit{}
	return nil
}

// UpdateDoubt changes the fields of upd that are set and returns the
// doubt. It returns EINVALID for a bad result, ENOTFOUND, EUNAUTHORIZED
// without a user, or an internal error.
func (ds *DoubtService) UpdateDoubt(ctx context.Context, id int64, upd stride.DoubtUpdate) (*stride.Doubt, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Doubt
	err = ds.s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := doubtByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		if upd.Day != nil {
			if *upd.Day == 0 {
				return stride.Errorf(stride.EINVALID, "a doubt needs a day")
			}
			d.Day = *upd.Day
		}
		for _, f := range []struct{ from, to *string }{{upd.Text, &d.Text}, {upd.Against, &d.Against}, {upd.Reframe, &d.Reframe}} {
			if f.from != nil {
				*f.to = *f.from
			}
		}
		if err := d.Validate(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE doubts SET day = $1, doubt = $2, against = $3, reframe = $4, updated_at = $5
			WHERE id = $6 AND user_id = $7`, ymd(d.Day), d.Text, d.Against, d.Reframe, ds.s.now(), id, uid); err != nil {
			return fmt.Errorf("update doubt: %w", err)
		}
		out, err = doubtByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RevisitDoubt records a later look at the doubt (does it still hold?)
// and returns the doubt with every revisit. It returns EINVALID for a
// revisit without a day, before the doubt's day, or with a note too long,
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (ds *DoubtService) RevisitDoubt(ctx context.Context, id int64, r stride.Revisit) (*stride.Doubt, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	r.Note = strings.TrimSpace(r.Note)
	if r.Day == 0 {
		return nil, stride.Errorf(stride.EINVALID, "a revisit needs a day")
	}
	if n := stride.TextLen(r.Note); n > stride.MaxTextLen {
		return nil, stride.Errorf(stride.EINVALID, "note is %d characters: keep it under %d", n, stride.MaxTextLen)
	}
	var out *stride.Doubt
	err = ds.s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := doubtByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		if r.Day < d.Day {
			return stride.Errorf(stride.EINVALID, "a revisit on %s is before the doubt was written (%s): use %s or later", r.Day, d.Day, d.Day)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO doubt_revisits (doubt_id, user_id, day, holds, note) VALUES ($1, $2, $3, $4, $5)`,
			id, uid, ymd(r.Day), r.Holds, r.Note); err != nil {
			return fmt.Errorf("revisit doubt: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE doubts SET updated_at = $1 WHERE id = $2 AND user_id = $3`, ds.s.now(), id, uid); err != nil {
			return fmt.Errorf("revisit doubt: %w", err)
		}
		out, err = doubtByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteDoubt removes a doubt with its revisits. It returns ENOTFOUND,
// EUNAUTHORIZED without a user, or an internal error.
func (ds *DoubtService) DeleteDoubt(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return ds.s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM doubt_revisits WHERE doubt_id = $1 AND user_id = $2`, id, uid); err != nil {
			return fmt.Errorf("delete doubt: %w", err)
		}
		return deleteOne(ctx, tx, `DELETE FROM doubts WHERE id = $1 AND user_id = $2`, "delete doubt", doubtNotFound(id), id, uid)
	})
}
