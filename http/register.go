package http

import (
	"cmp"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// registrationSetting is the server setting that holds the registration
// mode, so that every instance on one database agrees.
const registrationSetting = "registration"

// inviteTTL is how long an invite link works.
const inviteTTL = 7 * 24 * time.Hour

// invitePrefix starts the setting of each invite: invite:HASH holds
// "CREATOR:EXPIRY" (a user id and Unix seconds) until it is spent.
const (
	invitePrefix = "invite:"
	inviteSpent  = "spent"
)

// SetRegistration stores the registration mode for every server on the
// database. It returns EINVALID for a mode other than open, invite or
// closed, or an internal error when the store fails.
func SetRegistration(ctx context.Context, auth stride.AuthService, mode stride.RegistrationMode) error {
	switch mode {
	case stride.RegistrationOpen, stride.RegistrationInvite, stride.RegistrationClosed:
	default:
		return stride.Errorf(stride.EINVALID, "registration %q is not open, invite or closed", mode)
	}
	return auth.SetSetting(ctx, registrationSetting, string(mode))
}

// Registration returns the registration mode stored on the database, or
// def when none is stored. An unknown stored value counts as closed, the
// safe reading. It returns an internal error when the store fails.
func Registration(ctx context.Context, auth stride.AuthService, def stride.RegistrationMode) (stride.RegistrationMode, error) {
	v, err := auth.Setting(ctx, registrationSetting)
	if err != nil {
		return "", err
	}
	switch mode := stride.RegistrationMode(v); mode {
	case "":
		return def, nil
	case stride.RegistrationOpen, stride.RegistrationInvite, stride.RegistrationClosed:
		return mode, nil
	}
	return stride.RegistrationClosed, nil
}

// registration returns the mode in effect: the stored one, else the
// server's configured default.
func (s *Server) registration(ctx context.Context) (stride.RegistrationMode, error) {
	return Registration(ctx, s.svc.Auth, s.cfg.Registration)
}

// CreateInvite makes a one-time invite link from the user creatorID,
// working until now plus seven days. It stores only the SHA-256 of the
// token and returns the token, for the caller to show as
// BASEURL/invite/TOKEN, and its expiry. It returns an internal error when
// the store fails.
func CreateInvite(ctx context.Context, auth stride.AuthService, creatorID int64, now time.Time) (string, time.Time, error) {
	token := rand.Text()
	expires := now.Add(inviteTTL)
	value := strconv.FormatInt(creatorID, 10) + ":" + strconv.FormatInt(expires.Unix(), 10)
	if err := auth.SetSetting(ctx, invitePrefix+setupHash(token), value); err != nil {
		return "", time.Time{}, err
	}
	return token, expires, nil
}

// Invite is an unspent invite link as its maker sees it: the link itself
// is never stored, so it is named by the hash of its token.
type Invite struct {
	ID      string    `json:"id"` // hex SHA-256 of the token
	Expires time.Time `json:"expires"`
}

// ListInvites returns the unspent invites creatorID made that still work
// at now, the first to expire first. It returns an internal error when the
// store fails.
func ListInvites(ctx context.Context, auth stride.AuthService, creatorID int64, now time.Time) ([]Invite, error) {
	all, err := auth.FindSettings(ctx, invitePrefix)
	if err != nil {
		return nil, err
	}
	out := []Invite{}
	for key, v := range all {
		if creator, expires, ok := parseInvite(v); ok && creator == creatorID && now.Before(expires) {
			out = append(out, Invite{ID: strings.TrimPrefix(key, invitePrefix), Expires: expires})
		}
	}
	slices.SortFunc(out, func(a, b Invite) int {
		return cmp.Or(a.Expires.Compare(b.Expires), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// RevokeInvite spends creatorID's invite whose ID starts with id (at least
// 8 characters), so its link stops working. It returns EINVALID for a
// shorter id, ENOTFOUND when no working invite of creatorID matches (or
// another user's does), ECONFLICT when several do.
func RevokeInvite(ctx context.Context, auth stride.AuthService, creatorID int64, id string, now time.Time) error {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) < 8 {
		return stride.Errorf(stride.EINVALID, "invite id %q is too short: give at least its first 8 characters, as stride invite list shows them", id)
	}
	mine, err := ListInvites(ctx, auth, creatorID, now)
	if err != nil {
		return err
	}
	var match []Invite
	for _, in := range mine {
		if strings.HasPrefix(in.ID, id) {
			match = append(match, in)
		}
	}
	switch len(match) {
	case 0:
		return stride.Errorf(stride.ENOTFOUND, "no working invite of yours has the id %s: see yours with: stride invite list", id)
	case 1:
	default:
		return stride.Errorf(stride.ECONFLICT, "%d invites start with %s: give more of the id", len(match), id)
	}
	key := invitePrefix + match[0].ID
	v, err := auth.Setting(ctx, key)
	if err != nil {
		return err
	}
	if claimed, err := auth.ClaimSetting(ctx, key, v, inviteSpent); err != nil {
		return err
	} else if !claimed {
		return stride.Errorf(stride.ENOTFOUND, "that invite was used or revoked just now")
	}
	return nil
}

// parseInvite reads an invite's stored value, CREATOR:EXPIRY; ok is false
// for a spent or unreadable one.
func parseInvite(v string) (creator int64, expires time.Time, ok bool) {
	c, e, found := strings.Cut(v, ":")
	id, err1 := strconv.ParseInt(c, 10, 64)
	unix, err2 := strconv.ParseInt(e, 10, 64)
	if !found || err1 != nil || err2 != nil {
		return 0, time.Time{}, false
	}
	return id, time.Unix(unix, 0), true
}

// invite returns the stored value of an unspent, unexpired invite token,
// and "" for any other token: unknown, spent and expired read alike.
func (s *Server) invite(ctx context.Context, token string) (string, error) {
	v, err := s.svc.Auth.Setting(ctx, invitePrefix+setupHash(token))
	if err != nil {
		return "", err
	}
	if _, expires, ok := parseInvite(v); !ok || !s.now().Before(expires) {
		return "", nil
	}
	return v, nil
}

// registerView is the form that creates an account, at /register or at an
// invite link (Action says which).
type registerView struct {
	Action  string
	Invited bool
	Name    string
	Errors  fieldErrors
}

// closedView explains why no account can be made here, and whom to ask.
type closedView struct {
	Invite bool // the server is invite-only, rather than closed
}

const inviteGone = "This invite link has expired or has already been used. Ask the person who sent it for a new one: links work once, for seven days."

// refuseRegistration answers that this server takes no sign-ups of this kind.
func (s *Server) refuseRegistration(w http.ResponseWriter, r *http.Request, mode stride.RegistrationMode) {
	s.render(w, r, http.StatusForbidden, "register_closed.html",
		page{Title: "New accounts", Data: closedView{Invite: mode == stride.RegistrationInvite}})
}

// onlyOpen admits sign-ups without an invite: open registration only.
func onlyOpen(m stride.RegistrationMode) bool { return m == stride.RegistrationOpen }

// notClosed admits sign-ups with an invite: open or invite-only.
func notClosed(m stride.RegistrationMode) bool { return m != stride.RegistrationClosed }

// admits reads the registration mode and, unless ok accepts it, answers
// the page that says whom to ask; it reports whether the handler goes on.
func (s *Server) admits(w http.ResponseWriter, r *http.Request, ok func(stride.RegistrationMode) bool) bool {
	mode, err := s.registration(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return false
	}
	if !ok(mode) {
		s.refuseRegistration(w, r, mode)
		return false
	}
	return true
}

// handleRegisterPage shows the sign-up form when registration is open,
// and otherwise says whom to ask.
func (s *Server) handleRegisterPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if stride.UserFromContext(r.Context()) != nil {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		if !s.admits(w, r, onlyOpen) {
			return
		}
		s.render(w, r, http.StatusOK, "register.html", page{Title: "Create an account", Data: registerView{Action: "/register"}})
	})
}

// handleRegister creates an account when registration is open.
func (s *Server) handleRegister() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.admits(w, r, onlyOpen) {
			return
		}
		s.register(w, r, registerView{Action: "/register"}, "", "")
	})
}

