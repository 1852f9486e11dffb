package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// maxExpiresDays bounds a token's lifetime: ten years.
const maxExpiresDays = 3650

// signIn checks a name and password, throttling failures per account and
// per client address. Unknown names cost the same time as known ones.
// It returns the user, EUNAUTHORIZED or a too_many_requests error whose
// message says when to try again.
func (s *Server) signIn(ctx context.Context, r *http.Request, name, pw string) (*stride.User, error) {
	auth := s.svc.Auth
	now := s.now()
	since := now.Add(-s.cfg.LoginWindow)
	name = strings.TrimSpace(name)
	accountKey, ipKey := "account:"+strings.ToLower(name), "ip:"+s.clientIP(r)
	n, err := auth.LoginFailures(ctx, accountKey, since)
	if err != nil {
		return nil, err
	}
	m, err := auth.LoginFailures(ctx, ipKey, since)
	if err != nil {
		return nil, err
	}
	if n >= s.cfg.LoginFailuresPerAccount || m >= s.cfg.LoginFailuresPerIP {
		return nil, &stride.Error{Code: codeTooManyRequests, Message: "too many failed sign-ins: wait " +
			humanMinutes(s.cfg.LoginWindow) + " and try again"}
	}
	u, hash, err := auth.PasswordHash(ctx, name)
	switch {
	case stride.ErrorCode(err) == stride.ENOTFOUND || (err == nil && hash == ""):
		password.VerifyDummy(pw)
	case err != nil:
		return nil, err
	default:
		ok, verr := password.Verify(pw, hash)
		if verr != nil {
			return nil, verr
		}
		if ok {
			if err := auth.ClearLoginFailures(ctx, accountKey); err != nil {
				return nil, err
			}
			return u, nil
		}
	}
	for _, key := range []string{accountKey, ipKey} {
		if err := auth.RecordLoginFailure(ctx, key, now); err != nil {
			return nil, err
		}
	}
	return nil, stride.Errorf(stride.EUNAUTHORIZED, "the name or the password is not right")
}

// humanMinutes writes a window such as "15 minutes".
func humanMinutes(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m <= 1 {
		return "a minute"
	}
	return strconv.Itoa(m) + " minutes"
}

// retryAfter sets Retry-After on a throttled answer.
func (s *Server) retryAfter(w http.ResponseWriter, err error) {
	if stride.ErrorCode(err) == codeTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(int(s.cfg.LoginWindow/time.Second)))
	}
}

type loginRequest struct {
	Name        string `json:"name"`
	Password    string `json:"password"`
	TokenName   string `json:"token_name"`
	ExpiresDays *int   `json:"expires_days"`
}

type tokenCreated struct {
	Token string        `json:"token"`
	Info  *stride.Token `json:"info,omitempty"`
	User  *stride.User  `json:"user,omitempty"`
}

func (s *Server) handleAPILogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[loginRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.Name == "" || req.Password == "" {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, `signing in needs "name" and "password"`))
			return
		}
		name := req.TokenName
		if name == "" {
			name = "stride login"
		}
		tok, err := s.tokenFor(name, stride.ScopeReadWrite, req.ExpiresDays)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		u, err := s.signIn(r.Context(), r, req.Name, req.Password)
		if err != nil {
			s.retryAfter(w, err)
			s.apiError(w, r, err)
			return
		}
		secret, err := s.createToken(r.Context(), u, tok)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, tokenCreated{Token: secret, User: u})
	})
}

// tokenFor checks a new token's fields and returns it unsaved.
func (s *Server) tokenFor(name string, scope stride.TokenScope, expiresDays *int) (*stride.Token, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, stride.Errorf(stride.EINVALID, `a token needs a "name" of 1 to 100 characters, such as "laptop" or "backup script"`)
	}
	switch scope {
	case stride.ScopeRead, stride.ScopeReadWrite:
	default:
		return nil, stride.Errorf(stride.EINVALID, `scope %q is not "read" or "read_write"`, scope)
	}
	t := &stride.Token{Name: name, Scope: scope, CreatedAt: s.now()}
	if expiresDays != nil {
		if *expiresDays < 1 || *expiresDays > maxExpiresDays {
			return nil, stride.Errorf(stride.EINVALID, `"expires_days" %d is out of range: use 1 to %d, or leave it out for a token that does not expire`, *expiresDays, maxExpiresDays)
		}
		at := s.now().Add(time.Duration(*expiresDays) * 24 * time.Hour)
		t.ExpiresAt = &at
	}
	return t, nil
}

// createToken stores t for u and returns its secret, shown once.
func (s *Server) createToken(ctx context.Context, u *stride.User, t *stride.Token) (string, error) {
	secret, hash, last4 := password.NewToken()
	t.UserID, t.Last4 = u.ID, last4
	if err := s.svc.Auth.CreateToken(ctx, t, hash); err != nil {
		return "", err
	}
	return secret, nil
}

func handleMe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		encode(w, http.StatusOK, stride.UserFromContext(r.Context()))
	})
}

func (s *Server) handleTokenList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		tokens, err := s.svc.Auth.FindTokens(r.Context(), u.ID)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(tokens))
	})
}

type tokenRequest struct {
	Name        string            `json:"name"`
	Scope       stride.TokenScope `json:"scope"`
	ExpiresDays *int              `json:"expires_days"`
}

func (s *Server) handleTokenCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[tokenRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.Scope == "" {
			req.Scope = stride.ScopeReadWrite
		}
		t, err := s.tokenFor(req.Name, req.Scope, req.ExpiresDays)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		secret, err := s.createToken(r.Context(), stride.UserFromContext(r.Context()), t)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, tokenCreated{Token: secret, Info: t})
	})
}

func (s *Server) handleTokenDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "token")
		if err == nil {
			err = s.svc.Auth.DeleteToken(r.Context(), stride.UserFromContext(r.Context()).ID, id)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleTokenDeleteCurrent revokes the token the request came with: how
// stride logout signs a device out without knowing its token's id.
func (s *Server) handleTokenDeleteCurrent() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := tokenFromContext(r.Context())
		if tok == nil {
			s.apiError(w, r, stride.Errorf(stride.EUNAUTHORIZED, "this request carries no token to revoke"))
			return
		}
		if err := s.svc.Auth.DeleteToken(r.Context(), tok.UserID, tok.ID); err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
