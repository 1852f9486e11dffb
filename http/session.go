package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// sessionCookie holds "id.secret"; the store keeps only SHA-256(secret).
const sessionCookie = "stride_session"

// loadSession puts the browser's user in the context when its session
// cookie is good, and clears a stale cookie.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		idText, secret, _ := strings.Cut(c.Value, ".")
		id, _ := strconv.ParseInt(idText, 10, 64)
		ss, u, err := s.svc.Auth.FindSession(r.Context(), password.SessionHash(secret), s.now(), s.cfg.SessionIdle, s.cfg.SessionMaxAge)
		switch {
		case err == nil && ss.ID == id:
			ctx := stride.NewContextWithUser(r.Context(), u)
			r = r.WithContext(context.WithValue(ctx, sessionKey{}, ss))
		case err == nil || stride.ErrorCode(err) == stride.ENOTFOUND:
			s.clearSessionCookie(w, r)
		default:
			s.pageError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireSession sends browsers without a session to the sign-in page,
// which brings them back to the page they asked for (a GET: a form's post
// cannot be sent again).
func requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if stride.UserFromContext(r.Context()) == nil {
			to := "/login"
			if back := returnPath(r.URL.RequestURI()); (r.Method == http.MethodGet || r.Method == http.MethodHead) && back != "/" {
				to += "?next=" + url.QueryEscape(back)
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// startSession signs the browser in as u with a new session: a session
// is never carried over from before sign-in (session fixation).
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *stride.User) error {
	secret, hash := password.NewSessionSecret()
	ua := r.UserAgent()
	if len(ua) > 200 {
		ua = ua[:200]
	}
	ss := &stride.Session{UserID: u.ID, CreatedAt: s.now(), LastSeenAt: s.now(), UserAgent: ua, IP: s.clientIP(r)}
	if err := s.svc.Auth.CreateSession(r.Context(), ss, hash); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    strconv.FormatInt(ss.ID, 10) + "." + secret,
		Path:     "/",
		MaxAge:   int(s.cfg.SessionMaxAge.Seconds()),
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
}
