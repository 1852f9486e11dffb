package http

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
	"github.com/strideapp/stride/storetest"
)

// testEnv is a server over a real store with a clock the test moves.
type testEnv struct {
	t   *testing.T
	svc *stride.Services
	srv *Server
	mu  sync.Mutex
	now time.Time
}

var testStart = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) // a Monday

func newTestEnv(t *testing.T, svc *stride.Services, cfg Config) *testEnv {
	t.Helper()
	e := &testEnv{t: t, svc: svc, now: testStart}
	e.srv = NewServer(Deps{Services: svc, Now: e.clock, Config: cfg, BaseURL: "http://stride.test"})
	return e
}

func (e *testEnv) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *testEnv) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

// forEachStore runs fn on SQLite, and on PostgreSQL when configured.
func forEachStore(t *testing.T, fn func(t *testing.T, svc *stride.Services)) {
	for _, st := range storetest.Stores() {
		t.Run(st.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, st.Open(t))
		})
	}
}

// testPassword is every test user's password.
const testPassword = "correct horse battery"

// user creates a user with testPassword.
func (e *testEnv) user(name string) *stride.User {
	e.t.Helper()
	ctx := context.Background()
	u := &stride.User{Name: name, WeekStart: time.Monday}
	if err := e.svc.Users.CreateUser(ctx, u); err != nil {
		e.t.Fatal(err)
	}
	hash, err := password.Hash(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.Auth.SetPasswordHash(ctx, u.ID, hash); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// token makes an API token for u.
func (e *testEnv) token(u *stride.User, scope stride.TokenScope) (string, *stride.Token) {
	e.t.Helper()
	secret, hash, last4 := password.NewToken()
	tok := &stride.Token{UserID: u.ID, Name: "test " + string(scope), Scope: scope, Last4: last4}
	if err := e.svc.Auth.CreateToken(context.Background(), tok, hash); err != nil {
		e.t.Fatal(err)
	}
	return secret, tok
}

// ctx returns a context carrying u, for calling the services directly.
func ctxFor(u *stride.User) context.Context {
	return stride.NewContextWithUser(context.Background(), u)
}

// goal creates a goal for u through the services.
func (e *testEnv) goal(u *stride.User, name, target string) *stride.Goal {
	e.t.Helper()
	t, dir, err := stride.ParseTarget(target)
	if err != nil {
		e.t.Fatal(err)
	}
	start := stride.DateOf(testStart).AddDays(-30)
	t.From = start
	g := &stride.Goal{Name: name, Unit: t.Unit, Direction: dir, Target: t, Targets: []stride.Target{t}, Start: start}
	if err := e.svc.Goals.CreateGoal(ctxFor(u), g); err != nil {
		e.t.Fatal(err)
	}
	return g
}

// step logs a step for u.
func (e *testEnv) step(u *stride.User, g *stride.Goal, amount float64, note string) *stride.Step {
	e.t.Helper()
	s := &stride.Step{GoalID: g.ID, Day: stride.DateOf(testStart).AddDays(-1), Amount: amount, Note: note}
	if _, err := e.svc.Steps.CreateStep(ctxFor(u), s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

// req is one request to the server.
type req struct {
	method, path string
	token        string // bearer token
	body         any    // encoded as JSON unless a string or url.Values
	cookie       *http.Cookie
	header       map[string]string
}

func (e *testEnv) do(r req) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader
	contentType := ""
	switch b := r.body.(type) {
	case nil:
	case string:
		body, contentType = strings.NewReader(b), "application/json"
	case url.Values:
		body, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body, contentType = bytes.NewReader(data), "application/json"
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.cookie != nil {
		hr.AddCookie(r.cookie)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, hr)
	return w
}

// want checks a response's status and decodes its JSON body into out
// (when not nil).
func want(t *testing.T, w *httptest.ResponseRecorder, status int, out any) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body: %s", w.Code, status, w.Body.String())
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("decode %s: %v", w.Body.String(), err)
		}
	}
}

// wantError checks an API error's status and code, and that its message
// contains part.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code, part string) {
	t.Helper()
	var body errorBody
	want(t, w, status, &body)
	if body.Error.Code != code || !strings.Contains(body.Error.Message, part) {
		t.Fatalf("error %q %q, want code %q with %q", body.Error.Code, body.Error.Message, code, part)
	}
}