// handleInvitePage shows the sign-up form of a good invite link.
func (s *Server) handleInvitePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if !s.admits(w, r, notClosed) {
			return
		}
		token := r.PathValue("token")
		if v, err := s.invite(ctx, token); err != nil {
			s.pageError(w, r, err)
			return
		} else if v == "" {
			s.renderError(w, r, http.StatusNotFound, inviteGone)
			return
		}
		s.render(w, r, http.StatusOK, "register.html", page{Title: "Create your account",
			Data: registerView{Action: "/invite/" + token, Invited: true}})
	})
}

// handleInvite creates an account with an invite link, spending it.
func (s *Server) handleInvite() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if !s.admits(w, r, notClosed) {
			return
		}
		token := r.PathValue("token")
		v, err := s.invite(ctx, token)
		if err != nil {
			s.pageError(w, r, err)
			return
		} else if v == "" {
			s.renderError(w, r, http.StatusNotFound, inviteGone)
			return
		}
		s.register(w, r, registerView{Action: "/invite/" + token, Invited: true}, token, v)
	})
}

// register reads the sign-up form, creates the account and signs it in.
// With an invite token and its stored value, the invite is spent
// exactly once: of concurrent sign-ups with one link, one gets the
// account and the others are told the link is used; a refused name
// gives the link back. Every attempt counts against the address's
// limit, so a script cannot make accounts by the thousand.
func (s *Server) register(w http.ResponseWriter, r *http.Request, view registerView, token, invite string) {
	ctx := r.Context()
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	view.Name = strings.TrimSpace(r.PostFormValue("name"))
	pw, again := r.PostFormValue("password"), r.PostFormValue("password_again")
	title := "Create an account"
	if view.Invited {
		title = "Create your account"
	}
	retry := func(status int, msg string) {
		s.render(w, r, status, "register.html", page{Title: title, Data: view,
			Error: "No account is made yet: " + msg})
	}

	ipKey := "register-ip:" + s.clientIP(r)
	n, err := s.svc.Auth.LoginFailures(ctx, ipKey, s.now().Add(-s.cfg.LoginWindow))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if n >= s.cfg.LoginFailuresPerIP {
		w.Header().Set("Retry-After", strconv.Itoa(int(s.cfg.LoginWindow/time.Second)))
		retry(http.StatusTooManyRequests, "many accounts were tried from your network just now. Wait "+
			humanMinutes(s.cfg.LoginWindow)+" and try again.")
		return
	}
	if err := s.svc.Auth.RecordLoginFailure(ctx, ipKey, s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}

	view.Errors = fieldErrors{}
	switch {
	case view.Name == "":
		view.Errors["name"] = "Choose a name to sign in with."
	case len([]rune(view.Name)) > 100:
		view.Errors["name"] = "That name is long: use at most 100 characters."
	}
	if msg := passwordProblem(pw); msg != "" {
		view.Errors["password"] = msg
	} else if pw != again {
		view.Errors["password_again"] = "The two passwords differ: type the same one twice."
	}
	if len(view.Errors) == 0 {
		if _, err := s.svc.Users.FindUserByName(ctx, view.Name); err == nil {
			view.Errors["name"] = "That name is taken: choose another."
		} else if stride.ErrorCode(err) != stride.ENOTFOUND {
			s.pageError(w, r, err)
			return
		}
	}
	if len(view.Errors) > 0 {
		status := http.StatusUnprocessableEntity
		if strings.Contains(view.Errors["name"], "taken") {
			status = http.StatusConflict
		}
		retry(status, "see the note beside the field.")
		return
	}
	hash, err := password.Hash(pw)
	if err != nil {
		s.pageError(w, r, err)
		return
	}

	key := invitePrefix + setupHash(token)
	if invite != "" {
		claimed, err := s.svc.Auth.ClaimSetting(ctx, key, invite, inviteSpent)
		if err != nil {
			s.pageError(w, r, err)
			return
		} else if !claimed {
			s.renderError(w, r, http.StatusNotFound, inviteGone)
			return
		}
	}
	u := &stride.User{Name: view.Name, WeekStart: time.Monday}
	if err := s.svc.Auth.CreateAccount(ctx, u, hash); err != nil {
		if invite != "" {
			// Give the link back, so a refused name can be changed.
			if rerr := s.svc.Auth.SetSetting(ctx, key, invite); rerr != nil {
				s.log.ErrorContext(ctx, "restore invite", "err", rerr)
			}
		}
		switch stride.ErrorCode(err) {
		case stride.ECONFLICT:
			view.Errors["name"] = "That name is taken: choose another."
			retry(http.StatusConflict, "see the note beside the field.")
		case stride.EINVALID:
			view.Errors["name"] = stride.ErrorMessage(err)
			retry(http.StatusUnprocessableEntity, "see the note beside the field.")
		default:
			s.pageError(w, r, err)
		}
		return
	}
	via := "open registration"
	if invite != "" {
		creator, _, _ := strings.Cut(invite, ":")
		via = "invite from user " + creator
	}
	s.log.InfoContext(ctx, "account created", "user", u.Name, "via", via)

	if old := sessionFrom(ctx); old != nil {
		_ = s.svc.Auth.DeleteSession(ctx, old.UserID, old.ID) // replaced below either way
	}
	if err := s.startSession(w, r, u); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, "/", fmt.Sprintf("Welcome, %s: your account is ready. Begin with one goal and the smallest step toward it; a messy start still counts.", u.Name))
}

// absURL is path on the address users reach the server at: the base
// URL when set, else this request's host.
func (s *Server) absURL(r *http.Request, path string) string {
	if b := strings.TrimSuffix(s.deps.BaseURL, "/"); b != "" {
		return b + path
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// handleInviteNew makes an invite link and shows it once on the settings
// page: the answer is the page, never a redirect, as for tokens.
func (s *Server) handleInviteNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u := stride.UserFromContext(ctx)
		view := settingsView{TimeZone: u.TimeZone, WeekStart: u.WeekStart}
		mode, err := s.registration(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if mode == stride.RegistrationClosed {
			s.settingsPage(w, r, http.StatusForbidden, view,
				"This server takes no new accounts right now, so an invite would not work. The person who runs it can add accounts.")
			return
		}
		token, expires, err := CreateInvite(ctx, s.svc.Auth, u.ID, s.now())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view.InviteURL = s.absURL(r, "/invite/"+token)
		view.InviteExpires = expires.In(s.location(u)).Format("2 Jan 2006 15:04")
		s.settingsPage(w, r, http.StatusOK, view, "")
	})
}
