package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/strideapp/stride"
)

// StepService implements stride.StepService for the context's user.
type StepService struct{ s *store }

var _ stride.StepService = (*StepService)(nil)

// Steps are read with their goal's name and unit.
const stepSelect = `SELECT s.id, s.user_id, s.goal_id, g.name, g.unit, s.day, s.minute, s.amount, s.effort, s.energy,
	s.note, s.learned, s.request_id, s.created_at FROM steps s JOIN goals g ON g.id = s.goal_id`

func scanStep(row interface{ Scan(...any) error }) (*stride.Step, error) {
	var (
		st      stride.Step
		day     int
		minute  sql.Null[int64]
		effort  sql.Null[float64]
		energy  sql.Null[int64]
		request sql.Null[string]
	)
	if err := row.Scan(&st.ID, &st.UserID, &st.GoalID, &st.Goal, &st.Unit, &day, &minute, &st.Amount, &effort, &energy,
		&st.Note, &st.Learned, &request, &st.CreatedAt); err != nil {
		return nil, err
	}
	st.Day, st.Time, st.Effort, st.Energy = stride.DateFromYMD(day), intPtr(minute), ptrOf(effort), intPtr(energy)
	st.RequestID = request.V
	return &st, nil
}

func stepByID(ctx context.Context, q querier, uid, id int64) (*stride.Step, error) {
	st, err := scanStep(q.QueryRowContext(ctx, stepSelect+` WHERE s.id = $1 AND s.user_id = $2`, id, uid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, stepNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("find step: %w", err)
	}
	return st, nil
}

// stepByRequest returns the user's step stored under a request id, or nil.
func stepByRequest(ctx context.Context, q querier, uid int64, requestID string) (*stride.Step, error) {
	st, err := scanStep(q.QueryRowContext(ctx, stepSelect+` WHERE s.user_id = $1 AND s.request_id = $2`, uid, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find step by request id: %w", err)
	}
	return st, nil
}

// FindStepByID returns the step, or ENOTFOUND (also for another user's
// step), EUNAUTHORIZED without a user, or an internal error.
func (ss *StepService) FindStepByID(ctx context.Context, id int64) (*stride.Step, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	return stepByID(ctx, ss.s.reads, uid, id)
}

// FindSteps returns the user's steps matching filter, by day, time of day
// (steps without one first) and id, or newest first with Latest. It
// returns ENOTFOUND when filter.GoalID is not one of the user's goals,
// EUNAUTHORIZED without a user, or an internal error.
func (ss *StepService) FindSteps(ctx context.Context, filter stride.StepFilter) ([]*stride.Step, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("s.user_id = ?", uid)
	if filter.GoalID != nil {
		var one int
		err := ss.s.reads.QueryRowContext(ctx, `SELECT 1 FROM goals WHERE id = $1 AND user_id = $2`, *filter.GoalID, uid).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, goalNotFound(*filter.GoalID)
		} else if err != nil {
			return nil, fmt.Errorf("find steps: %w", err)
		}
		w.add("s.goal_id = ?", *filter.GoalID)
	}
	w.addDays("s.day", filter.Since, filter.Until)
	q := stepSelect + ` WHERE ` + w.String()
	if filter.Latest {
		q += ` ORDER BY s.id DESC`
	} else {
		q += ` ORDER BY s.day, s.minute NULLS FIRST, s.id`
	}
	if filter.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, filter.Limit)
	}
	rows, err := ss.s.reads.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("find steps: %w", err)
	}
	defer rows.Close()
	var steps []*stride.Step
	for rows.Next() {
		st, err := scanStep(rows)
		if err != nil {
			return nil, fmt.Errorf("find steps: %w", err)
		}
		steps = append(steps, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find steps: %w", err)
	}
	return steps, nil
}

// errReplayRace says another transaction stored the same request id first.
var errReplayRace = errors.New("request id stored concurrently")

