package http

import (
	"net/http"

	"github.com/strideapp/stride"
)

type loginForm struct {
	Name string
	// Next is the page to go on to once signed in ("" for the board),
	// carried through the form.
	Next string
	// Register links to the sign-up page, when registration is open.
	Register bool
}

// loginView is the sign-in form with name and the page to go on to,
// linking to sign-up when open.
func (s *Server) loginView(r *http.Request, name, next string) (loginForm, error) {
	mode, err := s.registration(r.Context())
	if next = returnPath(next); next == "/" {
		next = ""
	}
	return loginForm{Name: name, Next: next, Register: mode == stride.RegistrationOpen}, err
}

func (s *Server) handleLoginPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := r.URL.Query().Get("next")
		if stride.UserFromContext(r.Context()) != nil {
			http.Redirect(w, r, returnPath(next), http.StatusSeeOther)
			return
		}
		view, err := s.loginView(r, "", next)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "login.html", page{Title: "Sign in", Data: view})
	})
}

func (s *Server) handleLogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		name, pw, next := r.PostFormValue("name"), r.PostFormValue("password"), r.PostFormValue("next")
		u, err := s.signIn(r.Context(), r, name, pw)
		if err != nil {
			code, msg := s.errorText(r, err)
			if code == stride.EINTERNAL {
				s.pageError(w, r, err)
				return
			}
			view, verr := s.loginView(r, name, next)
			if verr != nil {
				s.pageError(w, r, verr)
				return
			}
			s.retryAfter(w, err)
			// The form comes back without a user, even if an old session
			// cookie was sent: the page is about this sign-in.
			s.render(w, r.WithContext(stride.NewContextWithUser(r.Context(), nil)), statusOf[code], "login.html",
				page{Title: "Sign in", Error: msg, Data: view})
			return
		}
		if old := sessionFrom(r.Context()); old != nil {
			_ = s.svc.Auth.DeleteSession(r.Context(), old.UserID, old.ID) // replaced below either way
		}
		if err := s.startSession(w, r, u); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, returnPath(next), http.StatusSeeOther)
	})
}

// handleLogout ends this browser's session; without one it just goes to
// the sign-in page.
func (s *Server) handleLogout() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ss := sessionFrom(r.Context()); ss != nil {
			if err := s.svc.Auth.DeleteSession(r.Context(), ss.UserID, ss.ID); err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
				s.pageError(w, r, err)
				return
			}
		}
		s.clearSessionCookie(w, r)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
}

// handleLogoutEverywhere ends every session of the user, this one too.
func (s *Server) handleLogoutEverywhere() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		if err := s.svc.Auth.DeleteSessions(r.Context(), u.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.clearSessionCookie(w, r)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
}
