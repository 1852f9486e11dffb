package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// postgresGroup is the group commit's SQL on PostgreSQL. Every statement
// is a round trip, so each part of the group is one statement for all its
// users and goals, their lists passed as JSON. Several instances write at
// once: locks are taken in id order (goals, then users, as a lone
// CreateStep takes them), and step ids come from the table's sequence.
// The locks are FOR NO KEY UPDATE, what an UPDATE of the rows takes: FOR
// UPDATE would also wait for the key-share locks that other groups'
// inserted steps hold on the same users (their foreign keys), and they on
// ours: a deadlock.
type postgresGroup struct{}

// groupGoalRef names one goal of one user in the JSON lists.
type groupGoalRef struct {
	U int64 `json:"u"`
	G int64 `json:"g"`
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// goalRefs lists the goals goalIDs of users as JSON, in the users' order.
func goalRefs(users []int64, goalIDs map[int64][]int64) (string, error) {
	var refs []groupGoalRef
	for _, uid := range users {
		for _, id := range goalIDs[uid] {
			refs = append(refs, groupGoalRef{uid, id})
		}
	}
	list, err := jsonText(refs)
	if err != nil {
		return "", fmt.Errorf("lock goals: %w", err)
	}
	return list, nil
}

func (postgresGroup) lockGoals(ctx context.Context, q querier, users []int64, goalIDs map[int64][]int64, goals map[goalKey]*groupGoal) error {
	list, err := goalRefs(users, goalIDs)
	if err != nil {
		return err
	}
	// The lock first, in its own statement: the read below then takes
	// its snapshot with every lock held, so it sees what their holders
	// committed (a statement that waited for a lock reads its subqueries
	// from the snapshot it took before waiting).
	if _, err := q.ExecContext(ctx, `WITH l AS (
			SELECT g.id FROM goals g JOIN json_to_recordset($1::json) AS x(u bigint, g bigint) ON g.id = x.g AND g.user_id = x.u
			ORDER BY g.id FOR NO KEY UPDATE OF g)
		UPDATE goals SET rev = rev + 1 FROM l WHERE goals.id = l.id`, list); err != nil {
		return fmt.Errorf("lock goals: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT g.user_id, g.id, g.total, g.start_day, g.done_when_amount, g.name, g.unit,
		(SELECT MIN(m.amount) FROM milestones m WHERE m.goal_id = g.id AND m.user_id = g.user_id AND m.reached_day IS NULL),
		(SELECT MAX(c.day) FROM momentum_checkpoints c WHERE c.goal_id = g.id AND c.user_id = g.user_id)
		FROM goals g JOIN json_to_recordset($1::json) AS x(u bigint, g bigint) ON g.id = x.g AND g.user_id = x.u`, list)
	if err != nil {
		return fmt.Errorf("lock goals: %w", err)
	}
	return readGroupGoals(rows, goals)
}

func (postgresGroup) stepIDs(ctx context.Context, q querier, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	ids, err := queryAll(ctx, q, "create steps", scanInt64,
		`SELECT nextval(pg_get_serial_sequence('steps', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("create steps: %d ids for %d steps", len(ids), n)
	}
	slices.Sort(ids)
	return ids, nil
}

func (postgresGroup) updateGoals(ctx context.Context, q querier, written []groupWrite, now time.Time) error {
	type update struct {
		groupGoalRef
		Total float64 `json:"total"`
		Start int     `json:"start"`
		Met   *int    `json:"met"`
	}
	list := make([]update, len(written))
	for i, w := range written {
		list[i] = update{groupGoalRef: groupGoalRef{w.uid, w.id}, Total: w.g.total, Start: ymd(w.g.start)}
		if w.g.met != nil {
			met := ymd(*w.g.met)
			list[i].Met = &met
		}
	}
	js, err := jsonText(list)
	if err != nil {
		return fmt.Errorf("update goals: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE goals SET total = x.total, start_day = x.start, updated_at = $2,
			done_when_met = COALESCE(goals.done_when_met, x.met)
		FROM json_to_recordset($1::json) AS x(u bigint, g bigint, total double precision, start integer, met integer)
		WHERE goals.id = x.g AND goals.user_id = x.u`, js, now); err != nil {
		return fmt.Errorf("update goals: %w", err)
	}
	return nil
}

func (postgresGroup) dropCheckpoints(ctx context.Context, q querier, drops []groupWrite) error {
	type drop struct {
		groupGoalRef
		From int `json:"from"`
	}
	list := make([]drop, len(drops))
	for i, d := range drops {
		list[i] = drop{groupGoalRef: groupGoalRef{d.uid, d.id}, From: ymd(d.g.firstDay)}
		if d.g.startMoved {
			list[i].From = 0 // every checkpoint
		}
	}
	js, err := jsonText(list)
	if err != nil {
		return fmt.Errorf("drop checkpoints: %w", err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM momentum_checkpoints c
		USING json_to_recordset($1::json) AS x(u bigint, g bigint, "from" integer)
		WHERE c.goal_id = x.g AND c.user_id = x.u AND c.day >= x."from"`, js); err != nil {
		return fmt.Errorf("drop checkpoints: %w", err)
	}
	return nil
}

func (postgresGroup) bumpDataRevs(ctx context.Context, q querier, users []int64) error {
	js, err := jsonText(users)
	if err != nil {
		return fmt.Errorf("bump data revision: %w", err)
	}
	if _, err := q.ExecContext(ctx, `WITH l AS (
			SELECT id FROM users WHERE id IN (SELECT value::bigint FROM json_array_elements_text($1::json))
			ORDER BY id FOR NO KEY UPDATE)
		UPDATE users SET data_rev = data_rev + 1 FROM l WHERE users.id = l.id`, js); err != nil {
		return fmt.Errorf("bump data revision: %w", err)
	}
	return nil
}
