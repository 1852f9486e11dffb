package client

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

// Login signs in to the server at baseURL with a name and a password and
// returns a new API token named tokenName, with its user. It returns
// EUNAUTHORIZED for a bad name or password, "too_many_requests" when the
// server throttles sign-ins, and an internal error naming the server when
// it cannot be reached.
func Login(ctx context.Context, baseURL, name, password, tokenName string, opts ...Option) (string, *stride.User, error) {
	c := NewClient(baseURL, "", opts...)
	defer c.http.CloseIdleConnections()
	body := map[string]any{"name": name, "password": password}
	if tokenName != "" {
		body["token_name"] = tokenName
	}
	var out struct {
		Token string       `json:"token"`
		User  *stride.User `json:"user"`
	}
	if err := c.do(ctx, request{method: http.MethodPost, path: "/login", body: body, out: &out}); err != nil {
		return "", nil, err
	}
	if out.Token == "" || out.User == nil {
		return "", nil, stride.Errorf(stride.EINTERNAL, "%s answered the sign-in without a token: is it a stride server?", c.base)
	}
	return out.Token, out.User, nil
}

// RevokeToken revokes the client's own token (DELETE
// /api/v1/tokens/current). A server without that route is asked for the
// user's tokens and the one ending in the same four characters is revoked.
// It returns EUNAUTHORIZED when the token is already invalid, and an
// internal error naming the server when it cannot be reached.
func (c *Client) RevokeToken(ctx context.Context) error {
	err := c.do(ctx, request{method: http.MethodDelete, path: "/tokens/current"})
	switch stride.ErrorCode(err) {
	case stride.ENOTFOUND, stride.EINVALID: // "current" read as an id
	default:
		return err
	}
	var tokens []*stride.Token
	if err := c.do(ctx, request{method: http.MethodGet, path: "/tokens", out: &tokens}); err != nil {
		return err
	}
	var match []*stride.Token
	for _, t := range tokens {
		if len(c.token) >= 4 && t.Last4 == c.token[len(c.token)-4:] {
			match = append(match, t)
		}
	}
	if len(match) != 1 {
		return stride.Errorf(stride.ENOTFOUND, "%s cannot tell which token is this one: revoke it in the web app's tokens page", c.base)
	}
	return c.do(ctx, request{method: http.MethodDelete, path: "/tokens/" + itoa(match[0].ID)})
}
