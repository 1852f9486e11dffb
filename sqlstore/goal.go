package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/strideapp/stride"
)

// GoalService implements stride.GoalService for the context's user.
type GoalService struct{ s *store }

var _ stride.GoalService = (*GoalService)(nil)

// nameKey is what goal names are unique by and found by: case is ignored.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// nameConflict is the conflict of a goal name taken by another goal. It
// names no command or page: the CLI says which command changes that
// goal, the web app links to its page.
func nameConflict(name string) error {
	return stride.Errorf(stride.ECONFLICT, "a goal named %q already exists: pick another name, or change that goal instead", name)
}

// goalRow is a goal with its rev, the counter of momentum-changing writes
// that checkpoint saves are checked against.
type goalRow struct {
	g   *stride.Goal
	rev int64
}

const goalColumns = `id, user_id, name, why, unit, direction, done_when, done_when_amount, smallest_step,
	parent_id, start_day, state, paused_until, total, rev, created_at, updated_at,
	done_when_met, edits_after_met, finished_on, set_start_day`

// loadGoals returns the goals of user uid matching w (whose conditions
// name columns of goals, the first being the user scope) with their
// targets and milestones: three queries, however many goals. Each goal's
// Target is the one in effect on today, or on the user's today by the
// store's clock when today is 0 (see currentTargets).
func (s *store) loadGoals(ctx context.Context, q querier, w *where, uid int64, today stride.Date) ([]goalRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+goalColumns+` FROM goals WHERE `+w.String(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("find goals: %w", err)
	}
	defer rows.Close()
	var out []goalRow
	byID := map[int64]*stride.Goal{}
	for rows.Next() {
		var (
			g           stride.Goal
			rev         int64
			dir, state  string
			dwa         sql.Null[float64]
			parent      sql.Null[int64]
			start, set  int
			pausedUntil sql.Null[int64]
			met, fin    sql.Null[int64]
		)
		if err := rows.Scan(&g.ID, &g.UserID, &g.Name, &g.Why, &g.Unit, &dir, &g.DoneWhen, &dwa, &g.SmallestStep,
			&parent, &start, &state, &pausedUntil, &g.Total, &rev, &g.CreatedAt, &g.UpdatedAt,
			&met, &g.EditsAfterMet, &fin, &set); err != nil {
			return nil, fmt.Errorf("find goals: %w", err)
		}
		g.Direction, g.State = stride.Direction(dir), stride.GoalState(state)
		g.DoneWhenAmount, g.ParentID = ptrOf(dwa), ptrOf(parent)
		if set == 0 {
			set = start // a goal written by a stride from before set starts
		}
		g.Start, g.SetStart, g.PausedUntil = stride.DateFromYMD(start), stride.DateFromYMD(set), dateOf(pausedUntil)
		g.DoneWhenMet, g.FinishedOn = dateOf(met), dateOf(fin)
		out = append(out, goalRow{g: &g, rev: rev})
		byID[g.ID] = &g
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find goals: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}

	// Targets (kind 0) and milestones (kind 1) come in one query: each
	// query costs a statement preparation, which dominates small reads.
	sub := `goal_id IN (SELECT id FROM goals WHERE ` + w.String() + `)`
	crows, err := q.QueryContext(ctx, `SELECT 0, goal_id, from_day, amount, is_count, unit, per, every FROM targets WHERE `+sub+`
		UNION ALL
		SELECT 1, goal_id, reached_day, amount, FALSE, '', '', step_id FROM milestones WHERE `+sub, w.args...)
	if err != nil {
		return nil, fmt.Errorf("find targets and milestones: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var (
			kind, id  int64
			dayV      sql.Null[int64]
			amount    float64
			isCount   bool
			unit, per string
			n         sql.Null[int64]
		)
		if err := crows.Scan(&kind, &id, &dayV, &amount, &isCount, &unit, &per, &n); err != nil {
			return nil, fmt.Errorf("find targets and milestones: %w", err)
		}
		g := byID[id]
		if g == nil {
			continue
		}
		if kind == 0 {
			g.Targets = append(g.Targets, stride.Target{From: stride.DateFromYMD(int(dayV.V)), Amount: amount, Count: isCount,
				Unit: unit, Per: stride.Period(per), Every: int(n.V)})
		} else {
			g.Milestones = append(g.Milestones, stride.Milestone{Amount: amount, Reached: dateOf(dayV), StepID: ptrOf(n)})
		}
	}
	if err := crows.Err(); err != nil {
		return nil, fmt.Errorf("find targets and milestones: %w", err)
	}

	goals := make([]*stride.Goal, len(out))
	for i, r := range out {
		sort.Slice(r.g.Targets, func(i, j int) bool { return r.g.Targets[i].From < r.g.Targets[j].From })
		sort.Slice(r.g.Milestones, func(i, j int) bool { return r.g.Milestones[i].Amount < r.g.Milestones[j].Amount })
		goals[i] = r.g
	}
	if err := s.currentTargets(ctx, q, uid, today, goals...); err != nil {
		return nil, err
	}
	// Sorted in Go: the databases' collations disagree on order.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := nameKey(out[i].g.Name), nameKey(out[j].g.Name)
		if a != b {
			return a < b
		}
		return out[i].g.ID < out[j].g.ID
	})
	return out, nil
}

