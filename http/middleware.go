package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// contentSecurityPolicy allows only the server's own scripts, styles and
// images (and data: images for inline SVG), and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// recorder remembers the status a handler wrote.
type recorder struct {
	http.ResponseWriter
	status int
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// observe logs and counts every request by its route pattern, never by
// its path: paths can hold secrets (setup links) and unbounded ids.
// Headers (tokens, cookies) and query strings are never logged.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d := time.Since(start)
		route := r.Pattern // set by the mux on this same request
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, r.Method, rec.status, d)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("route", route),
			slog.Int("status", rec.status), slog.Duration("duration", d))
	})
}

// recoverPanics turns a handler's panic into a 500, logged with its stack.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // the sentinel is compared, as net/http does
				panic(v)
			}
			s.log.ErrorContext(r.Context(), "panic", "route", r.Pattern, "panic", v, "stack", string(debug.Stack()))
			err := errors.New("panic")
			if strings.HasPrefix(r.URL.Path, "/api/") {
				s.apiError(w, r, err)
				return
			}
			s.pageError(w, r, err)
		}()
		next.ServeHTTP(w, r)
	})
}

// requireToken authenticates an API request by its bearer token, puts its
// user in the context and refuses writes with a read-only token. Cookies
// are ignored: the API needs no CSRF protection.
func (s *Server) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, secret, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || secret == "" {
			s.apiError(w, r, stride.Errorf(stride.EUNAUTHORIZED,
				"this API needs a token: send Authorization: Bearer TOKEN (make one with stride token create or POST /api/v1/login)"))
			return
		}
		tok, u, err := s.svc.Auth.FindToken(r.Context(), password.TokenHash(secret), s.now())
		if stride.ErrorCode(err) == stride.ENOTFOUND {
			s.apiError(w, r, stride.Errorf(stride.EUNAUTHORIZED, "the token is unknown, revoked or expired: sign in again or make a new one"))
			return
		} else if err != nil {
			s.apiError(w, r, err)
			return
		}
		if tok.Scope != stride.ScopeReadWrite && writes(r) {
			s.apiError(w, r, s.readOnly(r))
			return
		}
		ctx := context.WithValue(stride.NewContextWithUser(r.Context(), u), tokenKey{}, tok)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writes says whether an API request may change data, which a read-only
// token may not: any method but GET and HEAD, with two exceptions. Any
// token may revoke itself, since a leaked read-only token must not outlive
// the logout that tries to end it; and an import's dry run (?dry_run=1)
// rolls back all it did, so it writes nothing and may be previewed with
// any token. A dry_run that cannot be read is let through for the handler
// to refuse (400), before it reads the body.
func writes(r *http.Request) bool {
	switch {
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		return false
	case r.Pattern == "DELETE /api/v1/tokens/current":
		return false
	case r.Pattern == "POST /api/v1/import":
		dry, err := boolParam(r, "dry_run")
		return err == nil && (dry == nil || !*dry)
	}
	return true
}

// readOnly is the answer to a read-only token that tries to write: what
// happened and where to get a token that may.
func (s *Server) readOnly(r *http.Request) error {
	get := fmt.Sprintf("use a read-write token, made on the tokens page (%s) or with stride token create", s.absURL(r, "/tokens"))
	if r.Pattern == "POST /api/v1/import" {
		return stride.Errorf(stride.EFORBIDDEN, "this token is read-only, so it may preview an import (a dry run: ?dry_run=1, or stride import --dry-run) but not make one: to import, %s", get)
	}
	return stride.Errorf(stride.EFORBIDDEN, "this token is read-only, so it cannot make changes: to make them, %s", get)
}

// tokenKey holds, in a request's context, the API token that authenticated it.
type tokenKey struct{}

// tokenFromContext returns the API token of the request, or nil.
func tokenFromContext(ctx context.Context) *stride.Token {
	t, _ := ctx.Value(tokenKey{}).(*stride.Token)
	return t
}

// crossOrigin refuses unsafe cross-origin browser requests (CSRF): the
// browser's Sec-Fetch-Site or Origin header must name this server.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	if o := originOf(s.deps.BaseURL); o != "" {
		_ = p.AddTrustedOrigin(o) // a malformed base URL only trusts nothing more
	}
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusForbidden, "This form was sent from another site, so it was refused. Open stride and try again from there.")
	}))
	return p.Handler(next)
}

// originOf returns scheme://host of a URL, or "".
func originOf(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || rest == "" {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return scheme + "://" + host
}

// clientIP returns the address the request came from: the peer, or with
// TrustProxy the last address the proxy appended to X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); ip != "" {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// secure reports whether the browser reached the server over TLS.
func (s *Server) secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

type sessionKey struct{}

// sessionFrom returns the browser session loadSession found, or nil.
func sessionFrom(ctx context.Context) *stride.Session {
	ss, _ := ctx.Value(sessionKey{}).(*stride.Session)
	return ss
}
