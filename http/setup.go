package http

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// setupSetting holds the hex SHA-256 of the one-time setup token, and
// setupSpent once it has been used.
const (
	setupSetting = "setup_token"
	setupSpent   = "spent"
)

// PrepareSetup makes the one-time link that creates the first account.
// When no user has a password yet, it stores the hash of a new random
// token (replacing any earlier one) and returns the token, for the caller
// to print as BASEURL/setup/TOKEN. Once an account has a password it
// returns "". It returns an internal error when the store fails.
func PrepareSetup(ctx context.Context, svc *stride.Services) (string, error) {
	users, err := svc.Users.FindUsers(ctx)
	if err != nil {
		return "", err
	}
	for _, u := range users {
		_, hash, err := svc.Auth.PasswordHash(ctx, u.Name)
		if err != nil {
			return "", err
		}
		if hash != "" {
			return "", nil
		}
	}
	token := rand.Text()
	if err := svc.Auth.SetSetting(ctx, setupSetting, setupHash(token)); err != nil {
		return "", err
	}
	return token, nil
}

func setupHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// setupValid reports whether token is the current, unspent setup token.
func (s *Server) setupValid(ctx context.Context, token string) (bool, error) {
	v, err := s.svc.Auth.Setting(ctx, setupSetting)
	if err != nil || v == "" || v == setupSpent {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(v), []byte(setupHash(token))) == 1, nil
}

type setupForm struct {
	Token string
	Name  string
}

const setupGone = "This setup link has already been used, or the server has made a new one since. Sign in instead, or look for the newest link in the server's log."

func (s *Server) handleSetupPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.PathValue("token")
		ok, err := s.setupValid(r.Context(), token)
		if err != nil {
			s.pageError(w, r, err)
			return
		} else if !ok {
			s.renderError(w, r, http.StatusNotFound, setupGone)
			return
		}
		s.render(w, r, http.StatusOK, "setup.html", page{Title: "Create your account", Data: setupForm{Token: token}})
	})
}

// handleSetup creates the first account from the setup link, or gives a
// password to the local user the command line made (so its goals carry
// over), spends the link and signs the browser in.
func (s *Server) handleSetup() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		token := r.PathValue("token")
		if ok, err := s.setupValid(ctx, token); err != nil {
			s.pageError(w, r, err)
			return
		} else if !ok {
			s.renderError(w, r, http.StatusNotFound, setupGone)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		form := setupForm{Token: token, Name: strings.TrimSpace(r.PostFormValue("name"))}
		pw, again := r.PostFormValue("password"), r.PostFormValue("password_again")
		retry := func(msg string) {
			s.render(w, r, http.StatusBadRequest, "setup.html", page{Title: "Create your account", Error: msg, Data: form})
		}
		switch {
		case form.Name == "":
			retry("Choose a name to sign in with.")
			return
		case pw != again:
			retry("The two passwords differ: type the same one twice.")
			return
		}
		if msg := passwordProblem(pw); msg != "" {
			retry(msg)
			return
		}
		hash, err := password.Hash(pw)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		claimed, err := s.svc.Auth.ClaimSetting(ctx, setupSetting, setupHash(token), setupSpent)
		if err != nil {
			s.pageError(w, r, err)
			return
		} else if !claimed {
			s.renderError(w, r, http.StatusNotFound, setupGone)
			return
		}
		u, err := s.svc.Users.FindUserByName(ctx, form.Name)
		if stride.ErrorCode(err) == stride.ENOTFOUND {
			u = &stride.User{Name: form.Name, WeekStart: time.Monday}
			err = s.svc.Auth.CreateAccount(ctx, u, hash)
		} else if err == nil {
			err = s.svc.Auth.SetPasswordHash(ctx, u.ID, hash)
		}
		if err != nil {
			// Give the link back, so a bad name can be corrected.
			if rerr := s.svc.Auth.SetSetting(ctx, setupSetting, setupHash(token)); rerr != nil {
				s.log.ErrorContext(ctx, "restore setup link", "err", rerr)
			}
			if code := stride.ErrorCode(err); code == stride.EINVALID || code == stride.ECONFLICT {
				retry(stride.ErrorMessage(err))
				return
			}
			s.pageError(w, r, err)
			return
		}
		s.log.InfoContext(ctx, "first account created", "user", u.Name)
		if err := s.startSession(w, r, u); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
}
