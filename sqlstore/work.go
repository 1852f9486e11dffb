package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/strideapp/stride"
)

// WorkService implements stride.WorkService for the context's user.
//
// A work's version, shipped mark and count of unshipped iterations are
// kept in its row by AddIteration, under the row's lock, so lists read
// no iterations and two concurrent ships cannot both succeed.
type WorkService struct{ s *store }

var _ stride.WorkService = (*WorkService)(nil)

// Works are read with their goal's name; a work whose goal was deleted has
// none.
const workSelect = `SELECT w.id, w.user_id, w.goal_id, g.name, w.name, w.done_when, w.done_when_met, w.nudge_after,
	w.version, w.shipped, w.unshipped, w.created_at, w.updated_at FROM works w LEFT JOIN goals g ON g.id = w.goal_id`

const iterationSelect = `SELECT id, work_id, version, day, kind, changed, feedback, effort, note, created_at FROM work_iterations`

func workNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no work with id %d", id)
}

func workConflict(name string) error {
	return stride.Errorf(stride.ECONFLICT, "a work named %q already exists: pick another name, or add an iteration to it", name)
}

func scanWork(row rowScanner) (*stride.Work, error) {
	var (
		w    stride.Work
		goal sql.Null[int64]
		gn   sql.Null[string]
		met  sql.Null[int64]
	)
	if err := row.Scan(&w.ID, &w.UserID, &goal, &gn, &w.Name, &w.DoneWhen, &met, &w.NudgeAfter,
		&w.Version, &w.Shipped, &w.Unshipped, &w.CreatedAt, &w.UpdatedAt); err != nil {
		return nil, err
	}
	w.GoalID, w.Goal, w.DoneWhenMet = ptrOf(goal), gn.V, dateOf(met)
	return &w, nil
}

func scanIteration(row rowScanner) (*stride.Iteration, error) {
	var (
		it     stride.Iteration
		day    int
		effort sql.Null[float64]
	)
	if err := row.Scan(&it.ID, &it.WorkID, &it.Version, &day, &it.Kind, &it.Changed, &it.Feedback, &effort, &it.Note,
		&it.CreatedAt); err != nil {
		return nil, err
	}
	it.Day, it.Effort = stride.DateFromYMD(day), ptrOf(effort)
	return &it, nil
}

func queryIterations(ctx context.Context, q querier, query string, args ...any) ([]*stride.Iteration, error) {
	return queryAll(ctx, q, "find iterations", scanIteration, query, args...)
}

