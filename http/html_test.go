package http

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// sessionFromResponse returns the session cookie a response set.
func sessionFromResponse(t *testing.T, w interface{ Result() *http.Response }) *http.Cookie {
	t.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c
		}
	}
	t.Fatal("no session cookie was set")
	return nil
}

func TestSetupLink(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ctx := context.Background()
		// The command line's local user, without a password, keeps its goals.
		local, err := svc.Users.EnsureUser(ctx, "ann")
		if err != nil {
			t.Fatal(err)
		}
		e.goal(local, "walk", "30 min/day")
		token, err := PrepareSetup(ctx, svc)
		if err != nil || token == "" {
			t.Fatalf("PrepareSetup: %q, %v", token, err)
		}
		path := "/setup/" + token
		w := e.do(req{method: "GET", path: path})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "Create your account") {
			t.Fatalf("setup page %d: %s", w.Code, w.Body)
		}
		form := url.Values{"name": {"ann"}, "password": {"short"}, "password_again": {"short"}}
		w = e.do(req{method: "POST", path: path, body: form})
		if w.Code != 400 || !strings.Contains(w.Body.String(), "too short (5 characters): use 8 characters or more") || strings.Contains(w.Body.String(), "bytes") {
			t.Fatalf("short password %d: %s", w.Code, w.Body)
		}
		form.Set("password", testPassword)
		form.Set("password_again", testPassword)
		w = e.do(req{method: "POST", path: path, body: form})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
			t.Fatalf("setup %d: %s", w.Code, w.Body)
		}
		c := sessionFromResponse(t, w)
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure {
			t.Errorf("cookie %+v", c)
		}
		w = e.do(req{method: "GET", path: "/", cookie: c})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "walk") {
			t.Fatalf("board %d: %s", w.Code, w.Body)
		}
		// Spent: the link works once, and no new one is made.
		if w := e.do(req{method: "POST", path: path, body: form}); w.Code != 404 {
			t.Fatalf("second use %d", w.Code)
		}
		if w := e.do(req{method: "GET", path: path}); w.Code != 404 {
			t.Fatalf("second visit %d", w.Code)
		}
		if again, err := PrepareSetup(ctx, svc); err != nil || again != "" {
			t.Fatalf("PrepareSetup after setup: %q, %v", again, err)
		}
	})
}

func TestLoginLogout(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{TrustProxy: true, SessionIdle: time.Hour})
		ann := e.user("ann")
		e.goal(ann, "read", "20 pages/week")

		w := e.do(req{method: "GET", path: "/"})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Fatalf("anonymous board %d", w.Code)
		}
		w = e.do(req{method: "GET", path: "/login"})
		if w.Code != 200 || !strings.Contains(w.Body.String(), `name="password"`) {
			t.Fatalf("login page %d", w.Code)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("CSP %q", csp)
		}
		w = e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {"wrong password"}}})
		if w.Code != 401 || !strings.Contains(w.Body.String(), "not right") || !strings.Contains(w.Body.String(), `value="ann"`) {
			t.Fatalf("bad login %d: %s", w.Code, w.Body)
		}
		w = e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {testPassword}},
			header: map[string]string{"X-Forwarded-Proto": "https"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("login %d: %s", w.Code, w.Body)
		}
		c := sessionFromResponse(t, w)
		if !c.Secure {
			t.Error("the cookie is not Secure behind an https proxy")
		}
		w = e.do(req{method: "GET", path: "/", cookie: c})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "read") || !strings.Contains(w.Body.String(), "20 pages/week") {
			t.Fatalf("board %d: %s", w.Code, w.Body)
		}
		if w := e.do(req{method: "GET", path: "/login", cookie: c}); w.Code != http.StatusSeeOther {
			t.Fatalf("login page when signed in: %d", w.Code)
		}

		// Idle longer than an hour: signed out.
		e.advance(2 * time.Hour)
		if w := e.do(req{method: "GET", path: "/", cookie: c}); w.Code != http.StatusSeeOther {
			t.Fatalf("idle session still works: %d", w.Code)
		}

		w = e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {testPassword}}})
		c = sessionFromResponse(t, w)
		w = e.do(req{method: "POST", path: "/logout", cookie: c})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Fatalf("logout %d", w.Code)
		}
		if w := e.do(req{method: "GET", path: "/", cookie: c}); w.Code != http.StatusSeeOther {
			t.Fatalf("session survives logout: %d", w.Code)
		}

		// Everywhere: both browsers are signed out.
		c1 := sessionFromResponse(t, e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {testPassword}}}))
		c2 := sessionFromResponse(t, e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {testPassword}}}))
		if w := e.do(req{method: "POST", path: "/logout/everywhere", cookie: c1}); w.Code != http.StatusSeeOther {
			t.Fatalf("logout everywhere %d", w.Code)
		}
		if w := e.do(req{method: "GET", path: "/", cookie: c2}); w.Code != http.StatusSeeOther {
			t.Fatalf("other browser still signed in: %d", w.Code)
		}
	})
}

func TestSessionMaxAge(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{SessionMaxAge: 3 * time.Hour})
	ann := e.user("ann")
	c := e.session(ann)
	for range 4 { // busy, never idle, but older than three hours at the end
		if w := e.do(req{method: "GET", path: "/", cookie: c}); w.Code != 200 {
			t.Fatalf("board %d", w.Code)
		}
		e.advance(time.Hour)
	}
	if w := e.do(req{method: "GET", path: "/", cookie: c}); w.Code != http.StatusSeeOther {
		t.Fatalf("session older than its max age still works: %d", w.Code)
	}
}
