package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/client"
)

// fake serves /api/v1/me and whatever else a test adds, recording requests.
type fake struct {
	t   *testing.T
	mux *http.ServeMux
	mu  sync.Mutex
	log []string // "METHOD /path?query body"
}

func newFake(t *testing.T) (*fake, *httptest.Server) {
	f := &fake{t: t, mux: http.NewServeMux()}
	f.mux.HandleFunc("GET /api/v1/me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, stride.User{ID: 7, Name: "ada"})
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.log = append(f.log, strings.TrimSpace(r.Method+" "+r.URL.RequestURI()+" "+string(b)))
		f.mu.Unlock()
		if got := r.Header.Get("Authorization"); got != "Bearer secret" {
			writeJSON(w, 401, errBody("unauthorized", "bad token "+got))
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		f.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fake) requests(prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, l := range f.log {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func errBody(code, msg string) any {
	return map[string]any{"error": map[string]string{"code": code, "message": msg}}
}

func TestErrorCodes(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
	}{
		{400, stride.EINVALID},
		{401, stride.EUNAUTHORIZED},
		{403, stride.EFORBIDDEN},
		{404, stride.ENOTFOUND},
		{409, stride.ECONFLICT},
		{429, "too_many_requests"},
		{500, stride.EINTERNAL},
	} {
		f, srv := newFake(t)
		f.mux.HandleFunc("GET /api/v1/goals/{id}", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, tc.status, errBody(tc.code, "the message for "+tc.code))
		})
		svc := client.New(srv.URL, "secret")
		_, err := svc.Goals.FindGoalByID(context.Background(), 42)
		if got := stride.ErrorCode(err); got != tc.code {
			t.Errorf("status %d: code %q, want %q (%v)", tc.status, got, tc.code, err)
		}
		if got := stride.ErrorMessage(err); got != "the message for "+tc.code {
			t.Errorf("status %d: message %q", tc.status, got)
		}
	}
}

func TestAnswersThatAreNotTheAPI(t *testing.T) {
	f, srv := newFake(t)
	f.mux.HandleFunc("GET /api/v1/goals/1", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
	})
	f.mux.HandleFunc("GET /api/v1/goals/2", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	f.mux.HandleFunc("GET /api/v1/goals/3", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id": "not a number"`)
	})
	svc := client.New(srv.URL+"/", "secret") // a trailing slash is fine
	ctx := context.Background()
	_, err := svc.Goals.FindGoalByID(ctx, 1)
	if stride.ErrorCode(err) != stride.EINTERNAL || !strings.Contains(stride.ErrorMessage(err), srv.URL+" answered 502 Bad Gateway") {
		t.Errorf("502 without the API's body: %q (%s)", stride.ErrorMessage(err), stride.ErrorCode(err))
	}
	_, err = svc.Goals.FindGoalByID(ctx, 2)
	if stride.ErrorCode(err) != stride.ENOTFOUND || !strings.Contains(stride.ErrorMessage(err), "is it a stride server?") {
		t.Errorf("plain 404: %q (%s)", stride.ErrorMessage(err), stride.ErrorCode(err))
	}
	_, err = svc.Goals.FindGoalByID(ctx, 3)
	if stride.ErrorCode(err) != stride.EINTERNAL || !strings.HasPrefix(stride.ErrorMessage(err), srv.URL+": reading the answer to GET /goals/3") {
		t.Errorf("bad JSON: %q (%s)", stride.ErrorMessage(err), stride.ErrorCode(err))
	}
	_, err = client.New(srv.URL, "wrong").Goals.FindGoals(ctx, stride.GoalFilter{})
	if stride.ErrorCode(err) != stride.EUNAUTHORIZED {
		t.Errorf("bad token: %v", err)
	}
	_, err = client.New("stride.example.com", "secret").Goals.FindGoals(ctx, stride.GoalFilter{})
	if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), "is not a URL") {
		t.Errorf("URL without a scheme: %v", err)
	}
}

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	svc := client.New(url, "secret")
	defer svc.Close()
	_, err := svc.Status.Status(context.Background(), stride.NewDate(2026, 11, 21))
	if stride.ErrorCode(err) != stride.EINTERNAL || !strings.HasPrefix(stride.ErrorMessage(err), "cannot reach "+url+": ") {
		t.Errorf("closed server: %q (%s)", stride.ErrorMessage(err), stride.ErrorCode(err))
	}
}