// currentTargets sets each goal's Target to the one in effect on today,
// or on the user's today by the store's clock when today is 0. That day
// is read (the user's time zone) only when a goal has a target from
// yesterday in UTC on: every earlier one is in effect in any zone.
func (s *store) currentTargets(ctx context.Context, q querier, uid int64, today stride.Date, goals ...*stride.Goal) error {
	if today == 0 {
		sure := stride.DateOf(s.now().UTC()) - 1
		for _, g := range goals {
			if n := len(g.Targets); n > 0 && g.Targets[n-1].From >= sure {
				d, err := s.userToday(ctx, q, uid)
				if err != nil {
					return err
				}
				today = d
				break
			}
		}
	}
	for _, g := range goals {
		if n := len(g.Targets); n > 0 && today == 0 {
			g.Target = g.Targets[n-1]
		} else if n > 0 {
			g.Target = g.TargetOn(today)
		}
	}
	return nil
}

// goalByID returns one goal of the user with its rev, or ENOTFOUND; its
// Target is the one in effect on today (0: the user's today).
func (s *store) goalByID(ctx context.Context, q querier, uid, id int64, today stride.Date) (goalRow, error) {
	w := &where{}
	w.add("user_id = ?", uid)
	w.add("id = ?", id)
	rows, err := s.loadGoals(ctx, q, w, uid, today)
	if err != nil {
		return goalRow{}, err
	}
	if len(rows) == 0 {
		return goalRow{}, goalNotFound(id)
	}
	return rows[0], nil
}

// touchGoal records a momentum-changing write to goal id: it bumps rev,
// which makes concurrent readers drop the checkpoints they computed, and
// deletes the checkpoints from day on (all of them when day is nil). It
// locks the goal row first on PostgreSQL, so the delete also sees
// checkpoints a reader committed while this writer waited. It returns
// ENOTFOUND when the goal is not the user's.
func touchGoal(ctx context.Context, tx *sql.Tx, uid, id int64, day *stride.Date) error {
	if err := lockGoalRow(ctx, tx, uid, id); err != nil {
		return err
	}
	var err error
	if day == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM momentum_checkpoints WHERE goal_id = $1 AND user_id = $2`, id, uid)
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM momentum_checkpoints WHERE goal_id = $1 AND user_id = $2 AND day >= $3`,
			id, uid, ymd(*day))
	}
	if err != nil {
		return fmt.Errorf("drop checkpoints: %w", err)
	}
	return nil
}

// FindGoalByID returns the goal, or ENOTFOUND (also for another user's
// goal), EUNAUTHORIZED without a user, or an internal error.
func (gs *GoalService) FindGoalByID(ctx context.Context, id int64) (*stride.Goal, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	r, err := gs.s.goalByID(ctx, gs.s.reads, uid, id, 0)
	return r.g, err
}

// FindGoalByName returns the goal with this name, case-insensitively, or
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (gs *GoalService) FindGoalByName(ctx context.Context, name string) (*stride.Goal, error) {
	goals, err := gs.FindGoals(ctx, stride.GoalFilter{Name: &name})
	if err != nil {
		return nil, err
	}
	if len(goals) == 0 {
		return nil, stride.Errorf(stride.ENOTFOUND, "no goal named %q", strings.TrimSpace(name))
	}
	return goals[0], nil
}

// FindGoals returns the user's goals matching filter, by name
// (case-insensitively). States match the stored state. It returns
// EUNAUTHORIZED without a user, or an internal error.
func (gs *GoalService) FindGoals(ctx context.Context, filter stride.GoalFilter) ([]*stride.Goal, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	w.add("user_id = ?", uid)
	if filter.ID != nil {
		w.add("id = ?", *filter.ID)
	}
	if filter.Name != nil {
		w.add("name_key = ?", nameKey(*filter.Name))
	}
	if len(filter.States) > 0 {
		marks := make([]string, len(filter.States))
		args := make([]any, len(filter.States))
		for i, st := range filter.States {
			marks[i], args[i] = "?", string(st)
		}
		w.add("state IN ("+strings.Join(marks, ", ")+")", args...)
	}
	rows, err := gs.s.loadGoals(ctx, gs.s.reads, w, uid, 0)
	if err != nil {
		return nil, err
	}
	goals := make([]*stride.Goal, len(rows))
	for i, r := range rows {
		goals[i] = r.g
	}
	return goals, nil
}

// normalizeTargets sorts a goal's targets, rejects two on one day, and
// puts the first in effect from the goal's start (firstFromStart).
func normalizeTargets(g *stride.Goal) error {
	if len(g.Targets) == 0 && g.Target.Amount > 0 {
		t := g.Target
		t.From = g.Start
		g.Targets = []stride.Target{t}
	}
	g.Targets = slices.Clone(g.Targets)
	if len(g.Targets) > 0 && g.Targets[0].From == 0 {
		g.Targets[0].From = g.Start
	}
	sort.SliceStable(g.Targets, func(i, j int) bool { return g.Targets[i].From < g.Targets[j].From })
	for i := 1; i < len(g.Targets); i++ {
		if g.Targets[i].From == g.Targets[i-1].From {
			return stride.Errorf(stride.EINVALID, "goal %q has two targets from %s: keep one per day", g.Name, g.Targets[i].From)
		}
	}
	g.Targets = firstFromStart(g.Targets, g.Start)
	return nil
}

// firstFromStart returns the target history targets (by From) of a goal
// starting on start, with its first target in effect from the start:
// targets wholly before it give way to the one in effect on it, and the
// first left begins on it. Days from the start on keep their target;
// "every N days" periods are counted from the start, as a goal's record
// begins there. alignTargets does the same to stored targets.
func firstFromStart(targets []stride.Target, start stride.Date) []stride.Target {
	if len(targets) == 0 {
		return targets
	}
	i := 0
	for i+1 < len(targets) && targets[i+1].From <= start {
		i++
	}
	out := slices.Clone(targets[i:])
	out[0].From = start
	return out
}

