package client

// This file holds what the services of the reflection records (lessons,
// doubts, focus, works, reviews, wins) share: a request answering one
// record or a list, with the token's user filled in, and the query of a
// list.

import (
	"context"
	"net/url"
	"strconv"

	"github.com/strideapp/stride"
)

// doOne sends r and returns the record the server answers, its user set
// with set.
func doOne[T any](ctx context.Context, c *Client, r request, set func(*T, int64)) (*T, error) {
	var v T
	r.out = &v
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &v, fillUser(ctx, c, set, &v)
}

// doList sends r and returns the records the server answers, their user
// set with set.
func doList[T any](ctx context.Context, c *Client, r request, set func(*T, int64)) ([]*T, error) {
	var vs []*T
	r.out = &vs
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return vs, fillUser(ctx, c, set, vs...)
}

// fillUser sets the token's user on records the API leaves it out of, as
// a store fills it.
func fillUser[T any](ctx context.Context, c *Client, set func(*T, int64), recs ...*T) error {
	if len(recs) == 0 {
		return nil
	}
	uid, err := c.userID(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		set(r, uid)
	}
	return nil
}

// setRange puts the optional first and last days of a list in q.
func setRange(q url.Values, since, until *stride.Date) {
	if since != nil {
		q.Set("since", since.String())
	}
	if until != nil {
		q.Set("until", until.String())
	}
}

// setLimit puts a list's limit in q when there is one.
func setLimit(q url.Values, limit int) {
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
}
