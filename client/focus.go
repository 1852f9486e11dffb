package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/strideapp/stride"
)

// FocusService reaches the daily focus of the token's user. The API names
// a focus by its day or by its id under /api/v1/focus/.
type FocusService struct{ c *Client }

var _ stride.FocusService = (*FocusService)(nil)

// focusBody is the body of POST /api/v1/focus.
type focusBody struct {
	Date        stride.Date  `json:"date"`
	Text        string       `json:"text"`
	Done        bool         `json:"done,omitempty"`
	CarriedFrom *stride.Date `json:"carried_from,omitempty"`
}

func setFocusUser(f *stride.Focus, uid int64) { f.UserID = uid }

func (s *FocusService) one(ctx context.Context, r request) (*stride.Focus, error) {
	return doOne(ctx, s.c, r, setFocusUser)
}

// FindFocusByDay returns the day's focus, or ENOTFOUND.
func (s *FocusService) FindFocusByDay(ctx context.Context, day stride.Date) (*stride.Focus, error) {
	return s.one(ctx, request{method: http.MethodGet, path: "/focus/" + day.String()})
}

// FindFocusByID returns the focus, or ENOTFOUND.
func (s *FocusService) FindFocusByID(ctx context.Context, id int64) (*stride.Focus, error) {
	return s.one(ctx, request{method: http.MethodGet, path: "/focus/" + itoa(id)})
}

// FindFoci returns foci newest day first.
func (s *FocusService) FindFoci(ctx context.Context, f stride.FocusFilter) ([]*stride.Focus, error) {
	q := url.Values{}
	setRange(q, f.Since, f.Until)
	if f.Done != nil {
		q.Set("done", strconv.FormatBool(*f.Done))
	}
	setLimit(q, f.Limit)
	return doList(ctx, s.c, request{method: http.MethodGet, path: "/focus", query: q}, setFocusUser)
}

// SetFocus stores f as the focus of f.Day, replacing that day's text when
// there is one, and sets f's fields from what was stored; EINVALID. It is
// safe to repeat, so it is retried once after a network failure.
func (s *FocusService) SetFocus(ctx context.Context, f *stride.Focus) error {
	set, err := s.one(ctx, request{method: http.MethodPost, path: "/focus", retry: true,
		body: focusBody{Date: f.Day, Text: f.Text, Done: f.Done, CarriedFrom: f.CarriedFrom}})
	if err != nil {
		return err
	}
	*f = *set
	return nil
}

// UpdateFocus changes a focus and returns it; EINVALID, ENOTFOUND.
func (s *FocusService) UpdateFocus(ctx context.Context, id int64, upd stride.FocusUpdate) (*stride.Focus, error) {
	body := map[string]any{}
	if upd.Text != nil {
		body["text"] = *upd.Text
	}
	if upd.Done != nil {
		body["done"] = *upd.Done
	}
	return s.one(ctx, request{method: http.MethodPatch, path: "/focus/" + itoa(id), body: body})
}

// DeleteFocus removes a focus; ENOTFOUND.
func (s *FocusService) DeleteFocus(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: "/focus/" + itoa(id)})
}
