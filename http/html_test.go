package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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

// TestLoginReturns: signing in goes on to the page asked for when signed
// out, through the form, and never to another site.
func TestLoginReturns(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	g := e.goal(ann, "read", "20 pages/week")
	goal := fmt.Sprintf("/goals/%d", g.ID)
	signIn := func(next string) *httptest.ResponseRecorder {
		t.Helper()
		return e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {testPassword}, "next": {next}}})
	}

	w := e.do(req{method: "GET", path: goal + "?x=1&y=2"})
	if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape(goal+"?x=1&y=2") {
		t.Fatalf("signed out, %s sends to %d %q", goal, w.Code, loc)
	}
	w = e.do(req{method: "GET", path: w.Header().Get("Location")})
	field := fmt.Sprintf(`<input type="hidden" name="next" value="%s?x=1&amp;y=2">`, goal)
	if w.Code != 200 || !strings.Contains(w.Body.String(), field) {
		t.Fatalf("the sign-in form does not carry the way back: %d %s", w.Code, w.Body)
	}
	if w := signIn(goal + "?x=1&y=2"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != goal+"?x=1&y=2" {
		t.Errorf("signed in, on to %d %q", w.Code, w.Header().Get("Location"))
	}
	// A wrong password keeps the way back in the form.
	w = e.do(req{method: "POST", path: "/login", body: url.Values{"name": {"ann"}, "password": {"wrong password"}, "next": {goal}}})
	if w.Code != 401 || !strings.Contains(w.Body.String(), `name="next" value="`+goal+`"`) {
		t.Errorf("a refused sign-in drops the way back: %d", w.Code)
	}
	// The board, a form's post and the sign-in page carry none.
	for _, r := range []req{{method: "GET", path: "/"}, {method: "POST", path: goal + "/pause"}} {
		if w := e.do(r); w.Header().Get("Location") != "/login" {
			t.Errorf("signed out, %s %s sends to %q", r.method, r.path, w.Header().Get("Location"))
		}
	}
	if w := e.do(req{method: "GET", path: "/login"}); strings.Contains(w.Body.String(), `name="next"`) {
		t.Error("the plain sign-in page carries a way back")
	}
	// Already signed in: on to the page at once.
	c := sessionFromResponse(t, signIn(""))
	if w := e.do(req{method: "GET", path: "/login?next=" + url.QueryEscape(goal), cookie: c}); w.Header().Get("Location") != goal {
		t.Errorf("signed in, /login?next= goes to %q", w.Header().Get("Location"))
	}

	// Only a path of this site: anything else goes to the board.
	for next, want := range map[string]string{
		"":                          "/",
		"/reviews/2026-06-08":       "/reviews/2026-06-08",
		"/lessons?theme=time":       "/lessons?theme=time",
		"//evil.example/x":          "/",
		"///evil.example":           "/",
		"/\\evil.example":           "/",
		"/\tevil":                   "/",
		"/\t/evil.example":          "/",
		"/%0a/evil.example":         "/%0a/evil.example", // encoded: a path, never a host
		"https://evil.example/":     "/",
		"http:/evil.example":        "/",
		"javascript:alert(1)":       "/",
		"evil.example":              "/",
		" /goals":                   "/",
		"/goals\r\nSet-Cookie: x=y": "/",
		"/login":                    "/",
		"/login?next=/goals":        "/",
		"/logout":                   "/",
	} {
		if got := returnPath(next); got != want {
			t.Errorf("returnPath(%q) = %q, want %q", next, got, want)
		}
		w := signIn(next)
		if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != want {
			t.Errorf("signed in with next=%q: %d, on to %q, want %q", next, w.Code, loc, want)
		}
	}
	// What the sign-in page reads from its query, it checks the same way.
	w = e.do(req{method: "GET", path: "/login?next=" + url.QueryEscape("//evil.example")})
	if strings.Contains(w.Body.String(), "evil") {
		t.Error("the sign-in form carries a way to another site")
	}
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