// alignTargets keeps goal id's first stored target in effect from start,
// as firstFromStart does, after the goal's start moved: every write that
// moves a start calls it in the same transaction.
func alignTargets(ctx context.Context, q querier, uid, id int64, start stride.Date) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM targets WHERE goal_id = $1 AND user_id = $2 AND from_day < (
		SELECT MAX(t.from_day) FROM targets t WHERE t.goal_id = $1 AND t.user_id = $2 AND t.from_day <= $3)`,
		id, uid, ymd(start)); err != nil {
		return fmt.Errorf("move the first target: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE targets SET from_day = $3 WHERE goal_id = $1 AND user_id = $2 AND from_day = (
		SELECT MIN(t.from_day) FROM targets t WHERE t.goal_id = $1 AND t.user_id = $2)`,
		id, uid, ymd(start)); err != nil {
		return fmt.Errorf("move the first target: %w", err)
	}
	return nil
}

// restoreStart puts goal id's start, now start, on the earlier of its set
// start and its first step's day, with its first target (alignTargets),
// after a step left the day the start was on. It reports whether the
// start moved; the caller drops the checkpoints then.
func restoreStart(ctx context.Context, q querier, uid, id int64, start stride.Date) (bool, error) {
	var (
		set   int
		first sql.Null[int64]
	)
	// A set start of 0 is a goal written by a stride from before set
	// starts: its start is what it was given.
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(NULLIF(set_start_day, 0), start_day),
		(SELECT MIN(day) FROM steps WHERE goal_id = $1 AND user_id = $2)
		FROM goals WHERE id = $1 AND user_id = $2`, id, uid).Scan(&set, &first); err != nil {
		return false, fmt.Errorf("find the start: %w", err)
	}
	want := stride.DateFromYMD(set)
	if first.Valid {
		want = min(want, stride.DateFromYMD(int(first.V)))
	}
	if want == start {
		return false, nil
	}
	if _, err := q.ExecContext(ctx, `UPDATE goals SET start_day = $1 WHERE id = $2 AND user_id = $3`, ymd(want), id, uid); err != nil {
		return false, fmt.Errorf("move the start: %w", err)
	}
	return true, alignTargets(ctx, q, uid, id, want)
}

// lockGoalRow locks goal id of uid for the transaction (a row lock on
// PostgreSQL; SQLite's writers hold the database's), or returns
// ENOTFOUND.
func lockGoalRow(ctx context.Context, q querier, uid, id int64) error {
	res, err := q.ExecContext(ctx, `UPDATE goals SET rev = rev + 1 WHERE id = $1 AND user_id = $2`, id, uid)
	if err != nil {
		return fmt.Errorf("lock goal: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("lock goal: %w", err)
	} else if n == 0 {
		return goalNotFound(id)
	}
	return nil
}

// checkParent returns ENOTFOUND when parent is not one of the user's goals
// and EINVALID when making it id's parent would close a loop.
func checkParent(ctx context.Context, q querier, uid, id, parent int64) error {
	seen := map[int64]bool{id: true}
	for cur := parent; ; {
		if seen[cur] {
			return stride.Errorf(stride.EINVALID, "a goal cannot be a sub-goal of itself or of its own sub-goals")
		}
		seen[cur] = true
		var next sql.Null[int64]
		err := q.QueryRowContext(ctx, `SELECT parent_id FROM goals WHERE id = $1 AND user_id = $2`, cur, uid).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			return stride.Errorf(stride.ENOTFOUND, "no parent goal with id %d", cur)
		} else if err != nil {
			return fmt.Errorf("check parent goal: %w", err)
		}
		if !next.Valid {
			return nil
		}
		cur = next.V
	}
}

// nameTaken returns the conflict when another goal of the user has
// name's key, naming that goal as it is written.
func nameTaken(ctx context.Context, q querier, uid, except int64, name string) error {
	var taken string
	err := q.QueryRowContext(ctx, `SELECT name FROM goals WHERE user_id = $1 AND name_key = $2 AND id <> $3`,
		uid, nameKey(name), except).Scan(&taken)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("check goal name: %w", err)
	}
	return nameConflict(taken)
}

func insertTarget(ctx context.Context, tx *sql.Tx, uid, goalID int64, t stride.Target) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO targets (goal_id, user_id, from_day, amount, is_count, unit, per, every)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (goal_id, from_day) DO UPDATE SET amount = excluded.amount, is_count = excluded.is_count,
			unit = excluded.unit, per = excluded.per, every = excluded.every`,
		goalID, uid, ymd(t.From), t.Amount, t.Count, t.Unit, string(t.Per), t.Every)
	if err != nil {
		return fmt.Errorf("store target: %w", err)
	}
	return nil
}