func TestContextAndTimeout(t *testing.T) {
	f, srv := newFake(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f.mux.HandleFunc("GET /api/v1/goals/{id}", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := client.New(srv.URL, "secret").Goals.FindGoalByID(ctx, 1)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("context deadline: %v", err)
	}
	_, err = client.New(srv.URL, "secret", client.WithTimeout(50*time.Millisecond)).Goals.FindGoalByID(context.Background(), 1)
	if stride.ErrorCode(err) != stride.EINTERNAL || !strings.Contains(stride.ErrorMessage(err), "did not answer in time (50ms)") {
		t.Errorf("client timeout: %q (%s)", stride.ErrorMessage(err), stride.ErrorCode(err))
	}
}

func TestCreateStepRetriesWithTheSameRequestID(t *testing.T) {
	f, srv := newFake(t)
	var n int
	var mu sync.Mutex
	f.mux.HandleFunc("POST /api/v1/steps", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		first := n == 1
		mu.Unlock()
		if first {
			writeJSON(w, 503, errBody("internal", "busy"))
			return
		}
		var body struct {
			GoalID    int64  `json:"goal_id"`
			RequestID string `json:"request_id"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, 201, stride.StepCreated{Step: &stride.Step{ID: 5, GoalID: body.GoalID, Amount: 3, RequestID: body.RequestID}})
	})
	f.mux.HandleFunc("POST /api/v1/goals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 503, errBody("internal", "busy"))
	})
	svc := client.New(srv.URL, "secret")
	ctx := context.Background()
	st := &stride.Step{GoalID: 1, Day: stride.NewDate(2026, 11, 21), Amount: 3}
	c, err := svc.Steps.CreateStep(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	posts := f.requests("POST /api/v1/steps")
	if len(posts) != 2 || posts[0] != posts[1] || !strings.Contains(posts[0], `"request_id":"cli-`) {
		t.Errorf("want the same POST twice with a generated request id, got %q", posts)
	}
	if c.Step != st || st.ID != 5 || st.UserID != 7 {
		t.Errorf("the step is not filled in: %+v", st)
	}
	// Other writes are not repeated: only a step carries a request id.
	err = svc.Goals.CreateGoal(ctx, &stride.Goal{Name: "walk"})
	if stride.ErrorCode(err) != stride.EINTERNAL || len(f.requests("POST /api/v1/goals")) != 1 {
		t.Errorf("CreateGoal after a 503: %v, %d requests", err, len(f.requests("POST /api/v1/goals")))
	}
}

func TestRequests(t *testing.T) {
	f, srv := newFake(t)
	today := stride.NewDate(2026, 11, 21)
	f.mux.HandleFunc("GET /api/v1/status", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []*stride.GoalStatus{{ID: 3, Name: "walk"}})
	})
	f.mux.HandleFunc("GET /api/v1/goals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []*stride.Goal{{ID: 3, Name: "walk", Start: today}})
	})
	f.mux.HandleFunc("PATCH /api/v1/goals/3", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, stride.Goal{ID: 3, Name: "walk"})
	})
	f.mux.HandleFunc("PATCH /api/v1/steps/9", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, stride.Step{ID: 9})
	})
	svc := client.New(srv.URL, "secret")
	ctx := context.Background()
	board, err := svc.Status.Status(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(board) != 1 || board[0].Goal == nil || board[0].Goal.Start != today || board[0].Goal.UserID != 7 {
		t.Errorf("the board line's goal is not filled in: %+v", board[0])
	}
	var none *float64
	_, err = svc.Goals.UpdateGoal(ctx, 3, stride.GoalUpdate{DoneWhenAmount: &none, Milestones: &[]float64{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Goals.SetTarget(ctx, 3, stride.Target{From: today, Amount: 2, Count: true, Per: stride.PerWeek})
	if err != nil {
		t.Fatal(err)
	}
	var noTime *int
	_, err = svc.Steps.UpdateStep(ctx, 9, stride.StepUpdate{Time: &noTime})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /api/v1/status?today=2026-11-21",
		"GET /api/v1/goals?state=active%2Cpaused%2Cdone%2Carchived",
		`PATCH /api/v1/goals/3 {"done_when_amount":null,"milestones":[]}`,
		`PATCH /api/v1/goals/3 {"target":{"from":"2026-11-21","amount":2,"count":true,"per":"week"},"target_from":"2026-11-21"}`,
		`PATCH /api/v1/steps/9 {"time":null}`,
	}
	for _, w := range want {
		if len(f.requests(w)) != 1 {
			t.Errorf("no request %s in\n%s", w, strings.Join(f.requests(""), "\n"))
		}
	}
	if err := svc.Users.CreateUser(ctx, &stride.User{Name: "bo"}); stride.ErrorCode(err) != stride.EUNAUTHORIZED ||
		!strings.Contains(err.Error(), "stride user add") {
		t.Errorf("CreateUser: %v", err)
	}
	u, err := svc.Users.EnsureUser(ctx, "someone-local")
	if err != nil || u.Name != "ada" {
		t.Errorf("EnsureUser = %+v, %v; want the token's user", u, err)
	}
	if _, err := svc.Users.FindUserByName(ctx, "bo"); stride.ErrorCode(err) != stride.ENOTFOUND {
		t.Errorf("FindUserByName of another user: %v", err)
	}
	if n := len(f.requests("GET /api/v1/me")); n != 1 {
		t.Errorf("the token's user was asked for %d times, want once", n)
	}
}

// TestServerAddress: a base URL ending in /api/v1 is the server's (the
// client adds /api/v1), and https to a server speaking plain http says
// which URL to use.
func TestServerAddress(t *testing.T) {
	_, srv := newFake(t)
	ctx := context.Background()
	for _, base := range []string{srv.URL + "/api/v1", srv.URL + "/api/v1/"} {
		if _, err := client.New(base, "secret").Users.EnsureUser(ctx, ""); err != nil {
			t.Errorf("%s: %v", base, err)
		}
	}
	tls := strings.Replace(srv.URL, "http://", "https://", 1)
	_, err := client.New(tls, "secret").Users.EnsureUser(ctx, "")
	want := "cannot reach " + tls + ": the server there answers in plain http, not https. If that is how it is served (on this machine or your own network), use " + srv.URL
	if stride.ErrorCode(err) != stride.EINTERNAL || stride.ErrorMessage(err) != want {
		t.Errorf("https to a plain server: %q (%s), want %q", stride.ErrorMessage(err), stride.ErrorCode(err), want)
	}
}