// workWhere returns the user's one work matching cond (on works w) with its
// iterations, in the order they were recorded, or notFound.
func workWhere(ctx context.Context, q querier, cond string, notFound error, args ...any) (*stride.Work, error) {
	w, err := queryOne(ctx, q, "find work", scanWork, notFound, workSelect+` WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	w.Iterations, err = queryIterations(ctx, q, iterationSelect+` WHERE work_id = $1 AND user_id = $2 ORDER BY id`, w.ID, w.UserID)
	if err != nil {
		return nil, err
	}
	return w, nil
}

func workByID(ctx context.Context, q querier, uid, id int64) (*stride.Work, error) {
	return workWhere(ctx, q, `w.id = $1 AND w.user_id = $2`, workNotFound(id), id, uid)
}

// FindWorkByID returns the work with its iterations, or ENOTFOUND (also for
// another user's work), EUNAUTHORIZED without a user, or an internal error.
func (ws *WorkService) FindWorkByID(ctx context.Context, id int64) (*stride.Work, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return workByID(ctx, ws.s.reads, uid, id)
}

// FindWorkByName returns the work with this name, case-insensitively,
// with its iterations, or ENOTFOUND, EUNAUTHORIZED without a user, or an
// internal error.
func (ws *WorkService) FindWorkByName(ctx context.Context, name string) (*stride.Work, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return workWhere(ctx, ws.s.reads, `w.user_id = $1 AND w.name_key = $2`,
		stride.Errorf(stride.ENOTFOUND, "no work named %q", strings.TrimSpace(name)), uid, nameKey(name))
}

// FindWorks returns the user's works matching filter, by name
// (case-insensitively), without their iterations. It returns ENOTFOUND
// when filter.GoalID is not one of the user's goals, EUNAUTHORIZED without
// a user, or an internal error.
func (ws *WorkService) FindWorks(ctx context.Context, filter stride.WorkFilter) ([]*stride.Work, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("w.user_id = ?", uid)
	if filter.GoalID != nil {
		if err := goalOfUser(ctx, ws.s.reads, uid, *filter.GoalID); err != nil {
			return nil, err
		}
		w.add("w.goal_id = ?", *filter.GoalID)
	}
	if filter.Shipped != nil {
		w.add("w.shipped = ?", *filter.Shipped)
	}
	works, err := queryAll(ctx, ws.s.reads, "find works", scanWork, workSelect+` WHERE `+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	// Sorted in Go: the databases' collations disagree on order.
	sort.SliceStable(works, func(i, j int) bool {
		a, b := nameKey(works[i].Name), nameKey(works[j].Name)
		if a != b {
			return a < b
		}
		return works[i].ID < works[j].ID
	})
	return works, nil
}

// workNameTaken returns the conflict when another work of the user has
// name's key, naming that work as it is written.
func workNameTaken(ctx context.Context, q querier, uid, except int64, name string) error {
	var taken string
	err := q.QueryRowContext(ctx, `SELECT name FROM works WHERE user_id = $1 AND name_key = $2 AND id <> $3`,
		uid, nameKey(name), except).Scan(&taken)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("check work name: %w", err)
	}
	return workConflict(taken)
}

// CreateWork validates w and stores it at version 1, nothing shipped, and
// sets its ID, UserID, goal name and times. It returns EINVALID for bad
// fields, ECONFLICT when the name is taken (case-insensitively), ENOTFOUND
// for a goal that is not the user's, EUNAUTHORIZED without a user, or an
// internal error.
func (ws *WorkService) CreateWork(ctx context.Context, w *stride.Work) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if err := w.Validate(); err != nil {
		return err
	}
	now := ws.s.now()
	var stored *stride.Work
	err = ws.s.inTx(ctx, func(tx *sql.Tx) error {
		if w.GoalID != nil {
			if err := goalOfUser(ctx, tx, uid, *w.GoalID); err != nil {
				return err
			}
		}
		if err := workNameTaken(ctx, tx, uid, 0, w.Name); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO works (user_id, goal_id, name, name_key, done_when, done_when_met, nudge_after,
			version, shipped, unshipped, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 1, FALSE, 0, $8, $8) RETURNING id`,
			uid, nullable(w.GoalID), w.Name, nameKey(w.Name), w.DoneWhen, nullYMD(w.DoneWhenMet), w.NudgeAfter, now).Scan(&id)
		if ws.s.isUnique(err) {
			return workConflict(w.Name)
		} else if err != nil {
			return fmt.Errorf("create work: %w", err)
		}
		stored, err = workByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return err
	}
	*w = *stored
	return nil
}

// UpdateWork changes the fields of upd that are set and returns the work
// with its iterations. It returns EINVALID for bad fields, ECONFLICT for a
// taken name, ENOTFOUND for an unknown work or a goal that is not the
// user's, EUNAUTHORIZED without a user, or an internal error.
func (ws *WorkService) UpdateWork(ctx context.Context, id int64, upd stride.WorkUpdate) (*stride.Work, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Work
	err = ws.s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := workByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		if upd.Name != nil {
			w.Name = *upd.Name
		}
		if upd.GoalID != nil {
			if g := *upd.GoalID; g != nil {
				if err := goalOfUser(ctx, tx, uid, *g); err != nil {
					return err
				}
			}
			w.GoalID = *upd.GoalID
		}
		if upd.DoneWhen != nil {
			w.DoneWhen = *upd.DoneWhen
		}
		if upd.DoneWhenMet != nil {
			w.DoneWhenMet = *upd.DoneWhenMet
		}
		if upd.NudgeAfter != nil {
			w.NudgeAfter = *upd.NudgeAfter
		}
		if err := w.Validate(); err != nil {
			return err
		}
		if upd.Name != nil {
			if err := workNameTaken(ctx, tx, uid, id, w.Name); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE works SET name = $1, name_key = $2, goal_id = $3, done_when = $4,
			done_when_met = $5, nudge_after = $6, updated_at = $7 WHERE id = $8 AND user_id = $9`,
			w.Name, nameKey(w.Name), nullable(w.GoalID), w.DoneWhen, nullYMD(w.DoneWhenMet), w.NudgeAfter, ws.s.now(),
			id, uid); err != nil {
			if ws.s.isUnique(err) {
				return workConflict(w.Name)
			}
			return fmt.Errorf("update work: %w", err)
		}
		out, err = workByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteWork removes a work with its iterations. It returns ENOTFOUND,
// EUNAUTHORIZED without a user, or an internal error.
func (ws *WorkService) DeleteWork(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return ws.s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM work_iterations WHERE work_id = $1 AND user_id = $2`, id, uid); err != nil {
			return fmt.Errorf("delete work: %w", err)
		}
		return deleteOne(ctx, tx, `DELETE FROM works WHERE id = $1 AND user_id = $2`, "delete work", workNotFound(id), id, uid)
	})
}

