package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// StatusService implements stride.StatusService for the context's user.
//
// Reading the board must cost the same with ten years of steps as with one
// month, and stay exact when old steps change. So momentum is kept as
// checkpoints: (goal, day c, value, window_from) says momentum at the end
// of c is value, and the days from window_from on are all that the days
// after c look back on (momentum.WindowFrom). A read starts from the latest
// checkpoint before the days it must show, reads only the steps from
// window_from on, and saves a checkpoint at each month end it passes, so a
// first read of a long history writes them once and later reads find one
// at most about six weeks back.
//
// Checkpoints are a cache that must never hold a stale value. Every write
// that can change momentum bumps the goal's rev and deletes the
// checkpoints from the earliest day it affects (all of them for targets,
// pauses and start changes, which can change every window). A reader saves
// only if rev still holds the value it read before the steps, checked with
// an UPDATE that serialises it against writers on both databases.
//
// Boards are also kept whole in a cache that checks the user's data_rev
// on each read (boardCache), so a board read again before the user's
// next write costs one query.
type StatusService struct {
	s     *store
	cache *boardCache
}

var _ stride.StatusService = (*StatusService)(nil)

// recentDays is how many days the board's sparkline shows.
const recentDays = 14

// checkpoint is momentum at the end of day, and the first day later days
// look back on.
type checkpoint struct {
	day        stride.Date
	value      float64
	windowFrom stride.Date
}

// cpInfo is what a read knows of a goal's checkpoints: the one to start
// from (ok false: none before the days needed) and the latest stored, after
// which new ones are saved.
type cpInfo struct {
	ok     bool
	start  checkpoint
	latest stride.Date
}

// loadCheckpoints returns, for the user's goals (or just goal id when not
// 0), the latest checkpoint on or before before and the day of the latest
// one, in one query: one index seek per goal whatever the history's length.
func loadCheckpoints(ctx context.Context, q querier, uid, id int64, before stride.Date) (map[int64]cpInfo, error) {
	query := `SELECT g.id, (SELECT MAX(m.day) FROM momentum_checkpoints m WHERE m.goal_id = g.id),
		c.day, c.value, c.window_from
		FROM goals g LEFT JOIN momentum_checkpoints c ON c.goal_id = g.id AND c.day = (
			SELECT m.day FROM momentum_checkpoints m WHERE m.goal_id = g.id AND m.day <= $2 ORDER BY m.day DESC LIMIT 1)
		WHERE g.user_id = $1`
	args := []any{uid, ymd(before)}
	if id != 0 {
		query += ` AND g.id = $3`
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find checkpoints: %w", err)
	}
	defer rows.Close()
	out := map[int64]cpInfo{}
	for rows.Next() {
		var (
			gid               int64
			latest, day, from sql.Null[int64]
			value             sql.Null[float64]
		)
		if err := rows.Scan(&gid, &latest, &day, &value, &from); err != nil {
			return nil, fmt.Errorf("find checkpoints: %w", err)
		}
		var info cpInfo
		if latest.Valid {
			info.latest = stride.DateFromYMD(int(latest.V))
		}
		if day.Valid {
			info.ok = true
			info.start = checkpoint{stride.DateFromYMD(int(day.V)), value.V, stride.DateFromYMD(int(from.V))}
		}
		out[gid] = info
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find checkpoints: %w", err)
	}
	return out, nil
}

// calc is one goal's momentum computed from a checkpoint through today.
type calc struct {
	g      *stride.Goal
	rev    int64
	mg     momentum.Goal
	cp     checkpoint
	series *momentum.Series
	steps  []int  // number of steps on each day of series
	skip   []bool // skip days of series
	points []momentum.Point
	save   []checkpoint // month ends passed that are not stored yet
}