// lockGoal takes the goal's row for a momentum-changing write (see
// touchGoal) and returns what step writes need from it.
func lockGoal(ctx context.Context, tx querier, uid, id int64) (total float64, start stride.Date, doneWhen *float64, name, unit string, err error) {
	var (
		s   int
		dwa sql.Null[float64]
	)
	err = tx.QueryRowContext(ctx, `UPDATE goals SET rev = rev + 1 WHERE id = $1 AND user_id = $2
		RETURNING total, start_day, done_when_amount, name, unit`, id, uid).Scan(&total, &s, &dwa, &name, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil, "", "", goalNotFound(id)
	} else if err != nil {
		return 0, 0, nil, "", "", fmt.Errorf("lock goal: %w", err)
	}
	return total, stride.DateFromYMD(s), ptrOf(dwa), name, unit, nil
}

// checkAmount refuses an amount other than 1 for a yes/no goal (no unit):
// a step there is done or not, and a day with one counts once whatever
// its amount. Imports keep the amounts their records hold.
func checkAmount(goal, unit string, amount float64) error {
	if unit == "" && amount != 1 {
		return stride.Errorf(stride.EINVALID, "%q is a yes/no goal: a step is done or not, so its amount can only be 1, not %s",
			goal, stride.FormatNumber(amount))
	}
	return nil
}

// unmarkDoneWhen clears the done-when mark when a total lowered from
// oldTotal falls from at or above the done-when amount to below it, so
// that nothing suggests finishing or celebrates a finish that is not there
// (METHOD.md, Tone); the step that crosses it again marks and reports it
// again. A mark the user set while below the amount stays theirs, as does
// one kept when they moved the amount up (UpdateGoal counts that as an
// edit). Milestones above the new total are no longer reached either (a
// typo of 1e9 minutes, deleted, must not leave "10h in all" celebrated);
// the step that crosses one again reports it again.
func unmarkDoneWhen(ctx context.Context, tx querier, uid, goalID int64, oldTotal float64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE goals SET done_when_met = NULL, edits_after_met = 0
		WHERE id = $1 AND user_id = $2 AND done_when_met IS NOT NULL AND done_when_amount IS NOT NULL
			AND total < done_when_amount AND $3 >= done_when_amount`, goalID, uid, oldTotal); err != nil {
		return fmt.Errorf("unmark done-when: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE milestones SET reached_day = NULL, step_id = NULL
		WHERE goal_id = $1 AND user_id = $2 AND reached_day IS NOT NULL
			AND amount > (SELECT total FROM goals WHERE id = $1 AND user_id = $2)`, goalID, uid); err != nil {
		return fmt.Errorf("unmark milestones: %w", err)
	}
	return nil
}

