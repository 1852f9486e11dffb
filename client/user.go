package client

import (
	"context"
	"strings"

	"github.com/strideapp/stride"
)

// UserService answers for the one user the API token belongs to: a remote
// server decides who you are, so there is no choosing or creating users
// through it.
type UserService struct{ c *Client }

var _ stride.UserService = (*UserService)(nil)

// FindUserByName returns the token's user when name is that user's name
// (case-insensitively), ENOTFOUND for any other name: the server shows no
// other accounts. EUNAUTHORIZED for a bad token.
func (s *UserService) FindUserByName(ctx context.Context, name string) (*stride.User, error) {
	u, err := s.c.user(ctx)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(strings.TrimSpace(name), u.Name) {
		return nil, stride.Errorf(stride.ENOTFOUND, "no user named %q on %s: its token signs you in as %q", name, s.c.base, u.Name)
	}
	return copyUser(u), nil
}

// FindUsers returns the token's user alone.
func (s *UserService) FindUsers(ctx context.Context) ([]*stride.User, error) {
	u, err := s.c.user(ctx)
	if err != nil {
		return nil, err
	}
	return []*stride.User{copyUser(u)}, nil
}

// CreateUser returns EUNAUTHORIZED: accounts are made on the server.
func (s *UserService) CreateUser(context.Context, *stride.User) error {
	return stride.Errorf(stride.EUNAUTHORIZED, "create accounts on the server with stride user add")
}

// EnsureUser returns the token's user (GET /api/v1/me) whatever name is
// asked for: on a server the token, not the local name, says who you are.
// EUNAUTHORIZED for a bad token.
func (s *UserService) EnsureUser(ctx context.Context, _ string) (*stride.User, error) {
	u, err := s.c.user(ctx)
	if err != nil {
		return nil, err
	}
	return copyUser(u), nil
}

// copyUser keeps callers from changing the cached user.
func copyUser(u *stride.User) *stride.User {
	c := *u
	return &c
}
