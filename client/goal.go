package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/strideapp/stride"
)

// GoalService reaches the goals of the token's user.
type GoalService struct{ c *Client }

var _ stride.GoalService = (*GoalService)(nil)

// allStates selects every goal: the API leaves archived goals out unless
// asked, a store's empty filter does not.
var allStates = []stride.GoalState{stride.GoalActive, stride.GoalPaused, stride.GoalDone, stride.GoalArchived}

// target is a Target as the API reads it: the fields without the "text"
// that only output carries.
type target struct {
	From   stride.Date   `json:"from"`
	Amount float64       `json:"amount"`
	Count  bool          `json:"count"`
	Unit   string        `json:"unit,omitempty"`
	Per    stride.Period `json:"per"`
	Every  int           `json:"every,omitempty"`
}

func toTarget(t stride.Target) target {
	return target{From: t.From, Amount: t.Amount, Count: t.Count, Unit: t.Unit, Per: t.Per, Every: t.Every}
}

// goalBody is the body of POST /api/v1/goals.
type goalBody struct {
	Name           string           `json:"name"`
	Target         *target          `json:"target,omitempty"`
	Targets        []target         `json:"targets,omitempty"`
	Direction      stride.Direction `json:"direction,omitempty"`
	Why            string           `json:"why,omitempty"`
	Unit           string           `json:"unit,omitempty"`
	DoneWhen       string           `json:"done_when,omitempty"`
	DoneWhenAmount *float64         `json:"done_when_amount,omitempty"`
	SmallestStep   string           `json:"smallest_step,omitempty"`
	ParentID       *int64           `json:"parent_id,omitempty"`
	Milestones     []float64        `json:"milestones,omitempty"`
	Start          stride.Date      `json:"start"`
}

func goalPath(id int64) string { return "/goals/" + itoa(id) }

// fill sets what the API leaves out of a goal.
func (s *GoalService) fill(ctx context.Context, goals ...*stride.Goal) error {
	uid, err := s.c.userID(ctx)
	if err != nil {
		return err
	}
	for _, g := range goals {
		g.UserID = uid
	}
	return nil
}

func (s *GoalService) one(ctx context.Context, r request) (*stride.Goal, error) {
	var g stride.Goal
	r.out = &g
	if err := s.c.do(ctx, r); err != nil {
		return nil, err
	}
	if err := s.fill(ctx, &g); err != nil {
		return nil, err
	}
	return &g, nil
}

// FindGoalByID returns the goal, or ENOTFOUND (also for another user's goal).
func (s *GoalService) FindGoalByID(ctx context.Context, id int64) (*stride.Goal, error) {
	return s.one(ctx, request{method: http.MethodGet, path: goalPath(id)})
}

// FindGoalByName returns the goal with this name in any state,
// case-insensitively, or ENOTFOUND.
func (s *GoalService) FindGoalByName(ctx context.Context, name string) (*stride.Goal, error) {
	goals, err := s.FindGoals(ctx, stride.GoalFilter{Name: &name})
	if err != nil {
		return nil, err
	}
	if len(goals) == 0 {
		return nil, stride.Errorf(stride.ENOTFOUND, "no goal named %q", strings.TrimSpace(name))
	}
	return goals[0], nil
}

// FindGoals returns the goals matching filter, by name. The API has no id
// filter: an ID is looked up alone and checked against the rest here.
func (s *GoalService) FindGoals(ctx context.Context, filter stride.GoalFilter) ([]*stride.Goal, error) {
	states := filter.States
	if len(states) == 0 {
		states = allStates
	}
	if filter.ID != nil {
		g, err := s.FindGoalByID(ctx, *filter.ID)
		if stride.ErrorCode(err) == stride.ENOTFOUND {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		nameOK := filter.Name == nil || strings.EqualFold(strings.TrimSpace(*filter.Name), g.Name)
		stateOK := false
		for _, st := range states {
			stateOK = stateOK || st == g.State
		}
		if !nameOK || !stateOK {
			return nil, nil
		}
		return []*stride.Goal{g}, nil
	}
	q := url.Values{}
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	q.Set("state", strings.Join(names, ","))
	if filter.Name != nil {
		q.Set("name", *filter.Name)
	}
	var goals []*stride.Goal
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/goals", query: q, out: &goals}); err != nil {
		return nil, err
	}
	if err := s.fill(ctx, goals...); err != nil {
		return nil, err
	}
	return goals, nil
}