// dropCheckpoints deletes the goal's checkpoints from day on, or all of
// them when the start moved (every day's momentum may then change).
func dropCheckpoints(ctx context.Context, tx querier, uid, goalID int64, day stride.Date, startMoved bool) error {
	var err error
	if startMoved {
		_, err = tx.ExecContext(ctx, `DELETE FROM momentum_checkpoints WHERE goal_id = $1 AND user_id = $2`, goalID, uid)
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM momentum_checkpoints WHERE goal_id = $1 AND user_id = $2 AND day >= $3`,
			goalID, uid, ymd(day))
	}
	if err != nil {
		return fmt.Errorf("drop checkpoints: %w", err)
	}
	return nil
}

// CreateStep stores s and tells what it did: the milestones it crossed
// (each reported once, by the crossing step) and whether it crossed the
// done-when amount, which marks the goal's done-when met on the step's day
// unless it was marked already. A step dated before the goal's start
// moves the start, and the first target with it (alignTargets).
// A RequestID seen before returns the first step with Replayed set and
// writes nothing. It returns EINVALID for a bad step, ENOTFOUND for
// another user's or an unknown goal, EUNAUTHORIZED without a user, or an
// internal error.
//
// With Options.GroupCommit the write joins the calls waiting at that
// moment in one transaction (see committer); the answer is the same.
func (ss *StepService) CreateStep(ctx context.Context, s *stride.Step) (*stride.StepCreated, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	now := ss.s.now()
	if c := ss.s.committer; c != nil {
		// The group finds replays itself, in its INSERT: a read here
		// first would cost every step a query to spare the rare replay.
		return c.createStep(ctx, uid, s, now)
	}
	if r, err := replayed(ctx, ss.s.reads, uid, s.RequestID); r != nil || err != nil {
		return r, err
	}
	var created *stride.StepCreated
	err = ss.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		created, err = ss.s.insertStep(ctx, tx, uid, s, now)
		return err
	})
	if errors.Is(err, errReplayRace) {
		return replayAfterRace(ctx, ss.s.reads, uid, s)
	} else if err != nil {
		s.ID = 0
		return nil, err
	}
	return created, nil
}

// replayed returns the step stored under requestID as a replay, or nil.
func replayed(ctx context.Context, q querier, uid int64, requestID string) (*stride.StepCreated, error) {
	if requestID == "" {
		return nil, nil
	}
	first, err := stepByRequest(ctx, q, uid, requestID)
	if err != nil || first == nil {
		return nil, err
	}
	return &stride.StepCreated{Step: first, Replayed: true}, nil
}

// replayAfterRace answers a step whose insert found its request id taken
// by a concurrent writer: the first step, read through q, which sees it.
func replayAfterRace(ctx context.Context, q querier, uid int64, s *stride.Step) (*stride.StepCreated, error) {
	s.ID = 0
	if r, err := replayed(ctx, q, uid, s.RequestID); r != nil || err != nil {
		return r, err
	}
	return nil, fmt.Errorf("create step: request id %q clashed but its step is gone", s.RequestID)
}

// insertStep writes s in the transaction tx and reports what it did, or
// errReplayRace when its request id is already stored (the insert then
// wrote nothing, but the goal's row was locked and its rev bumped: the
// caller rolls back). It sets s's ID, user, goal name, unit and creation
// time.
func (st *store) insertStep(ctx context.Context, tx querier, uid int64, s *stride.Step, now time.Time) (*stride.StepCreated, error) {
	created := &stride.StepCreated{Step: s}
	// lockGoal, plus what saves two statements on most steps: the
	// smallest milestone not reached yet and the last checkpoint. They
	// are trusted only when writers are serialised from BEGIN: on
	// PostgreSQL, a statement that waited for the row lock reads its
	// subqueries from the snapshot it took before waiting, and could miss
	// a milestone or checkpoint committed meanwhile.
	var (
		total       float64
		startYMD    int
		doneWhen    sql.Null[float64]
		name, unit  string
		nextMile    sql.Null[float64]
		lastCheckpt sql.Null[int64]
	)
	err := tx.QueryRowContext(ctx, `UPDATE goals SET rev = rev + 1 WHERE id = $1 AND user_id = $2
		RETURNING total, start_day, done_when_amount, name, unit,
		(SELECT MIN(amount) FROM milestones m WHERE m.goal_id = $1 AND m.user_id = $2 AND m.reached_day IS NULL),
		(SELECT MAX(day) FROM momentum_checkpoints c WHERE c.goal_id = $1 AND c.user_id = $2)`,
		s.GoalID, uid).Scan(&total, &startYMD, &doneWhen, &name, &unit, &nextMile, &lastCheckpt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, goalNotFound(s.GoalID)
	} else if err != nil {
		return nil, fmt.Errorf("lock goal: %w", err)
	}
	if err := checkAmount(name, unit, s.Amount); err != nil {
		return nil, err
	}
	start := stride.DateFromYMD(startYMD)
	err = tx.QueryRowContext(ctx, `INSERT INTO steps (user_id, goal_id, day, minute, amount, effort, energy, note, learned,
		request_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (user_id, request_id) DO NOTHING RETURNING id`,
		uid, s.GoalID, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort), nullable(s.Energy), s.Note, s.Learned,
		nullString(s.RequestID), now).Scan(&s.ID)
	if errors.Is(err, sql.ErrNoRows) || st.isUnique(err) {
		return nil, errReplayRace
	} else if err != nil {
		return nil, fmt.Errorf("create step: %w", err)
	}
	newTotal := total + s.Amount
	startMoved := s.Day < start
	if startMoved {
		start = s.Day
	}
	// The step that crosses the done-when amount marks it met on its
	// day, in the statement that keeps the total: no statement more on
	// the path every step takes.
	// Amounts are more than 0 and the total is kept exact, so a total of
	// 0 means no step before this one.
	created.FirstStep = total == 0
	created.DoneWhenReached = doneWhen.Valid && total < doneWhen.V && doneWhen.V <= newTotal
	var met any
	if created.DoneWhenReached {
		met = ymd(s.Day)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE goals SET total = $1, start_day = $2, updated_at = $3,
		done_when_met = COALESCE(done_when_met, $4) WHERE id = $5 AND user_id = $6`,
		newTotal, ymd(start), now, met, s.GoalID, uid); err != nil {
		return nil, fmt.Errorf("create step: %w", err)
	}
	if startMoved {
		if err := alignTargets(ctx, tx, uid, s.GoalID, start); err != nil {
			return nil, err
		}
	}
	hints := st.opts.SerialWriters
	if startMoved || !hints || lastCheckpt.Valid && lastCheckpt.V >= int64(ymd(s.Day)) {
		if err := dropCheckpoints(ctx, tx, uid, s.GoalID, s.Day, startMoved); err != nil {
			return nil, err
		}
	}
	s.UserID, s.Goal, s.Unit, s.CreatedAt = uid, name, unit, now
	if hints && (!nextMile.Valid || nextMile.V > newTotal) {
		return created, nil // no milestone to reach
	}
	if created.Milestones, err = markMilestones(ctx, tx, uid, s, newTotal); err != nil {
		return nil, err
	}
	return created, nil
}

// maxBulkRows bounds the rows of one INSERT: 11 columns × 500 rows stays
// under both databases' limits on bound parameters.
const maxBulkRows = 500

// CreateSteps stores many steps in one transaction, all or nothing, for
// imports and sample data. Steps whose RequestID is already stored are
// skipped, so a repeated import writes nothing new. Goal totals and starts
// (with their first targets) are updated once per goal and milestones passed are marked reached
// without being reported; the steps' IDs are not set. It returns EINVALID
// naming the first bad step, ENOTFOUND for a goal that is not the user's,
// EUNAUTHORIZED without a user, or an internal error.
func (ss *StepService) CreateSteps(ctx context.Context, steps []*stride.Step) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if len(steps) == 0 {
		return nil
	}
	firstDay := map[int64]stride.Date{}
	var goalIDs []int64
	for i, s := range steps {
		if err := s.Validate(); err != nil {
			return stride.Errorf(stride.EINVALID, "step %d: %s", i+1, stride.ErrorMessage(err))
		}
		if d, ok := firstDay[s.GoalID]; !ok {
			firstDay[s.GoalID] = s.Day
			goalIDs = append(goalIDs, s.GoalID)
		} else if s.Day < d {
			firstDay[s.GoalID] = s.Day
		}
	}
	// In id order, as every writer of several goals locks them (see
	// committer.writeGroup), so that PostgreSQL cannot deadlock.
	slices.Sort(goalIDs)
	now := ss.s.now()
	rowsPer := min(max(ss.s.opts.BulkRows, 1), maxBulkRows)
	return ss.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		starts := map[int64]stride.Date{}
		for _, id := range goalIDs {
			_, start, _, _, _, err := lockGoal(ctx, tx, uid, id)
			if err != nil {
				return err
			}
			starts[id] = start
		}
		const cols = 11
		insert := `INSERT INTO steps (user_id, goal_id, day, minute, amount, effort, energy, note, learned, request_id,
			created_at) VALUES `
		full, err := tx.PrepareContext(ctx, insert+placeholders(rowsPer, cols, 1)+` ON CONFLICT (user_id, request_id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("create steps: %w", err)
		}
		defer full.Close()
		args := make([]any, 0, rowsPer*cols)
		for i := 0; i < len(steps); i += rowsPer {
			batch := steps[i:min(i+rowsPer, len(steps))]
			args = args[:0]
			for _, s := range batch {
				args = append(args, uid, s.GoalID, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort),
					nullable(s.Energy), s.Note, s.Learned, nullString(s.RequestID), now)
			}
			if len(batch) == rowsPer {
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, insert+placeholders(len(batch), cols, 1)+` ON CONFLICT (user_id, request_id) DO NOTHING`, args...)
			}
			if err != nil {
				return fmt.Errorf("create steps: %w", err)
			}
		}
		for _, id := range goalIDs {
			// The first step as written: a step skipped as a duplicate
			// request moves no start.
			var firstYMD int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MIN(day), $3) FROM steps WHERE goal_id = $1 AND user_id = $2`,
				id, uid, ymd(starts[id])).Scan(&firstYMD); err != nil {
				return fmt.Errorf("create steps: %w", err)
			}
			first := stride.DateFromYMD(firstYMD)
			start := starts[id]
			startMoved := first < start
			start = min(start, first)
			first = min(first, firstDay[id]) // checkpoints go from the earliest day written
			// Summed afresh rather than added up: skipped duplicates must
			// not count, and the total stays exact after big imports.
			if _, err := tx.ExecContext(ctx, `UPDATE goals SET total = (SELECT COALESCE(SUM(amount), 0) FROM steps
				WHERE goal_id = $1 AND user_id = $2), start_day = $3, updated_at = $4 WHERE id = $1 AND user_id = $2`,
				id, uid, ymd(start), now); err != nil {
				return fmt.Errorf("create steps: %w", err)
			}
			if startMoved {
				if err := alignTargets(ctx, tx, uid, id, start); err != nil {
					return err
				}
			}
			if err := dropCheckpoints(ctx, tx, uid, id, first, startMoved); err != nil {
				return err
			}
			if err := reachPassedMilestones(ctx, tx, uid, id); err != nil {
				return err
			}
			if err := reachDoneWhen(ctx, tx, uid, id); err != nil {
				return err
			}
		}
		for _, s := range steps {
			s.UserID, s.CreatedAt = uid, now
		}
		return nil
	})
}