// CreateGoal stores g with its targets and milestones and sets its ID,
// UserID and times. A goal with only Target set gets it as its history from
// Start on. It returns EINVALID for bad fields (a goal needs a start day; a
// paused goal is made with PauseGoal), ECONFLICT when the name is taken
// (case-insensitively), ENOTFOUND for an unknown parent, EUNAUTHORIZED
// without a user, or an internal error.
func (gs *GoalService) CreateGoal(ctx context.Context, g *stride.Goal) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	if g.Start == 0 {
		return stride.Errorf(stride.EINVALID, "goal %q needs a start day", strings.TrimSpace(g.Name))
	}
	if err := normalizeTargets(g); err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	if g.State == stride.GoalPaused {
		return stride.Errorf(stride.EINVALID, "goal %q cannot start paused: create it, then pause it", g.Name)
	}
	g.Milestones = milestoneSet(g.Milestones, nil)
	if g.State != stride.GoalDone {
		g.FinishedOn = nil
	}
	if g.DoneWhenMet == nil || g.EditsAfterMet < 0 {
		g.EditsAfterMet = 0
	}
	now := gs.s.now()
	err = gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		if err := nameTaken(ctx, tx, uid, 0, g.Name); err != nil {
			return err
		}
		if g.ParentID != nil {
			if err := checkParent(ctx, tx, uid, 0, *g.ParentID); err != nil {
				return err
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO goals (user_id, name, name_key, why, unit, direction, done_when,
			done_when_amount, smallest_step, parent_id, start_day, state, paused_until, total, rev, created_at, updated_at,
			done_when_met, edits_after_met, finished_on, set_start_day)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, 0, 0, $13, $13, $14, $15, $16, $11) RETURNING id`,
			uid, g.Name, nameKey(g.Name), g.Why, g.Unit, string(g.Direction), g.DoneWhen, nullable(g.DoneWhenAmount),
			g.SmallestStep, nullable(g.ParentID), ymd(g.Start), string(g.State), now,
			nullYMD(g.DoneWhenMet), g.EditsAfterMet, nullYMD(g.FinishedOn)).Scan(&g.ID)
		if gs.s.isUnique(err) {
			return nameConflict(g.Name)
		} else if err != nil {
			return fmt.Errorf("create goal: %w", err)
		}
		for _, t := range g.Targets {
			if err := insertTarget(ctx, tx, uid, g.ID, t); err != nil {
				return err
			}
		}
		for _, m := range g.Milestones {
			if _, err := tx.ExecContext(ctx, `INSERT INTO milestones (goal_id, user_id, amount) VALUES ($1, $2, $3)`,
				g.ID, uid, m.Amount); err != nil {
				return fmt.Errorf("store milestone: %w", err)
			}
		}
		return gs.s.currentTargets(ctx, tx, uid, 0, g)
	})
	if err != nil {
		g.ID = 0
		return err
	}
	g.UserID, g.Total, g.PausedUntil, g.SetStart = uid, 0, nil, g.Start
	g.CreatedAt, g.UpdatedAt = now, now
	return nil
}

// milestoneSet returns the milestones at amounts (sorted, once each),
// keeping what old says about those already reached.
func milestoneSet(ms []stride.Milestone, old []stride.Milestone) []stride.Milestone {
	prev := map[float64]stride.Milestone{}
	for _, m := range old {
		prev[m.Amount] = m
	}
	var out []stride.Milestone
	seen := map[float64]bool{}
	for _, m := range ms {
		if seen[m.Amount] {
			continue
		}
		seen[m.Amount] = true
		if p, ok := prev[m.Amount]; ok {
			out = append(out, p)
		} else {
			out = append(out, stride.Milestone{Amount: m.Amount})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Amount < out[j].Amount })
	return out
}

// UpdateGoal changes the fields of upd that are set and returns the goal.
// New milestones the total already passed are marked reached by the step
// that crossed them, silently. A new start day drops the goal's
// checkpoints. Once the done-when is met, each update that changes more
// than the met mark counts in EditsAfterMet; clearing the mark resets the
// count. A done-when amount the total already passed marks it met on the
// crossing step's day, unless upd sets the mark itself. A new start is
// the goal's set start too, and its first target moves to it. It returns
// EINVALID for bad fields (a start after the first step), ECONFLICT for a
// taken name, ENOTFOUND for an unknown goal or parent, EUNAUTHORIZED
// without a user, or an internal error.
func (gs *GoalService) UpdateGoal(ctx context.Context, id int64, upd stride.GoalUpdate) (*stride.Goal, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	if upd.State != nil {
		if err := checkState(*upd.State); err != nil {
			return nil, err
		}
	}
	var out *stride.Goal
	err = gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		// Locked before it is read: the goal's row is written back whole
		// below, and a step committed in between (PostgreSQL) would see
		// its start and done-when mark undone.
		if err := lockGoalRow(ctx, tx, uid, id); err != nil {
			return err
		}
		r, err := gs.s.goalByID(ctx, tx, uid, id, 0)
		if err != nil {
			return err
		}
		g := r.g
		before := *g
		if upd.Start != nil && *upd.Start == before.SetStart {
			upd.Start = nil // the start it was given: nothing to change
		}
		if upd.Name != nil {
			name := strings.TrimSpace(*upd.Name)
			if err := stride.ValidateGoalName(name); err != nil {
				return err
			}
			if err := nameTaken(ctx, tx, uid, id, name); err != nil {
				return err
			}
			g.Name = name
		}
		if upd.Why != nil {
			g.Why = strings.TrimSpace(*upd.Why)
		}
		if upd.DoneWhen != nil {
			g.DoneWhen = strings.TrimSpace(*upd.DoneWhen)
		}
		if upd.DoneWhenAmount != nil {
			g.DoneWhenAmount = *upd.DoneWhenAmount
		}
		if upd.SmallestStep != nil {
			g.SmallestStep = strings.TrimSpace(*upd.SmallestStep)
		}
		if upd.ParentID != nil {
			if p := *upd.ParentID; p != nil {
				if err := checkParent(ctx, tx, uid, id, *p); err != nil {
					return err
				}
			}
			g.ParentID = *upd.ParentID
		}
		oldMilestones := g.Milestones
		if upd.Milestones != nil {
			ms := make([]stride.Milestone, len(*upd.Milestones))
			for i, a := range *upd.Milestones {
				ms[i].Amount = a
			}
			g.Milestones = ms
		}
		startMoved := upd.Start != nil && *upd.Start != g.Start
		if upd.Start != nil {
			if *upd.Start == 0 {
				return stride.Errorf(stride.EINVALID, "goal %q needs a start day", g.Name)
			}
			if *upd.Start > g.Start {
				if err := startAfterSteps(ctx, tx, uid, g, *upd.Start); err != nil {
					return err
				}
			}
			g.Start, g.SetStart = *upd.Start, *upd.Start
		}
		if err := g.Validate(); err != nil {
			return err
		}
		if upd.DoneWhenMet != nil {
			g.DoneWhenMet = *upd.DoneWhenMet
		}
		// A target that changes the target history is an edit too; from
		// the start when it would begin before it (setTarget).
		newTarget := false
		if upd.Target != nil {
			t := *upd.Target
			t.From = max(t.From, g.Start)
			newTarget = !slices.Equal(withTarget(before.Targets, t), before.Targets)
		}
		// Edits after the done-when was met are counted, so the user can
		// be asked kindly whether it is good enough; marking it met or
		// not is no such edit. One update is one edit, however many
		// fields it changes.
		switch {
		case g.DoneWhenMet == nil:
			g.EditsAfterMet = 0
		case before.DoneWhenMet != nil && (goalEdited(&before, g) || newTarget):
			g.EditsAfterMet++
		}
		// A start given where the goal already starts can still be a
		// new set start: the days up to it count from then on.
		startMoved = startMoved || upd.Start != nil && *upd.Start != before.SetStart
		if startMoved {
			if err := touchGoal(ctx, tx, uid, id, nil); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET name = $1, name_key = $2, why = $3, done_when = $4,
			done_when_amount = $5, smallest_step = $6, parent_id = $7, start_day = $8, updated_at = $9,
			done_when_met = $10, edits_after_met = $11, set_start_day = $14
			WHERE id = $12 AND user_id = $13`,
			g.Name, nameKey(g.Name), g.Why, g.DoneWhen, nullable(g.DoneWhenAmount), g.SmallestStep,
			nullable(g.ParentID), ymd(g.Start), gs.s.now(), nullYMD(g.DoneWhenMet), g.EditsAfterMet, id, uid,
			ymd(g.SetStart)); err != nil {
			if gs.s.isUnique(err) {
				return nameConflict(g.Name)
			}
			return fmt.Errorf("update goal: %w", err)
		}
		if startMoved && g.Start < before.Start {
			// An earlier start takes the first target with it. A later
			// one leaves the targets as they are: the days before it ask
			// nothing, and a start moved by mistake and back must not
			// lose the target history.
			if err := alignTargets(ctx, tx, uid, id, g.Start); err != nil {
				return err
			}
		}
		if upd.DoneWhenMet == nil && upd.DoneWhenAmount != nil {
			if err := reachDoneWhen(ctx, tx, uid, id); err != nil {
				return err
			}
		}
		if upd.Milestones != nil {
			if err := replaceMilestones(ctx, tx, uid, g, milestoneSet(g.Milestones, oldMilestones)); err != nil {
				return err
			}
		}
		if upd.Target != nil {
			if err := setTarget(ctx, tx, uid, g, *upd.Target); err != nil {
				return err
			}
		}
		if upd.State != nil {
			if err := gs.setState(ctx, tx, uid, g, *upd.State); err != nil {
				return err
			}
		}
		r, err = gs.s.goalByID(ctx, tx, uid, id, 0)
		out = r.g
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// goalEdited reports whether an update changed what a goal asks for or
// how it is described, between before and after.
func goalEdited(before, after *stride.Goal) bool {
	if before.Name != after.Name || before.Why != after.Why || before.DoneWhen != after.DoneWhen ||
		before.SmallestStep != after.SmallestStep || before.Start != after.Start || before.SetStart != after.SetStart ||
		!equalPtr(before.DoneWhenAmount, after.DoneWhenAmount) || !equalPtr(before.ParentID, after.ParentID) ||
		len(before.Milestones) != len(after.Milestones) {
		return true
	}
	for i := range before.Milestones {
		if before.Milestones[i].Amount != after.Milestones[i].Amount {
			return true
		}
	}
	return false
}

