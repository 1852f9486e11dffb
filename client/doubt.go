package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/strideapp/stride"
)

// DoubtService reaches the doubt journal of the token's user.
type DoubtService struct{ c *Client }

var _ stride.DoubtService = (*DoubtService)(nil)

// doubtBody is the body of POST /api/v1/doubts.
type doubtBody struct {
	Date    stride.Date `json:"date"`
	Text    string      `json:"text"`
	Against string      `json:"against"`
	Reframe string      `json:"reframe"`
}

func doubtPath(id int64) string { return "/doubts/" + itoa(id) }

func setDoubtUser(d *stride.Doubt, uid int64) { d.UserID = uid }

func (s *DoubtService) one(ctx context.Context, r request) (*stride.Doubt, error) {
	return doOne(ctx, s.c, r, setDoubtUser)
}

// FindDoubtByID returns the doubt with its revisits, or ENOTFOUND.
func (s *DoubtService) FindDoubtByID(ctx context.Context, id int64) (*stride.Doubt, error) {
	return s.one(ctx, request{method: http.MethodGet, path: doubtPath(id)})
}

// FindDoubts returns doubts newest day first.
func (s *DoubtService) FindDoubts(ctx context.Context, f stride.DoubtFilter) ([]*stride.Doubt, error) {
	q := url.Values{}
	setRange(q, f.Since, f.Until)
	setLimit(q, f.Limit)
	return doList(ctx, s.c, request{method: http.MethodGet, path: "/doubts", query: q}, setDoubtUser)
}

// CreateDoubt stores d on the server and fills it in as the server keeps
// it; EINVALID.
func (s *DoubtService) CreateDoubt(ctx context.Context, d *stride.Doubt) error {
	created, err := s.one(ctx, request{method: http.MethodPost, path: "/doubts",
		body: doubtBody{Date: d.Day, Text: d.Text, Against: d.Against, Reframe: d.Reframe}})
	if err != nil {
		return err
	}
	*d = *created
	return nil
}

// UpdateDoubt changes a doubt and returns it; EINVALID, ENOTFOUND.
func (s *DoubtService) UpdateDoubt(ctx context.Context, id int64, upd stride.DoubtUpdate) (*stride.Doubt, error) {
	body := map[string]any{}
	if upd.Day != nil {
		body["date"] = *upd.Day
	}
	if upd.Text != nil {
		body["text"] = *upd.Text
	}
	if upd.Against != nil {
		body["against"] = *upd.Against
	}
	if upd.Reframe != nil {
		body["reframe"] = *upd.Reframe
	}
	return s.one(ctx, request{method: http.MethodPatch, path: doubtPath(id), body: body})
}

// RevisitDoubt records a later look at the doubt and returns it;
// EINVALID, ENOTFOUND.
func (s *DoubtService) RevisitDoubt(ctx context.Context, id int64, r stride.Revisit) (*stride.Doubt, error) {
	return s.one(ctx, request{method: http.MethodPost, path: doubtPath(id) + "/revisits",
		body: map[string]any{"date": r.Day, "holds": r.Holds, "note": r.Note}})
}

// DeleteDoubt removes a doubt with its revisits; ENOTFOUND.
func (s *DoubtService) DeleteDoubt(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: doubtPath(id)})
}