// compute runs goal r from its checkpoint (or its start) through today,
// reading the days from need on (or from the checkpoint's window_from, if
// earlier) for the caller to show.
func compute(ctx context.Context, q querier, uid int64, r goalRow, info cpInfo, need, today stride.Date) (*calc, error) {
	g := r.g
	c := &calc{g: g, rev: r.rev, mg: momentum.GoalOf(g)}
	c.cp = checkpoint{day: g.Start - 1, windowFrom: g.Start}
	if info.ok && info.start.day >= g.Start-1 && info.start.day < need {
		c.cp = info.start
	}
	lo := max(min(c.cp.windowFrom, need), g.Start)
	lo = min(lo, today)
	n := int(today-lo) + 1
	c.series = &momentum.Series{From: lo, Amount: make([]float64, n), Held: make([]bool, n)}
	c.steps, c.skip = make([]int, n), make([]bool, n)

	// Day sums (kind 0), skips (1) and pauses (2, until exclusive, 0 while
	// open) in one query: each query costs a statement preparation.
	rows, err := q.QueryContext(ctx, `SELECT 0, day, SUM(amount), COUNT(*) FROM steps
			WHERE goal_id = $1 AND user_id = $2 AND day >= $3 AND day <= $4 GROUP BY day
		UNION ALL
		SELECT 1, day, 0, 0 FROM skips WHERE goal_id = $1 AND user_id = $2 AND day >= $3 AND day <= $4
		UNION ALL
		SELECT 2, from_day, 0, COALESCE(until_day, 0) FROM pauses WHERE goal_id = $1 AND user_id = $2 AND from_day <= $4
			AND (until_day IS NULL OR until_day > $3)`, g.ID, uid, ymd(lo), ymd(today))
	if err != nil {
		return nil, fmt.Errorf("read days of %q: %w", g.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			kind, day, n int
			sum          float64
		)
		if err := rows.Scan(&kind, &day, &sum, &n); err != nil {
			return nil, fmt.Errorf("read days of %q: %w", g.Name, err)
		}
		d := stride.DateFromYMD(day)
		switch kind {
		case 0:
			c.series.Amount[d-lo], c.steps[d-lo] = sum, n
		case 1:
			c.skip[d-lo], c.series.Held[d-lo] = true, true
		case 2:
			end := today
			if n != 0 {
				end = min(end, stride.DateFromYMD(n)-1)
			}
			for h := max(d, lo); h <= end; h++ {
				c.series.Held[h-lo] = true
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read days of %q: %w", g.Name, err)
	}
	// Days before the set start without a step are untracked (a step
	// logged before the start moved it back): the goal asked nothing of
	// them, so they hold momentum as rest days do, and are never a gap.
	for d := lo; d < g.SetStart && d <= today; d++ {
		if c.steps[d-lo] == 0 {
			c.series.Held[d-lo] = true
		}
	}

	// Two days of grace before a month end is saved: today's and
	// yesterday's steps are the ones still being logged and edited.
	saveUntil := today - 2
	momentum.Run(c.mg, c.series, momentum.State{Day: c.cp.day, Value: c.cp.value}, today, func(p momentum.Point) {
		c.points = append(c.points, p)
		if p.Day <= saveUntil && p.Day > info.latest && (p.Day+1).Day() == 1 {
			c.save = append(c.save, checkpoint{p.Day, p.Value, momentum.WindowFrom(c.mg, c.series, p.Day)})
		}
	})
	return c, nil
}

// point returns the computed point of day, false for days not computed.
func (c *calc) point(day stride.Date) (momentum.Point, bool) {
	i := int(day - c.cp.day - 1)
	if i < 0 || i >= len(c.points) {
		return momentum.Point{}, false
	}
	return c.points[i], true
}

// value returns momentum at the end of day: 0 before the goal starts.
func (c *calc) value(day stride.Date) float64 {
	if p, ok := c.point(day); ok {
		return p.Value
	}
	if day == c.cp.day {
		return c.cp.value
	}
	return 0
}

// days returns the record of each day from from through to.
func (c *calc) days(from, to stride.Date) []stride.Day {
	out := make([]stride.Day, 0, int(to-from)+1)
	for d := from; d <= to; d++ {
		day := stride.Day{Date: d}
		if i := int(d - c.series.From); i >= 0 && i < c.series.Len() {
			day.Amount, day.Steps, day.Held, day.Skipped = c.series.Amount[i], c.steps[i], c.series.Held[i], c.skip[i]
			day.Untracked = d < c.g.SetStart && c.steps[i] == 0
		}
		if p, ok := c.point(d); ok {
			day.Credit, day.Momentum = p.Credit, p.Value
		}
		out = append(out, day)
	}
	return out
}

// status fills one line of the board.
func (c *calc) status(today stride.Date, weekStart time.Weekday) *stride.GoalStatus {
	g := c.g
	st := &stride.GoalStatus{
		Goal: g, ID: g.ID, Name: g.Name, Kind: g.Kind(), Unit: g.Unit,
		Target: g.TargetOn(today).String(), Direction: g.Direction, State: g.StateOn(today), ParentID: g.ParentID,
		Momentum: c.value(today), MomentumYesterday: c.value(today - 1),
		Pace:   momentum.Pace(g, c.series, today, weekStart),
		Recent: c.days(today-recentDays+1, today),
		Total:  g.Total,
	}
	amount := g.SmallestStepAmount()
	st.Next = stride.NextStep{Text: g.SmallestStep, Amount: amount, Momentum: st.Momentum}
	if i := int(today - c.series.From); i >= 0 && i < c.series.Len() {
		s := *c.series
		s.Amount = append([]float64(nil), s.Amount...)
		s.Amount[i] += amount
		// The series reaches back to the checkpoint's window, which is
		// no later than the window yesterday looks back on.
		st.Next.Momentum = momentum.Run(c.mg, &s, momentum.State{Day: today - 1, Value: st.MomentumYesterday}, today, nil).Value
	}
	return st
}

// saveCheckpoints stores the month ends the reads passed, for each goal
// whose rev is still the one read before its steps: a write committed
// since then may have changed them. Goals are checked with an UPDATE so the
// check holds until commit on both databases.
func (s *store) saveCheckpoints(ctx context.Context, uid int64, calcs []*calc) error {
	var todo []*calc
	for _, c := range calcs {
		if len(c.save) > 0 {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// In id order, as every writer of several goals locks them, so that
	// PostgreSQL cannot deadlock this against a group commit.
	slices.SortFunc(todo, func(a, b *calc) int { return cmp.Compare(a.g.ID, b.g.ID) })
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, c := range todo {
			res, err := tx.ExecContext(ctx, `UPDATE goals SET rev = rev WHERE id = $1 AND user_id = $2 AND rev = $3`, c.g.ID, uid, c.rev)
			if err != nil {
				return fmt.Errorf("save checkpoints: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("save checkpoints: %w", err)
			} else if n != 1 {
				continue // changed since it was read: the next read saves
			}
			const cols, batch = 5, 200
			for i := 0; i < len(c.save); i += batch {
				part := c.save[i:min(i+batch, len(c.save))]
				args := make([]any, 0, len(part)*cols)
				for _, cp := range part {
					args = append(args, c.g.ID, uid, ymd(cp.day), cp.value, ymd(cp.windowFrom))
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO momentum_checkpoints (goal_id, user_id, day, value, window_from) VALUES `+
					placeholders(len(part), cols, 1)+` ON CONFLICT (goal_id, day) DO UPDATE SET value = excluded.value,
					window_from = excluded.window_from`, args...); err != nil {
					return fmt.Errorf("save checkpoints: %w", err)
				}
			}
		}
		return nil
	})
}

// weekStart returns the context user's first day of the week.
func weekStart(ctx context.Context) time.Weekday {
	if u := stride.UserFromContext(ctx); u != nil {
		return u.WeekStart
	}
	return time.Monday
}

// need returns the first day a status on today reads: the recent days and
// the pace period.
func need(g *stride.Goal, today stride.Date, ws time.Weekday) stride.Date {
	from, _ := g.TargetOn(today).PeriodOf(today, ws)
	return min(today-recentDays+1, from)
}

// Status returns the board on today: every goal active that day, by name.
// Weeks start on the context user's WeekStart. The GoalStatus and Goal
// structs are the caller's; the slices inside them may be shared with
// later calls and must not be written to. It returns EUNAUTHORIZED without
// a user, or an internal error.
func (ss *StatusService) Status(ctx context.Context, today stride.Date) ([]*stride.GoalStatus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	ws := weekStart(ctx)
	if ss.cache == nil || !ss.cache.seen(uid) {
		return ss.board(ctx, uid, ws, today)
	}
	// The revision is read before the data: a board computed from data
	// at least as new as rev is kept under rev, and any write after rev
	// makes the next read miss it.
	rev, ok, err := dataRev(ctx, ss.s.reads, uid)
	if err != nil {
		return nil, err
	}
	if !ok {
		return ss.board(ctx, uid, ws, today)
	}
	key := boardKey{today: today, weekStart: ws}
	if u := stride.UserFromContext(ctx); u != nil {
		key.created = u.CreatedAt
	}
	if b := ss.cache.get(uid, key, rev); b != nil {
		return copyBoard(b), nil
	}
	b, err := ss.board(ctx, uid, ws, today)
	if err != nil {
		return nil, err
	}
	ss.cache.put(uid, key, rev, b)
	return copyBoard(b), nil
}

// board computes user uid's board on today.
func (ss *StatusService) board(ctx context.Context, uid int64, ws time.Weekday, today stride.Date) ([]*stride.GoalStatus, error) {
	// Goals are read before their steps: rev must predate what it vouches for.
	w := &where{}
	w.add("user_id = ?", uid)
	goals, err := ss.s.loadGoals(ctx, ss.s.reads, w, uid, today)
	if err != nil {
		return nil, err
	}
	cps, err := loadCheckpoints(ctx, ss.s.reads, uid, 0, today-recentDays)
	if err != nil {
		return nil, err
	}
	var calcs []*calc
	out := []*stride.GoalStatus{}
	for _, r := range goals {
		if r.g.StateOn(today) != stride.GoalActive || len(r.g.Targets) == 0 {
			continue
		}
		c, err := compute(ctx, ss.s.reads, uid, r, cps[r.g.ID], need(r.g, today, ws), today)
		if err != nil {
			return nil, err
		}
		calcs = append(calcs, c)
		out = append(out, c.status(today, ws))
	}
	if err := ss.s.saveCheckpoints(ctx, uid, calcs); err != nil {
		return nil, err
	}
	return out, nil
}

// GoalStatus returns the status of one goal in any state on today. It
// returns ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (ss *StatusService) GoalStatus(ctx context.Context, id int64, today stride.Date) (*stride.GoalStatus, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	ws := weekStart(ctx)
	r, err := ss.s.goalByID(ctx, ss.s.reads, uid, id, today)
	if err != nil {
		return nil, err
	}
	n := need(r.g, today, ws)
	cps, err := loadCheckpoints(ctx, ss.s.reads, uid, id, n-1)
	if err != nil {
		return nil, err
	}
	c, err := compute(ctx, ss.s.reads, uid, r, cps[id], n, today)
	if err != nil {
		return nil, err
	}
	if err := ss.s.saveCheckpoints(ctx, uid, []*calc{c}); err != nil {
		return nil, err
	}
	return c.status(today, ws), nil
}

// maxHistoryDays bounds a history so a typo cannot ask for millennia.
const maxHistoryDays = 100 * 366

// GoalHistory returns every day from from through today with amounts,
// credit and momentum; days before the goal's start are empty. It returns
// EINVALID when from is after today or more than a century before,
// ENOTFOUND, EUNAUTHORIZED without a user, or an internal error.
func (ss *StatusService) GoalHistory(ctx context.Context, id int64, from, today stride.Date) ([]stride.Day, error) {
	uid, err := stride.UserIDFromContext(ctx)
	if err != nil {
		return nil, err
	}
	if from > today {
		return nil, stride.Errorf(stride.EINVALID, "history from %s ends before it starts: today is %s", from, today)
	}
	if int(today-from) > maxHistoryDays {
		return nil, stride.Errorf(stride.EINVALID, "history from %s is too long: ask for at most a century", from)
	}
	r, err := ss.s.goalByID(ctx, ss.s.reads, uid, id, today)
	if err != nil {
		return nil, err
	}
	cps, err := loadCheckpoints(ctx, ss.s.reads, uid, id, from-1)
	if err != nil {
		return nil, err
	}
	c, err := compute(ctx, ss.s.reads, uid, r, cps[id], from, today)
	if err != nil {
		return nil, err
	}
	if err := ss.s.saveCheckpoints(ctx, uid, []*calc{c}); err != nil {
		return nil, err
	}
	return c.days(from, today), nil
}