func equalPtr[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// reachDoneWhen marks the goal's done-when met, when its total passed the
// done-when amount and it is not marked yet, on the day of the step whose
// running sum (in day order, as milestones) crossed it. Steps written one
// at a time mark it in CreateStep; this serves imports, edits and a
// done-when amount set below the total.
func reachDoneWhen(ctx context.Context, q querier, uid, goalID int64) error {
	if _, err := q.ExecContext(ctx, `UPDATE goals SET done_when_met = (
		SELECT MIN(r.day) FROM (
			SELECT s.day, SUM(s.amount) OVER (ORDER BY s.day, s.minute NULLS FIRST, s.id) AS run
			FROM steps s WHERE s.goal_id = $1 AND s.user_id = $2
		) r WHERE r.run >= goals.done_when_amount)
		WHERE id = $1 AND user_id = $2 AND done_when_met IS NULL AND done_when_amount IS NOT NULL
			AND total >= done_when_amount`, goalID, uid); err != nil {
		return fmt.Errorf("mark done-when met: %w", err)
	}
	return nil
}

// replaceMilestones stores ms as g's milestones. Those the total already
// passed and that were not reached before get the step whose running sum
// (by day and time) crossed them, so they are never announced late.
func replaceMilestones(ctx context.Context, tx *sql.Tx, uid int64, g *stride.Goal, ms []stride.Milestone) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM milestones WHERE goal_id = $1 AND user_id = $2`, g.ID, uid); err != nil {
		return fmt.Errorf("replace milestones: %w", err)
	}
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO milestones (goal_id, user_id, amount, reached_day, step_id)
			VALUES ($1, $2, $3, $4, $5)`, g.ID, uid, m.Amount, nullYMD(m.Reached), nullable(m.StepID)); err != nil {
			return fmt.Errorf("replace milestones: %w", err)
		}
	}
	return reachPassedMilestones(ctx, tx, uid, g.ID)
}