// AddIteration records an iteration or a ship (it.Kind) of the work and
// returns the work with its iterations; it sets it's ID, WorkID, Version
// and CreatedAt. An iteration after a ship starts the next version; a
// ship marks the current version shipped. It returns EINVALID for a bad
// iteration or no day, ECONFLICT for shipping a version already shipped,
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (ws *WorkService) AddIteration(ctx context.Context, workID int64, it *stride.Iteration) (*stride.Work, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	if err := it.Validate(); err != nil {
		return nil, err
	}
	if it.Day == 0 {
		return nil, stride.Errorf(stride.EINVALID, "an iteration needs a day")
	}
	now := ws.s.now()
	var (
		out *stride.Work
		id  int64
	)
	err = ws.s.inTx(ctx, func(tx *sql.Tx) error {
		// The row's lock first: on PostgreSQL a concurrent writer waits
		// here and then reads the values the first one committed.
		var (
			name               string
			version, unshipped int
			shipped            bool
		)
		err := tx.QueryRowContext(ctx, `UPDATE works SET updated_at = $1 WHERE id = $2 AND user_id = $3
			RETURNING name, version, shipped, unshipped`, now, workID, uid).Scan(&name, &version, &shipped, &unshipped)
		if errors.Is(err, sql.ErrNoRows) {
			return workNotFound(workID)
		} else if err != nil {
			return fmt.Errorf("add iteration: %w", err)
		}
		switch it.Kind {
		case stride.IterationShip:
			if shipped {
				return stride.Errorf(stride.ECONFLICT, "version %d of %q is shipped already: record an iteration to start version %d, then ship that",
					version, name, version+1)
			}
			shipped, unshipped = true, 0
		default:
			if shipped {
				version, shipped, unshipped = version+1, false, 0
			}
			unshipped++
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO work_iterations (work_id, user_id, version, day, kind, changed, feedback,
			effort, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			workID, uid, version, ymd(it.Day), it.Kind, it.Changed, it.Feedback, nullable(it.Effort), it.Note, now).Scan(&id); err != nil {
			return fmt.Errorf("add iteration: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE works SET version = $1, shipped = $2, unshipped = $3 WHERE id = $4 AND user_id = $5`,
			version, shipped, unshipped, workID, uid); err != nil {
			return fmt.Errorf("add iteration: %w", err)
		}
		it.Version = version
		out, err = workByID(ctx, tx, uid, workID)
		return err
	})
	if err != nil {
		return nil, err
	}
	it.ID, it.WorkID, it.CreatedAt = id, workID, now
	return out, nil
}

// FindIterations returns the iterations and ships of all the user's works
// from since to until (both included), oldest day first, then in the order
// they were recorded. It returns EUNAUTHORIZED without a user, or an
// internal error.
func (ws *WorkService) FindIterations(ctx context.Context, since, until stride.Date) ([]*stride.Iteration, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return queryIterations(ctx, ws.s.reads, iterationSelect+` WHERE user_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, id`,
		uid, ymd(since), ymd(until))
}
