package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
)

// WorkService reaches the works of the token's user and their refinement
// logs.
type WorkService struct{ c *Client }

var _ stride.WorkService = (*WorkService)(nil)

// workBody is the body of POST /api/v1/works.
type workBody struct {
	Name       string `json:"name"`
	GoalID     *int64 `json:"goal_id,omitempty"`
	DoneWhen   string `json:"done_when,omitempty"`
	NudgeAfter int    `json:"nudge_after,omitempty"`
}

// iterationBody is the body of POST /api/v1/works/{id}/iterations.
type iterationBody struct {
	Kind     string      `json:"kind"`
	Date     stride.Date `json:"date"`
	Changed  string      `json:"changed,omitempty"`
	Feedback string      `json:"feedback,omitempty"`
	Effort   *float64    `json:"effort_minutes,omitempty"`
	Note     string      `json:"note,omitempty"`
}

func workPath(id int64) string { return "/works/" + itoa(id) }

func setWorkUser(w *stride.Work, uid int64) { w.UserID = uid }

func (s *WorkService) one(ctx context.Context, r request) (*stride.Work, error) {
	return doOne(ctx, s.c, r, setWorkUser)
}

// FindWorkByID returns the work with its iterations, or ENOTFOUND.
func (s *WorkService) FindWorkByID(ctx context.Context, id int64) (*stride.Work, error) {
	return s.one(ctx, request{method: http.MethodGet, path: workPath(id)})
}

// FindWorkByName returns the work with this name, case-insensitively,
// with its iterations, or ENOTFOUND.
func (s *WorkService) FindWorkByName(ctx context.Context, name string) (*stride.Work, error) {
	var works []*stride.Work
	q := url.Values{"name": {name}}
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/works", query: q, out: &works}); err != nil {
		return nil, err
	}
	if len(works) == 0 {
		return nil, stride.Errorf(stride.ENOTFOUND, "no work named %q", strings.TrimSpace(name))
	}
	return s.FindWorkByID(ctx, works[0].ID)
}

// FindWorks returns works by name, without their iterations.
func (s *WorkService) FindWorks(ctx context.Context, f stride.WorkFilter) ([]*stride.Work, error) {
	q := url.Values{}
	if f.GoalID != nil {
		q.Set("goal_id", itoa(*f.GoalID))
	}
	if f.Shipped != nil {
		q.Set("shipped", strconv.FormatBool(*f.Shipped))
	}
	return doList(ctx, s.c, request{method: http.MethodGet, path: "/works", query: q}, setWorkUser)
}

// CreateWork stores w on the server and fills it in as the server keeps
// it; ECONFLICT when the name is taken, EINVALID, ENOTFOUND for a goal
// that is not the user's.
func (s *WorkService) CreateWork(ctx context.Context, w *stride.Work) error {
	created, err := s.one(ctx, request{method: http.MethodPost, path: "/works",
		body: workBody{Name: w.Name, GoalID: w.GoalID, DoneWhen: w.DoneWhen, NudgeAfter: w.NudgeAfter}})
	if err != nil {
		return err
	}
	*w = *created
	return nil
}

// UpdateWork changes a work and returns it; EINVALID, ENOTFOUND,
// ECONFLICT for a name that is taken.
func (s *WorkService) UpdateWork(ctx context.Context, id int64, upd stride.WorkUpdate) (*stride.Work, error) {
	body := map[string]any{}
	if upd.Name != nil {
		body["name"] = *upd.Name
	}
	if upd.GoalID != nil {
		body["goal_id"] = *upd.GoalID // a nil *int64 is null: detach
	}
	if upd.DoneWhen != nil {
		body["done_when"] = *upd.DoneWhen
	}
	if upd.DoneWhenMet != nil {
		body["done_when_met"] = *upd.DoneWhenMet // a nil *Date is null: not met
	}
	if upd.NudgeAfter != nil {
		body["nudge_after"] = *upd.NudgeAfter
	}
	return s.one(ctx, request{method: http.MethodPatch, path: workPath(id), body: body})
}

// DeleteWork removes a work with its iterations; ENOTFOUND.
func (s *WorkService) DeleteWork(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: workPath(id)})
}

// AddIteration records an iteration or a ship and returns the work; it is
// filled in as the server keeps it (ID, version). EINVALID, ENOTFOUND,
// ECONFLICT for shipping a version already shipped.
func (s *WorkService) AddIteration(ctx context.Context, workID int64, it *stride.Iteration) (*stride.Work, error) {
	var out struct {
		Iteration *stride.Iteration `json:"iteration"`
		Work      *stride.Work      `json:"work"`
	}
	body := iterationBody{Kind: it.Kind, Date: it.Day, Changed: it.Changed, Feedback: it.Feedback, Effort: it.Effort, Note: it.Note}
	if err := s.c.do(ctx, request{method: http.MethodPost, path: workPath(workID) + "/iterations", body: body, out: &out}); err != nil {
		return nil, err
	}
	if out.Iteration == nil || out.Work == nil {
		return nil, stride.Errorf(stride.EINTERNAL, "%s answered a new iteration without the iteration or the work", s.c.base)
	}
	*it = *out.Iteration
	return out.Work, fillUser(ctx, s.c, setWorkUser, out.Work)
}

// FindIterations returns the iterations of every work in [since, until],
// oldest first.
func (s *WorkService) FindIterations(ctx context.Context, since, until stride.Date) ([]*stride.Iteration, error) {
	q := url.Values{"since": {since.String()}, "until": {until.String()}}
	var its []*stride.Iteration
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/works/iterations", query: q, out: &its}); err != nil {
		return nil, err
	}
	return its, nil
}