// reachPassedMilestones marks the goal's unreached milestones at or below
// its total as reached by the step whose running sum, in day order,
// crossed them. It reads the goal's steps only when there is one to mark.
func reachPassedMilestones(ctx context.Context, tx *sql.Tx, uid, goalID int64) error {
	var pending int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM milestones m JOIN goals g ON g.id = m.goal_id
		WHERE m.goal_id = $1 AND m.user_id = $2 AND m.reached_day IS NULL AND m.amount <= g.total`,
		goalID, uid).Scan(&pending); err != nil {
		return fmt.Errorf("check milestones: %w", err)
	}
	if pending == 0 {
		return nil
	}
	var amounts []float64
	rows, err := tx.QueryContext(ctx, `SELECT amount FROM milestones WHERE goal_id = $1 AND user_id = $2 AND reached_day IS NULL
		ORDER BY amount`, goalID, uid)
	if err != nil {
		return fmt.Errorf("check milestones: %w", err)
	}
	for rows.Next() {
		var a float64
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return fmt.Errorf("check milestones: %w", err)
		}
		amounts = append(amounts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check milestones: %w", err)
	}
	type reach struct {
		amount float64
		day    int
		step   int64
	}
	var reached []reach
	srows, err := tx.QueryContext(ctx, `SELECT id, day, amount FROM steps WHERE goal_id = $1 AND user_id = $2
		ORDER BY day, minute NULLS FIRST, id`, goalID, uid)
	if err != nil {
		return fmt.Errorf("check milestones: %w", err)
	}
	sum := 0.0
	for srows.Next() && len(amounts) > 0 {
		var (
			id  int64
			day int
			a   float64
		)
		if err := srows.Scan(&id, &day, &a); err != nil {
			srows.Close()
			return fmt.Errorf("check milestones: %w", err)
		}
		sum += a
		for len(amounts) > 0 && amounts[0] <= sum {
			reached = append(reached, reach{amounts[0], day, id})
			amounts = amounts[1:]
		}
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return fmt.Errorf("check milestones: %w", err)
	}
	for _, r := range reached {
		if _, err := tx.ExecContext(ctx, `UPDATE milestones SET reached_day = $1, step_id = $2
			WHERE goal_id = $3 AND user_id = $4 AND amount = $5`, r.day, r.step, goalID, uid, r.amount); err != nil {
			return fmt.Errorf("mark milestone: %w", err)
		}
	}
	return nil
}

// SetTarget puts t in effect from t.From on, replacing a target starting
// that day, and returns the goal; a new target after the done-when is met
// counts in EditsAfterMet. Earlier days keep their targets; all
// checkpoints go, since the longest window may change. It returns EINVALID
// for a target that does not fit the goal's unit, ENOTFOUND, EUNAUTHORIZED
// without a user, or an internal error.
func (gs *GoalService) SetTarget(ctx context.Context, id int64, t stride.Target) (*stride.Goal, error) {
	return gs.UpdateGoal(ctx, id, stride.GoalUpdate{Target: &t})
}

// withTarget returns the target history targets (by From) with t in
// effect from t.From on, as setTarget writes it: the targets from that day
// on give way.
func withTarget(targets []stride.Target, t stride.Target) []stride.Target {
	var out []stride.Target
	for _, old := range targets {
		if old.From < t.From {
			out = append(out, old)
		}
	}
	return append(out, t)
}

// setTarget puts t in effect for g from t.From on, in tx. Days before the
// start ask for nothing, so a target from before it is in effect from the
// start.
func setTarget(ctx context.Context, tx *sql.Tx, uid int64, g *stride.Goal, t stride.Target) error {
	if err := stride.ValidateTarget(t, g.Unit); err != nil {
		return err
	}
	t.From = max(t.From, g.Start)
	if err := touchGoal(ctx, tx, uid, g.ID, nil); err != nil {
		return err
	}
	// In effect from t.From on means on every later day too: targets
	// set to start after it give way.
	if _, err := tx.ExecContext(ctx, `DELETE FROM targets WHERE goal_id = $1 AND user_id = $2 AND from_day > $3`,
		g.ID, uid, ymd(t.From)); err != nil {
		return fmt.Errorf("set target: %w", err)
	}
	if err := insertTarget(ctx, tx, uid, g.ID, t); err != nil {
		return err
	}
	return nil
}

// SetGoalState marks a goal active, done or archived and returns it.
// Marking it done sets FinishedOn to today in the user's time zone (kept
// when it was done already); leaving done clears it. It returns EINVALID
// for "paused" (PauseGoal pauses) and for making a goal active while a
// pause without end still holds it (ResumeGoal ends it on a day),
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (gs *GoalService) SetGoalState(ctx context.Context, id int64, state stride.GoalState) (*stride.Goal, error) {
	return gs.UpdateGoal(ctx, id, stride.GoalUpdate{State: &state})
}

// checkState refuses a state a goal cannot be set to with SetGoalState.
func checkState(state stride.GoalState) error {
	switch state {
	case stride.GoalActive, stride.GoalDone, stride.GoalArchived:
		return nil
	case stride.GoalPaused:
		return stride.Errorf(stride.EINVALID, "a goal is paused with a start day: use pause")
	default:
		return stride.Errorf(stride.EINVALID, "state %q is not active, done or archived", state)
	}
}

// setState marks g active, done or archived in tx (see SetGoalState).
func (gs *GoalService) setState(ctx context.Context, tx *sql.Tx, uid int64, g *stride.Goal, state stride.GoalState) error {
	if state == stride.GoalActive {
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pauses WHERE goal_id = $1 AND user_id = $2 AND until_day IS NULL`,
			g.ID, uid).Scan(&open); err != nil {
			return fmt.Errorf("set goal state: %w", err)
		}
		if open > 0 {
			return stride.Errorf(stride.EINVALID, "goal %q is paused until resumed: resume it on the day it starts again", g.Name)
		}
	}
	// finished_on is the day the goal was first marked done, in the
	// user's time zone; it goes when the goal leaves done.
	var finished *stride.Date
	if state == stride.GoalDone {
		finished = g.FinishedOn
		if finished == nil {
			today, err := gs.s.userToday(ctx, tx, uid)
			if err != nil {
				return err
			}
			finished = &today
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE goals SET state = $1, paused_until = NULL, updated_at = $2, finished_on = $3
		WHERE id = $4 AND user_id = $5`, string(state), gs.s.now(), nullYMD(finished), g.ID, uid); err != nil {
		return fmt.Errorf("set goal state: %w", err)
	}
	return nil
}

// PauseGoal pauses a goal from day on until the day before until (nil:
// until resumed) and returns it; paused days hold momentum still. A pause
// already starting on from is replaced. It returns EINVALID when until is
// not after from, ENOTFOUND, EUNAUTHORIZED without a user, or an internal
// error.
func (gs *GoalService) PauseGoal(ctx context.Context, id int64, from stride.Date, until *stride.Date) (*stride.Goal, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	if until != nil && *until <= from {
		return nil, stride.Errorf(stride.EINVALID, "a pause from %s must end after it starts, not on %s", from, *until)
	}
	var out *stride.Goal
	err = gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		if err := touchGoal(ctx, tx, uid, id, nil); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO pauses (goal_id, user_id, from_day, until_day) VALUES ($1, $2, $3, $4)
			ON CONFLICT (goal_id, from_day) DO UPDATE SET until_day = excluded.until_day`,
			id, uid, ymd(from), nullYMD(until)); err != nil {
			return fmt.Errorf("pause goal: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET state = $1, paused_until = $2, updated_at = $3, finished_on = NULL
			WHERE id = $4 AND user_id = $5`, string(stride.GoalPaused), nullYMD(until), gs.s.now(), id, uid); err != nil {
			return fmt.Errorf("pause goal: %w", err)
		}
		r, err := gs.s.goalByID(ctx, tx, uid, id, 0)
		out = r.g
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResumeGoal ends the current pause so that day is active again, and
// returns the goal. Resuming on or before the pause's first day cancels
// the pause. It returns EINVALID when the goal is not paused, ENOTFOUND,
// EUNAUTHORIZED without a user, or an internal error.
func (gs *GoalService) ResumeGoal(ctx context.Context, id int64, day stride.Date) (*stride.Goal, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	var out *stride.Goal
	err = gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		r, err := gs.s.goalByID(ctx, tx, uid, id, 0)
		if err != nil {
			return err
		}
		var from int
		err = tx.QueryRowContext(ctx, `SELECT from_day FROM pauses WHERE goal_id = $1 AND user_id = $2
			AND (until_day IS NULL OR until_day > $3) ORDER BY from_day DESC LIMIT 1`, id, uid, ymd(day)).Scan(&from)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("resume goal: %w", err)
		}
		if !found && r.g.State != stride.GoalPaused {
			return stride.Errorf(stride.EINVALID, "goal %q is not paused", r.g.Name)
		}
		if err := touchGoal(ctx, tx, uid, id, nil); err != nil {
			return err
		}
		if found {
			if day <= stride.DateFromYMD(from) {
				_, err = tx.ExecContext(ctx, `DELETE FROM pauses WHERE goal_id = $1 AND user_id = $2 AND from_day = $3`, id, uid, from)
			} else {
				_, err = tx.ExecContext(ctx, `UPDATE pauses SET until_day = $1 WHERE goal_id = $2 AND user_id = $3 AND from_day = $4`,
					ymd(day), id, uid, from)
			}
			if err != nil {
				return fmt.Errorf("resume goal: %w", err)
			}
		}
		state := r.g.State
		if state == stride.GoalPaused {
			state = stride.GoalActive
		}
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET state = $1, paused_until = NULL, updated_at = $2
			WHERE id = $3 AND user_id = $4`, string(state), gs.s.now(), id, uid); err != nil {
			return fmt.Errorf("resume goal: %w", err)
		}
		r, err = gs.s.goalByID(ctx, tx, uid, id, 0)
		out = r.g
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteGoal removes a goal with its steps, skips, pauses, targets,
// milestones and checkpoints; its sub-goals, lessons and works lose their
// goal. It returns ENOTFOUND, EUNAUTHORIZED without a user, or an internal
// error.
func (gs *GoalService) DeleteGoal(ctx context.Context, id int64) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		// Explicit rather than left to ON DELETE CASCADE, so that a
		// database opened without foreign_keys=1 is cleaned up too.
		for _, q := range []string{
			`DELETE FROM steps WHERE goal_id = $1 AND user_id = $2`,
			`DELETE FROM skips WHERE goal_id = $1 AND user_id = $2`,
			`DELETE FROM pauses WHERE goal_id = $1 AND user_id = $2`,
			`DELETE FROM targets WHERE goal_id = $1 AND user_id = $2`,
			`DELETE FROM milestones WHERE goal_id = $1 AND user_id = $2`,
			`DELETE FROM momentum_checkpoints WHERE goal_id = $1 AND user_id = $2`,
			`UPDATE goals SET parent_id = NULL WHERE parent_id = $1 AND user_id = $2`,
			// What the user wrote about the goal stays, detached.
			`UPDATE lessons SET goal_id = NULL WHERE goal_id = $1 AND user_id = $2`,
			`UPDATE works SET goal_id = NULL WHERE goal_id = $1 AND user_id = $2`,
		} {
			if _, err := tx.ExecContext(ctx, q, id, uid); err != nil {
				return fmt.Errorf("delete goal: %w", err)
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM goals WHERE id = $1 AND user_id = $2`, id, uid)
		if err != nil {
			return fmt.Errorf("delete goal: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("delete goal: %w", err)
		} else if n == 0 {
			return goalNotFound(id)
		}
		return nil
	})
}

// SkipDay marks day a planned rest day for the goal; skipping it again
// changes nothing. It returns EINVALID for a day before the goal's start
// or one that has steps, ENOTFOUND, EUNAUTHORIZED without a user, or an
// internal error.
func (gs *GoalService) SkipDay(ctx context.Context, id int64, day stride.Date) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		if err := touchGoal(ctx, tx, uid, id, &day); err != nil {
			return err
		}
		// A rest day sets its steps aside (it neither raises nor lowers
		// momentum): resting a day that already has progress would take
		// that progress away while saying momentum holds. Such a day
		// counts as it is; a day skipped before its steps stays skipped.
		var (
			steps, start int
			skipped      bool
			name         string
		)
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM steps WHERE goal_id = $1 AND user_id = $2 AND day = $3),
			EXISTS (SELECT 1 FROM skips WHERE goal_id = $1 AND user_id = $2 AND day = $3), start_day, name
			FROM goals WHERE id = $1 AND user_id = $2`, id, uid, ymd(day)).Scan(&steps, &skipped, &start, &name); err != nil {
			return fmt.Errorf("skip day: %w", err)
		}
		// Before the start the goal asks nothing, so there is nothing
		// to rest from: a year typed wrong must not be taken for one.
		if first := stride.DateFromYMD(start); day < first {
			return stride.Errorf(stride.EINVALID, "%s is before %s starts (%s): a rest day is a day from its start on, %s or later",
				day, name, first, first)
		}
		if steps > 0 && !skipped {
			return stride.Errorf(stride.EINVALID, "%s already has progress on this goal (steps: %d): that day counts as it is, so there is nothing to rest; "+
				"a rest day would set its steps aside, so delete them first if resting is what you want", day, steps)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO skips (goal_id, user_id, day) VALUES ($1, $2, $3)
			ON CONFLICT (goal_id, day) DO NOTHING`, id, uid, ymd(day)); err != nil {
			return fmt.Errorf("skip day: %w", err)
		}
		return nil
	})
}

// UnskipDay removes a skip. It returns ENOTFOUND when the goal is unknown
// or the day was not skipped, EUNAUTHORIZED without a user, or an internal
// error.
func (gs *GoalService) UnskipDay(ctx context.Context, id int64, day stride.Date) error {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return err
	}
	return gs.s.userTx(ctx, uid, func(tx *sql.Tx) error {
		if err := touchGoal(ctx, tx, uid, id, &day); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM skips WHERE goal_id = $1 AND user_id = $2 AND day = $3`, id, uid, ymd(day))
		if err != nil {
			return fmt.Errorf("unskip day: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("unskip day: %w", err)
		} else if n == 0 {
			return stride.Errorf(stride.ENOTFOUND, "%s was not a skipped day for this goal", day)
		}
		return nil
	})
}

// startAfterSteps refuses a start later than the goal's first step: the
// steps before it would still count in the total but drop out of momentum,
// pace and wins, with nothing to say why. It returns EINVALID naming the
// latest start that keeps them.
func startAfterSteps(ctx context.Context, q querier, uid int64, g *stride.Goal, start stride.Date) error {
	var first sql.Null[int64]
	if err := q.QueryRowContext(ctx, `SELECT MIN(day) FROM steps WHERE goal_id = $1 AND user_id = $2`, g.ID, uid).Scan(&first); err != nil {
		return fmt.Errorf("find the first step: %w", err)
	}
	if d := stride.DateFromYMD(int(first.V)); first.Valid && d < start {
		return stride.Errorf(stride.EINVALID, "%s has steps from %s on: a start after that would leave them out of its momentum; start it on %s or earlier, or delete those steps first",
			g.Name, d, d)
	}
	return nil
}
