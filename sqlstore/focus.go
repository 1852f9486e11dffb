package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/strideapp/stride"
)

// FocusService implements stride.FocusService for the context's user.
// The board shows today's focus, so every write bumps the user's data_rev
// (userTx) like the writes of goals and steps.
type FocusService struct{ s *store }

var _ stride.FocusService = (*FocusService)(nil)

const focusSelect = `SELECT id, user_id, day, task, done, done_at, carried_from, created_at, updated_at FROM focus`

func scanFocus(row rowScanner) (*stride.Focus, error) {
	var (
		f       stride.Focus
		day     int
		doneAt  sql.Null[time.Time]
		carried sql.Null[int64]
	)
	if err := row.Scan(&f.ID, &f.UserID, &day, &f.Text, &f.Done, &doneAt, &carried, &f.CreatedAt, &f.UpdatedAt); err != nil {
		return nil, err
	}
	f.Day, f.CarriedFrom, f.DoneAt = stride.DateFromYMD(day), dateOf(carried), ptrOf(doneAt)
	return &f, nil
}

func focusOne(ctx context.Context, q querier, cond string, notFound error, args ...any) (*stride.Focus, error) {
	return queryOne(ctx, q, "find focus", scanFocus, notFound, focusSelect+` WHERE `+cond, args...)
}

func focusNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no focus with id %d", id)
}

func focusByID(ctx context.Context, q querier, uid, id int64) (*stride.Focus, error) {
	return focusOne(ctx, q, `id = $1 AND user_id = $2`, focusNotFound(id), id, uid)
}

// FindFocusByDay returns the day's focus, or ENOTFOUND when none was set,
// EUNAUTHORIZED without a user, or an internal error.
func (fs *FocusService) FindFocusByDay(ctx context.Context, day stride.Date) (*stride.Focus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return focusOne(ctx, fs.s.reads, `user_id = $1 AND day = $2`,
		stride.Errorf(stride.ENOTFOUND, "no focus set for %s", day), uid, ymd(day))
}

// FindFocusByID returns the focus, or ENOTFOUND (also for another user's),
// EUNAUTHORIZED without a user, or an internal error.
func (fs *FocusService) FindFocusByID(ctx context.Context, id int64) (*stride.Focus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return focusByID(ctx, fs.s.reads, uid, id)
}

// FindFoci returns the user's foci matching filter, newest day first. It
// returns EUNAUTHORIZED without a user, or an internal error.
func (fs *FocusService) FindFoci(ctx context.Context, filter stride.FocusFilter) ([]*stride.Focus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("user_id = ?", uid)
	w.addDays("day", filter.Since, filter.Until)
	if filter.Done != nil {
		w.add("done = ?", *filter.Done)
	}
	q := focusSelect + ` WHERE ` + w.String() + ` ORDER BY day DESC`
	if filter.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, filter.Limit)
	}
	return queryAll(ctx, fs.s.reads, "find foci", scanFocus, q, w.args...)
}

// SetFocus stores f as the focus of f.Day: a day that has one gets f's
// text and CarriedFrom, and keeps its done mark only when the text is the
// same (setting it twice is setting it once; another task is not done
// yet). It sets f's fields from
// what was stored. It returns EINVALID for a blank or long task or no
// day, EUNAUTHORIZED without a user, or an internal error.
func (fs *FocusService) SetFocus(ctx context.Context, f *stride.Focus) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Day == 0 {
		return stride.Errorf(stride.EINVALID, "a focus needs a day")
	}
	if f.CarriedFrom != nil && *f.CarriedFrom >= f.Day {
		return stride.Errorf(stride.EINVALID, "a focus carried over to %s must come from an earlier day, not %s", f.Day, *f.CarriedFrom)
	}
	var stored *stride.Focus
	err = fs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		now := fs.s.now()
		// One statement whether the day has a focus or not; the unique
		// (user_id, day) decides, also between concurrent writers.
		if _, err := tx.ExecContext(ctx, `INSERT INTO focus (user_id, day, task, done, done_at, carried_from, created_at, updated_at)
			VALUES ($1, $2, $3, FALSE, NULL, $4, $5, $5)
			ON CONFLICT (user_id, day) DO UPDATE SET task = excluded.task, carried_from = excluded.carried_from,
				updated_at = excluded.updated_at,
				done = focus.done AND focus.task = excluded.task,
				done_at = CASE WHEN focus.task = excluded.task THEN focus.done_at END`,
			uid, ymd(f.Day), f.Text, nullYMD(f.CarriedFrom), now); err != nil {
			return fmt.Errorf("set focus: %w", err)
		}
		stored, err = focusOne(ctx, tx, `user_id = $1 AND day = $2`, fmt.Errorf("set focus: the focus of %s is gone", f.Day), uid, ymd(f.Day))
		return err
	})
	if err != nil {
		return err
	}
	*f = *stored
	return nil
}

// UpdateFocus changes the fields of upd that are set and returns the
// focus. Marking it done stamps DoneAt (kept when it was done already);
// marking it not done clears it. It returns EINVALID for a blank or long
// task, ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (fs *FocusService) UpdateFocus(ctx context.Context, id int64, upd stride.FocusUpdate) (*stride.Focus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Focus
	err = fs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		f, err := focusByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		now := fs.s.now()
		if upd.Text != nil {
			f.Text = *upd.Text
		}
		if upd.Done != nil {
			switch {
			case *upd.Done && !f.Done:
				f.DoneAt = &now
			case !*upd.Done:
				f.DoneAt = nil
			}
			f.Done = *upd.Done
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE focus SET task = $1, done = $2, done_at = $3, updated_at = $4
			WHERE id = $5 AND user_id = $6`, f.Text, f.Done, nullable(f.DoneAt), now, id, uid); err != nil {
			return fmt.Errorf("update focus: %w", err)
		}
		out, err = focusByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteFocus removes a focus. It returns ENOTFOUND, EUNAUTHORIZED without
// a user, or an internal error.
func (fs *FocusService) DeleteFocus(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return fs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		return deleteOne(ctx, tx, `DELETE FROM focus WHERE id = $1 AND user_id = $2`, "delete focus", focusNotFound(id), id, uid)
	})
}