// CreateGoal stores g on the server and fills it in as the server keeps it
// (ID, targets, dates). ECONFLICT when the name is taken, EINVALID for bad
// fields, ENOTFOUND for an unknown parent.
func (s *GoalService) CreateGoal(ctx context.Context, g *stride.Goal) error {
	body := goalBody{
		Name: g.Name, Why: g.Why, Unit: g.Unit, DoneWhen: g.DoneWhen, DoneWhenAmount: g.DoneWhenAmount,
		SmallestStep: g.SmallestStep, ParentID: g.ParentID, Start: g.Start,
	}
	if g.Direction != stride.AtLeast {
		body.Direction = g.Direction
	}
	// The history when there is one, as a store reads it; the server adds
	// "target" to "targets", so one of them only.
	for _, t := range g.Targets {
		body.Targets = append(body.Targets, toTarget(t))
	}
	if len(g.Targets) == 0 && g.Target != (stride.Target{}) {
		t := toTarget(g.Target)
		body.Target = &t
	}
	for _, m := range g.Milestones {
		body.Milestones = append(body.Milestones, m.Amount)
	}
	created, err := s.one(ctx, request{method: http.MethodPost, path: "/goals", body: body})
	if err != nil {
		return err
	}
	*g = *created
	return nil
}

// UpdateGoal changes a goal's fields, target and state in one request and
// returns it; ENOTFOUND, EINVALID, ECONFLICT for a name that is taken.
func (s *GoalService) UpdateGoal(ctx context.Context, id int64, upd stride.GoalUpdate) (*stride.Goal, error) {
	body := map[string]any{}
	set := func(key string, v any) { body[key] = v }
	if upd.Name != nil {
		set("name", *upd.Name)
	}
	if upd.Why != nil {
		set("why", *upd.Why)
	}
	if upd.DoneWhen != nil {
		set("done_when", *upd.DoneWhen)
	}
	if upd.DoneWhenAmount != nil {
		set("done_when_amount", *upd.DoneWhenAmount) // a nil *float64 is null: clear
	}
	if upd.DoneWhenMet != nil {
		set("done_when_met", *upd.DoneWhenMet) // a nil *Date is null: not met
	}
	if upd.SmallestStep != nil {
		set("smallest_step", *upd.SmallestStep)
	}
	if upd.ParentID != nil {
		set("parent_id", *upd.ParentID)
	}
	if upd.Milestones != nil {
		set("milestones", append([]float64{}, *upd.Milestones...))
	}
	if upd.Start != nil {
		set("start", *upd.Start)
	}
	if t := upd.Target; t != nil {
		set("target", toTarget(*t))
		set("target_from", t.From)
	}
	if upd.State != nil {
		set("state", *upd.State)
	}
	// One request, so that the server makes every change or none.
	return s.one(ctx, request{method: http.MethodPatch, path: goalPath(id), body: body})
}

// SetTarget puts t in effect from t.From on; EINVALID, ENOTFOUND.
func (s *GoalService) SetTarget(ctx context.Context, id int64, t stride.Target) (*stride.Goal, error) {
	return s.UpdateGoal(ctx, id, stride.GoalUpdate{Target: &t})
}

// SetGoalState marks a goal active, done or archived; EINVALID, ENOTFOUND.
func (s *GoalService) SetGoalState(ctx context.Context, id int64, state stride.GoalState) (*stride.Goal, error) {
	return s.UpdateGoal(ctx, id, stride.GoalUpdate{State: &state})
}

// PauseGoal pauses a goal from day on, until the day before until (nil:
// until resumed); EINVALID, ENOTFOUND.
func (s *GoalService) PauseGoal(ctx context.Context, id int64, from stride.Date, until *stride.Date) (*stride.Goal, error) {
	body := map[string]any{"from": from}
	if until != nil {
		body["until"] = *until
	}
	return s.one(ctx, request{method: http.MethodPost, path: goalPath(id) + "/pause", body: body})
}

// ResumeGoal ends the current pause, day being the first active day again;
// EINVALID when the goal is not paused, ENOTFOUND.
func (s *GoalService) ResumeGoal(ctx context.Context, id int64, day stride.Date) (*stride.Goal, error) {
	return s.one(ctx, request{method: http.MethodPost, path: goalPath(id) + "/resume", body: map[string]any{"date": day}})
}

// DeleteGoal removes a goal with its steps, skips and targets; ENOTFOUND.
func (s *GoalService) DeleteGoal(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: goalPath(id)})
}

// SkipDay marks day a planned rest day for the goal; ENOTFOUND.
func (s *GoalService) SkipDay(ctx context.Context, id int64, day stride.Date) error {
	return s.c.do(ctx, request{method: http.MethodPut, path: goalPath(id) + "/skips/" + day.String()})
}

// UnskipDay removes a skip; ENOTFOUND when the day was not skipped.
func (s *GoalService) UnskipDay(ctx context.Context, id int64, day stride.Date) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: goalPath(id) + "/skips/" + day.String()})
}