// UpdateStep changes the fields of upd that are set and returns the step.
// Moving it before the goal's start moves the start; moving the step the
// start was on later puts the start where the goal's set start and its
// steps now have it (restoreStart); the first target follows the start.
// Raising its amount may reach milestones, marked without being reported. It returns
// EINVALID for a bad result, ENOTFOUND, EUNAUTHORIZED without a user, or
// an internal error.
func (ss *StepService) UpdateStep(ctx context.Context, id int64, upd stride.StepUpdate) (*stride.Step, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Step
	err = ss.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		old, err := stepByID(ctx, tx, uid, id)
		if err != nil {
			return err
		}
		// The goal is locked before the step is read for good, in the
		// same order as every other writer, so that PostgreSQL never sees
		// a deadlock, and the step's day and amount are as they are once
		// no other writer can move them.
		oldTotal, start, _, name, unit, err := lockGoal(ctx, tx, uid, old.GoalID)
		if err != nil {
			return err
		}
		if old, err = stepByID(ctx, tx, uid, id); err != nil {
			return err
		}
		s := *old
		if upd.Day != nil {
			s.Day = *upd.Day
		}
		if upd.Time != nil {
			s.Time = *upd.Time
		}
		if upd.Amount != nil {
			s.Amount = *upd.Amount
		}
		if upd.Effort != nil {
			s.Effort = *upd.Effort
		}
		if upd.Energy != nil {
			s.Energy = *upd.Energy
		}
		if upd.Note != nil {
			s.Note = *upd.Note
		}
		if upd.Learned != nil {
			s.Learned = *upd.Learned
		}
		if err := s.Validate(); err != nil {
			return err
		}
		moved := s.Day != old.Day || s.Amount != old.Amount
		if s.Amount != old.Amount {
			if err := checkAmount(name, unit, s.Amount); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET day = $1, minute = $2, amount = $3, effort = $4, energy = $5, note = $6,
			learned = $7 WHERE id = $8 AND user_id = $9`, ymd(s.Day), nullable(s.Time), s.Amount, nullable(s.Effort),
			nullable(s.Energy), s.Note, s.Learned, id, uid); err != nil {
			return fmt.Errorf("update step: %w", err)
		}
		if moved {
			if _, err := tx.ExecContext(ctx, `UPDATE goals SET total = (SELECT COALESCE(SUM(amount), 0) FROM steps
				WHERE goal_id = $1 AND user_id = $2), updated_at = $3 WHERE id = $1 AND user_id = $2`,
				s.GoalID, uid, ss.s.now()); err != nil {
				return fmt.Errorf("update step: %w", err)
			}
			startMoved := false
			if s.Day < start || old.Day == start && s.Day > start {
				if startMoved, err = restoreStart(ctx, tx, uid, s.GoalID, start); err != nil {
					return err
				}
			}
			if err := dropCheckpoints(ctx, tx, uid, s.GoalID, min(s.Day, old.Day), startMoved); err != nil {
				return err
			}
			if s.Amount > old.Amount {
				if err := reachPassedMilestones(ctx, tx, uid, s.GoalID); err != nil {
					return err
				}
				if err := reachDoneWhen(ctx, tx, uid, s.GoalID); err != nil {
					return err
				}
			} else if s.Amount < old.Amount {
				if err := unmarkDoneWhen(ctx, tx, uid, s.GoalID, oldTotal); err != nil {
					return err
				}
			}
		}
		out, err = stepByID(ctx, tx, uid, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteStep removes a step. Milestones it reached stay reached; a
// done-when mark the total no longer reaches is cleared (unmarkDoneWhen).
// Deleting the step the start was on puts the start where the goal's set
// start and its other steps have it, with the first target
// (restoreStart): undoing a step logged before the start undoes the move.
// It returns ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (ss *StepService) DeleteStep(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return ss.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		var (
			goalID int64
			day    int
		)
		err := tx.QueryRowContext(ctx, `SELECT goal_id, day FROM steps WHERE id = $1 AND user_id = $2`, id, uid).Scan(&goalID, &day)
		if errors.Is(err, sql.ErrNoRows) {
			return stepNotFound(id)
		} else if err != nil {
			return fmt.Errorf("delete step: %w", err)
		}
		oldTotal, start, _, _, _, err := lockGoal(ctx, tx, uid, goalID)
		if err != nil {
			return err
		}
		// The day as it is once the goal is locked: another writer may
		// have moved the step meanwhile (PostgreSQL).
		err = tx.QueryRowContext(ctx, `DELETE FROM steps WHERE id = $1 AND user_id = $2 RETURNING day`, id, uid).Scan(&day)
		if errors.Is(err, sql.ErrNoRows) {
			return stepNotFound(id)
		} else if err != nil {
			return fmt.Errorf("delete step: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET total = (SELECT COALESCE(SUM(amount), 0) FROM steps
			WHERE goal_id = $1 AND user_id = $2), updated_at = $3 WHERE id = $1 AND user_id = $2`, goalID, uid, ss.s.now()); err != nil {
			return fmt.Errorf("delete step: %w", err)
		}
		if err := unmarkDoneWhen(ctx, tx, uid, goalID, oldTotal); err != nil {
			return err
		}
		startMoved := false
		if stride.DateFromYMD(day) == start {
			if startMoved, err = restoreStart(ctx, tx, uid, goalID, start); err != nil {
				return err
			}
		}
		return dropCheckpoints(ctx, tx, uid, goalID, stride.DateFromYMD(day), startMoved)
	})
}
