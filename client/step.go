package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/strideapp/stride"
)

// StepService reaches the steps of the token's user.
type StepService struct{ c *Client }

var _ stride.StepService = (*StepService)(nil)

// stepBody is a step as POST /api/v1/steps and the batch read it.
type stepBody struct {
	GoalID    int64       `json:"goal_id"`
	Amount    float64     `json:"amount"`
	Date      stride.Date `json:"date"`
	Time      *int        `json:"time,omitempty"`
	Note      string      `json:"note,omitempty"`
	Learned   string      `json:"learned,omitempty"`
	Effort    *float64    `json:"effort_minutes,omitempty"`
	Energy    *int        `json:"energy,omitempty"`
	RequestID string      `json:"request_id,omitempty"`
}

func toStepBody(s *stride.Step) stepBody {
	return stepBody{GoalID: s.GoalID, Amount: s.Amount, Date: s.Day, Time: s.Time, Note: s.Note, Learned: s.Learned,
		Effort: s.Effort, Energy: s.Energy, RequestID: s.RequestID}
}

func stepPath(id int64) string { return "/steps/" + itoa(id) }

func (s *StepService) fill(ctx context.Context, steps ...*stride.Step) error {
	uid, err := s.c.userID(ctx)
	if err != nil {
		return err
	}
	for _, st := range steps {
		st.UserID = uid
	}
	return nil
}

func (s *StepService) one(ctx context.Context, r request) (*stride.Step, error) {
	var st stride.Step
	r.out = &st
	if err := s.c.do(ctx, r); err != nil {
		return nil, err
	}
	if err := s.fill(ctx, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// FindStepByID returns the step, or ENOTFOUND.
func (s *StepService) FindStepByID(ctx context.Context, id int64) (*stride.Step, error) {
	return s.one(ctx, request{method: http.MethodGet, path: stepPath(id)})
}

// FindSteps returns steps by day and time of day (or newest first with
// Latest); ENOTFOUND for an unknown goal.
func (s *StepService) FindSteps(ctx context.Context, f stride.StepFilter) ([]*stride.Step, error) {
	q := url.Values{}
	if f.GoalID != nil {
		q.Set("goal_id", itoa(*f.GoalID))
	}
	if f.Since != nil {
		q.Set("since", f.Since.String())
	}
	if f.Until != nil {
		q.Set("until", f.Until.String())
	}
	if f.Latest {
		q.Set("latest", "true")
	}
	if f.Limit > 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	var steps []*stride.Step
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/steps", query: q, out: &steps}); err != nil {
		return nil, err
	}
	if err := s.fill(ctx, steps...); err != nil {
		return nil, err
	}
	return steps, nil
}

// CreateStep stores st on the server. A step without a RequestID gets a
// random one first, so that the one retry after a network failure or a
// server error can never log it twice; a repeated RequestID returns the
// first step and writes nothing (Replayed). Unless replayed, st is filled
// in as the server keeps it. EINVALID, ENOTFOUND for an unknown goal.
func (s *StepService) CreateStep(ctx context.Context, st *stride.Step) (*stride.StepCreated, error) {
	body := toStepBody(st)
	if body.RequestID == "" {
		body.RequestID = newRequestID()
	}
	var created stride.StepCreated
	if err := s.c.do(ctx, request{method: http.MethodPost, path: "/steps", body: body, out: &created, retry: true}); err != nil {
		return nil, err
	}
	if created.Step == nil {
		return nil, stride.Errorf(stride.EINTERNAL, "%s answered a new step without the step", s.c.base)
	}
	if err := s.fill(ctx, created.Step); err != nil {
		return nil, err
	}
	if !created.Replayed {
		*st = *created.Step
		created.Step = st
	}
	return &created, nil
}

// CreateSteps stores many steps in one request, all or nothing (the server
// reads bodies up to 1 MiB: some ten thousand steps). It reports no
// milestones and sets no IDs. EINVALID naming the first bad step,
// ENOTFOUND for a goal that is not the user's.
func (s *StepService) CreateSteps(ctx context.Context, steps []*stride.Step) error {
	if len(steps) == 0 {
		return nil
	}
	body := struct {
		Steps []stepBody `json:"steps"`
	}{make([]stepBody, len(steps))}
	for i, st := range steps {
		body.Steps[i] = toStepBody(st)
	}
	return s.c.do(ctx, request{method: http.MethodPost, path: "/steps/batch", body: body})
}

// UpdateStep changes a step and returns it; EINVALID, ENOTFOUND.
func (s *StepService) UpdateStep(ctx context.Context, id int64, upd stride.StepUpdate) (*stride.Step, error) {
	body := map[string]any{}
	if upd.Day != nil {
		body["date"] = *upd.Day
	}
	if upd.Time != nil {
		body["time"] = *upd.Time // nil is null: clear
	}
	if upd.Amount != nil {
		body["amount"] = *upd.Amount
	}
	if upd.Effort != nil {
		body["effort_minutes"] = *upd.Effort
	}
	if upd.Energy != nil {
		body["energy"] = *upd.Energy
	}
	if upd.Note != nil {
		body["note"] = *upd.Note
	}
	if upd.Learned != nil {
		body["learned"] = *upd.Learned
	}
	return s.one(ctx, request{method: http.MethodPatch, path: stepPath(id), body: body})
}

// DeleteStep removes a step; ENOTFOUND.
func (s *StepService) DeleteStep(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: stepPath(id)})
}
