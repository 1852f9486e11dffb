package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

func TestAPIGoals(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)

		var g stride.Goal
		want(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{
			"name": "walk", "target": "30 min/day", "why": "clear head", "smallest_step": "walk 5 minutes", "milestones": []float64{600},
		}}), http.StatusCreated, &g)
		if g.ID == 0 || g.Unit != "min" || g.Target.Amount != 30 || g.Start != stride.DateOf(testStart) || len(g.Milestones) != 1 {
			t.Fatalf("created %+v", g)
		}
		var read stride.Goal
		want(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{
			"name": "read", "target": map[string]any{"amount": 20, "unit": "pages", "per": "week"}, "start": "2026-06-01",
		}}), http.StatusCreated, &read)
		if read.Unit != "pages" || read.Target.Per != stride.PerWeek || read.Start != stride.NewDate(2026, 6, 1) {
			t.Fatalf("created %+v", read)
		}

		// Errors: duplicate, unknown field, wrong type, bad target, no target.
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{"name": "Walk", "target": "1 time/day"}}),
			http.StatusConflict, stride.ECONFLICT, "walk")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"x","target":"1 time/day","colour":"red"}`}),
			http.StatusBadRequest, stride.EINVALID, `unknown field "colour": accepted fields are "name", "target"`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":7}`}),
			http.StatusBadRequest, stride.EINVALID, `field "name" must be a string`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `[{"name":"x"}]`}),
			http.StatusBadRequest, stride.EINVALID, "the body must be an object in JSON, not array")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: url.Values{"name": {"x"}}}),
			http.StatusBadRequest, stride.EINVALID, "the body is a form, but the API reads JSON")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"x","target":"lots"}`}),
			http.StatusBadRequest, stride.EINVALID, "30 min/day")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"x"}`}),
			http.StatusBadRequest, stride.EINVALID, "target")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"x"`}),
			http.StatusBadRequest, stride.EINVALID, "JSON")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"x","target":"1 time/day"} {}`}),
			http.StatusBadRequest, stride.EINVALID, "one JSON value")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: `{"name":"` + strings.Repeat("a", maxBody) + `"}`}),
			http.StatusBadRequest, stride.EINVALID, "larger than")

		var goals []stride.Goal
		want(t, e.do(req{method: "GET", path: "/api/v1/goals", token: tok}), http.StatusOK, &goals)
		if len(goals) != 2 || goals[0].Name != "read" {
			t.Fatalf("goals %+v", goals)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/goals?name=WALK", token: tok}), http.StatusOK, &goals)
		if len(goals) != 1 || goals[0].ID != g.ID {
			t.Fatalf("by name %+v", goals)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/goals?state=sleeping", token: tok}), http.StatusBadRequest, stride.EINVALID, "active, paused")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/goals/999999", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "999999")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/goals/abc", token: tok}), http.StatusBadRequest, stride.EINVALID, "not a number")

		path := fmt.Sprintf("/api/v1/goals/%d", g.ID)
		var got stride.Goal
		want(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusOK, &got)
		if got.Name != "walk" {
			t.Fatalf("get %+v", got)
		}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{
			"why": "calm", "done_when_amount": 1000, "target": "45 min/day", "target_from": "2026-06-20",
		}}), http.StatusOK, &got)
		if got.Why != "calm" || got.DoneWhenAmount == nil || len(got.Targets) != 2 || got.Targets[1].Amount != 45 {
			t.Fatalf("patched %+v", got)
		}
		got = stride.Goal{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_amount":null,"state":"done"}`}), http.StatusOK, &got)
		if got.DoneWhenAmount != nil || got.State != stride.GoalDone {
			t.Fatalf("cleared %+v", got)
		}
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"state":"paused"}`}), http.StatusBadRequest, stride.EINVALID, "pause")
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"name":"read"}`}), http.StatusConflict, stride.ECONFLICT, "read")
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"state":"active"}`}), http.StatusOK, &got)

		want(t, e.do(req{method: "POST", path: path + "/pause", token: tok, body: `{"until":"2026-06-20"}`}), http.StatusOK, &got)
		if got.State != stride.GoalPaused {
			t.Fatalf("paused %+v", got)
		}
		want(t, e.do(req{method: "POST", path: path + "/resume", token: tok}), http.StatusOK, &got)
		if got.State != stride.GoalActive {
			t.Fatalf("resumed %+v", got)
		}

		want(t, e.do(req{method: "PUT", path: path + "/skips/2026-06-16", token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "PUT", path: path + "/skips/june", token: tok}), http.StatusBadRequest, stride.EINVALID, "YYYY-MM-DD")
		wantError(t, e.do(req{method: "PUT", path: path + "/skips/2026-06-14", token: tok}), http.StatusBadRequest, stride.EINVALID,
			"before walk starts (2026-06-15)")
		want(t, e.do(req{method: "DELETE", path: path + "/skips/2026-06-16", token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "DELETE", path: path + "/skips/2026-06-16", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		var st stride.GoalStatus
		want(t, e.do(req{method: "GET", path: path + "/status?today=2026-06-15", token: tok}), http.StatusOK, &st)
		if st.ID != g.ID || len(st.Recent) != 14 {
			t.Fatalf("status %+v", st)
		}
		var days []stride.Day
		want(t, e.do(req{method: "GET", path: path + "/history?from=2026-06-10&today=2026-06-15", token: tok}), http.StatusOK, &days)
		if len(days) != 6 {
			t.Fatalf("history %d days", len(days))
		}
		want(t, e.do(req{method: "GET", path: path + "/history", token: tok}), http.StatusOK, &days)
		if len(days) != 1 || days[0].Date != stride.DateOf(testStart) {
			t.Fatalf("default history %+v", days)
		}
		wantError(t, e.do(req{method: "GET", path: path + "/history?from=2026-07-01&today=2026-06-15", token: tok}), http.StatusBadRequest, stride.EINVALID, "after today")
		var board []stride.GoalStatus
		want(t, e.do(req{method: "GET", path: "/api/v1/status", token: tok}), http.StatusOK, &board)
		if len(board) != 2 {
			t.Fatalf("board %+v", board)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/status?today=tomorrow", token: tok}), http.StatusBadRequest, stride.EINVALID, "YYYY-MM-DD")

		want(t, e.do(req{method: "DELETE", path: path, token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

// TestAPILimitTargetText: a limit's target text says "at most", in the
// goal as in the review summary, and the goal keeps every other field.
func TestAPILimitTargetText(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	type target struct {
		Amount float64 `json:"amount"`
		Text   string  `json:"text"`
	}
	type goal struct {
		ID      int64    `json:"id"`
		Target  target   `json:"target"`
		Targets []target `json:"targets"`
	}
	texts := func(g goal) string {
		s := g.Target.Text
		for _, t := range g.Targets {
			s += "; " + t.Text
		}
		return s
	}
	var coffee goal
	w := e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{"name": "coffee", "target": "at most 2 cups/day", "start": "2026-06-08"}})
	want(t, w, http.StatusCreated, &coffee)
	if got := texts(coffee); got != "at most 2 cups/day; at most 2 cups/day" {
		t.Errorf("created: target texts %q", got)
	}
	// Only the texts differ from the goal's own JSON: no field is lost.
	stored, err := e.svc.Goals.FindGoalByID(ctxFor(ann), coffee.ID)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := json.Marshal(stored)
	if got, want := strings.ReplaceAll(w.Body.String(), `"text":"at most 2 cups/day"`, `"text":"2 cups/day"`), string(plain); !sameJSON(got, want) {
		t.Errorf("the API's goal\n%s\nis not the goal's JSON\n%s\nbut for the texts", got, want)
	}
	var goals []goal
	want(t, e.do(req{method: "GET", path: "/api/v1/goals", token: tok}), http.StatusOK, &goals)
	if len(goals) != 1 || texts(goals[0]) != texts(coffee) {
		t.Errorf("listed %+v", goals)
	}
	// A target read from the API can be sent back as it is.
	var raw struct {
		Target map[string]any `json:"target"`
	}
	want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/goals/%d", coffee.ID), token: tok}), http.StatusOK, &raw)
	next := raw.Target
	next["amount"] = 1
	delete(next, "from") // else it names the day the new target starts
	want(t, e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/goals/%d", coffee.ID), token: tok, body: map[string]any{"target": next, "target_from": "2026-06-15"}}),
		http.StatusOK, &coffee)
	if got := texts(coffee); got != "at most 1 cups/day; at most 2 cups/day; at most 1 cups/day" {
		t.Errorf("patched: target texts %q", got)
	}
	var sum stride.WeekSummary
	want(t, e.do(req{method: "GET", path: "/api/v1/reviews/summary?week=2026-06-08", token: tok}), http.StatusOK, &sum)
	if len(sum.Goals) != 1 || sum.Goals[0].TargetText != "at most 2 cups/day" {
		t.Errorf("summary %+v", sum.Goals)
	}
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func TestAPISteps(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		walk := e.goal(ann, "walk", "30 min/day")

		var c stride.StepCreated
		body := map[string]any{"goal_id": walk.ID, "amount": "1h", "note": "park", "energy": 4, "request_id": "r1"}
		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: body}), http.StatusCreated, &c)
		if c.Replayed || c.Step.Amount != 60 || c.Step.Day != stride.DateOf(testStart) {
			t.Fatalf("created %+v", c)
		}
		var again stride.StepCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: body}), http.StatusOK, &again)
		if !again.Replayed || again.Step.ID != c.Step.ID {
			t.Fatalf("replayed %+v", again)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": -1}}),
			http.StatusBadRequest, stride.EINVALID, "amount")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"amount": 1}}),
			http.StatusBadRequest, stride.EINVALID, "goal_id")
		// tomorrow has begun somewhere (UTC+14) at the test clock's hour; the day after has not
		soon := stride.DateOf(testStart) + 2
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": 5, "date": soon}}),
			http.StatusBadRequest, stride.EINVALID, "has not begun anywhere yet")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": 424242, "amount": 1}}),
			http.StatusNotFound, stride.ENOTFOUND, "")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": 5, "energy": 9}}),
			http.StatusBadRequest, stride.EINVALID, "energy")

		batch := map[string]any{"steps": []map[string]any{
			{"goal_id": walk.ID, "amount": 10, "date": "2026-06-01"},
			{"goal_id": walk.ID, "amount": 20, "date": "2026-06-02"},
		}}
		want(t, e.do(req{method: "POST", path: "/api/v1/steps/batch", token: tok, body: batch}), http.StatusNoContent, nil)
		bad := map[string]any{"steps": []map[string]any{
			{"goal_id": walk.ID, "amount": 10, "date": "2026-06-03"},
			{"goal_id": walk.ID, "amount": 0, "date": "2026-06-04"},
		}}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps/batch", token: tok, body: bad}), http.StatusBadRequest, stride.EINVALID, "step 2")

		var steps []stride.Step
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/steps?goal_id=%d&since=2026-06-01&until=2026-06-30", walk.ID), token: tok}), http.StatusOK, &steps)
		if len(steps) != 3 {
			t.Fatalf("steps %+v", steps)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/steps?latest=true&limit=1", token: tok}), http.StatusOK, &steps)
		if len(steps) != 1 || steps[0].ID <= c.Step.ID {
			t.Fatalf("latest %+v", steps)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/steps?limit=many", token: tok}), http.StatusBadRequest, stride.EINVALID, "limit")

		path := fmt.Sprintf("/api/v1/steps/%d", c.Step.ID)
		var s stride.Step
		want(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusOK, &s)
		if s.Note != "park" || s.Energy == nil {
			t.Fatalf("get %+v", s)
		}
		s = stride.Step{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"amount":45,"energy":null,"note":null,"time":480}`}), http.StatusOK, &s)
		if s.Amount != 45 || s.Energy != nil || s.Note != "" || s.Time == nil || *s.Time != 480 {
			t.Fatalf("patched %+v", s)
		}
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"amount":"lots"}`}), http.StatusBadRequest, stride.EINVALID, `amount "lots" is not a duration: use minutes (30), or 90m, 1.5h, 1h30m`)
		want(t, e.do(req{method: "DELETE", path: path, token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

func TestAPITokensAndAuth(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)

		w := e.do(req{method: "GET", path: "/api/v1/me"})
		wantError(t, w, http.StatusUnauthorized, stride.EUNAUTHORIZED, "Bearer")
		if got := w.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
			t.Errorf("WWW-Authenticate %q", got)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/me", token: "stride_nope"}), http.StatusUnauthorized, stride.EUNAUTHORIZED, "unknown")
		var me stride.User
		want(t, e.do(req{method: "GET", path: "/api/v1/me", token: tok}), http.StatusOK, &me)
		if me.Name != "ann" {
			t.Fatalf("me %+v", me)
		}

		var created tokenCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/tokens", token: tok, body: `{"name":"phone","scope":"read","expires_days":1}`}), http.StatusCreated, &created)
		if !strings.HasPrefix(created.Token, "stride_") || created.Info.Scope != stride.ScopeRead || created.Info.ExpiresAt == nil {
			t.Fatalf("created %+v", created)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/tokens", token: tok, body: `{"name":"x","scope":"admin"}`}), http.StatusBadRequest, stride.EINVALID, "scope")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/tokens", token: tok, body: `{"name":""}`}), http.StatusBadRequest, stride.EINVALID, "name")

		ro := created.Token
		want(t, e.do(req{method: "GET", path: "/api/v1/goals", token: ro}), http.StatusOK, nil)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: ro, body: `{"name":"x","target":"1 time/day"}`}),
			http.StatusForbidden, stride.EFORBIDDEN, "this token is read-only, so it cannot make changes: to make them, use a read-write token, made on the tokens page (http://stride.test/tokens) or with stride token create")

		var tokens []stride.Token
		want(t, e.do(req{method: "GET", path: "/api/v1/tokens", token: tok}), http.StatusOK, &tokens)
		if len(tokens) != 2 {
			t.Fatalf("tokens %+v", tokens)
		}
		if strings.Contains(fmt.Sprint(tokens), created.Token) {
			t.Fatal("the token list shows a secret")
		}

		// The read token expires after a day.
		e.advance(25 * time.Hour)
		wantError(t, e.do(req{method: "GET", path: "/api/v1/goals", token: ro}), http.StatusUnauthorized, stride.EUNAUTHORIZED, "expired")
		want(t, e.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", created.Info.ID), token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/tokens/%d", created.Info.ID), token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		// Cookies are not credentials on the API.
		w = e.do(req{method: "GET", path: "/api/v1/me", cookie: &http.Cookie{Name: sessionCookie, Value: "1.whatever"}})
		wantError(t, w, http.StatusUnauthorized, stride.EUNAUTHORIZED, "")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/nothing", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "openapi")
	})
}

func TestAPILogin(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		e.user("ann")
		var ok tokenCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": testPassword, "token_name": "laptop"}}),
			http.StatusCreated, &ok)
		if ok.User == nil || ok.User.Name != "ann" || ok.Token == "" {
			t.Fatalf("login %+v", ok)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/me", token: ok.Token}), http.StatusOK, nil)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/login", body: `{"name":"ann"}`}), http.StatusBadRequest, stride.EINVALID, "password")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "nobody", "password": "whatever1"}}),
			http.StatusUnauthorized, stride.EUNAUTHORIZED, "not right")
		for range 4 {
			wantError(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": "wrong-password"}}),
				http.StatusUnauthorized, stride.EUNAUTHORIZED, "not right")
		}
		// The fifth failure for the account throttles it, even with the
		// right password.
		wantError(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": "wrong-password"}}),
			http.StatusUnauthorized, stride.EUNAUTHORIZED, "")
		w := e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": testPassword}})
		wantError(t, w, http.StatusTooManyRequests, codeTooManyRequests, "15 minutes")
		if w.Header().Get("Retry-After") != "900" {
			t.Errorf("Retry-After %q", w.Header().Get("Retry-After"))
		}
		e.advance(16 * time.Minute)
		want(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": testPassword}}), http.StatusCreated, nil)
	})
}

func TestLoginThrottlePerIP(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{LoginFailuresPerIP: 3})
	e.user("ann")
	for i := range 3 {
		want(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": fmt.Sprint("guess", i), "password": "whatever1"}}),
			http.StatusUnauthorized, nil)
	}
	wantError(t, e.do(req{method: "POST", path: "/api/v1/login", body: map[string]any{"name": "ann", "password": testPassword}}),
		http.StatusTooManyRequests, codeTooManyRequests, "")
}

func TestOps(t *testing.T) {
	svc := storetest.OpenSQLite(t)
	e := newTestEnv(t, svc, Config{})
	w := e.do(req{method: "GET", path: "/healthz"})
	if w.Code != 200 || w.Body.String() != "ok\n" {
		t.Fatalf("healthz %d %q", w.Code, w.Body)
	}
	want(t, e.do(req{method: "GET", path: "/readyz"}), http.StatusOK, nil)
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if w.Header().Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	var doc map[string]any
	want(t, e.do(req{method: "GET", path: "/api/v1/openapi.json"}), http.StatusOK, &doc)
	w = e.do(req{method: "GET", path: "/metrics"})
	if !strings.Contains(w.Body.String(), `stride_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`) ||
		!strings.Contains(w.Body.String(), "stride_http_request_duration_seconds_bucket") ||
		!strings.Contains(w.Body.String(), `stride_store_call_duration_seconds_count{method="Setting",service="auth"}`) {
		t.Fatalf("metrics:\n%s", w.Body)
	}
	w = e.do(req{method: "GET", path: "/assets/style.css"})
	if w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), "max-age=31536000") {
		t.Fatalf("asset %d %v", w.Code, w.Header())
	}
	want(t, e.do(req{method: "GET", path: "/assets/"}), http.StatusNotFound, nil)

	down := NewServer(Deps{Services: svc, Ping: func(context.Context) error { return errors.New("connection refused") }})
	e.srv = down
	want(t, e.do(req{method: "GET", path: "/readyz"}), http.StatusServiceUnavailable, nil)
}

func TestPanicIsA500(t *testing.T) {
	svc := storetest.OpenSQLite(t)
	broken := *svc
	broken.Status = nil // every status read panics
	e := newTestEnv(t, &broken, Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	w := e.do(req{method: "GET", path: "/api/v1/status", token: tok})
	wantError(t, w, http.StatusInternalServerError, stride.EINTERNAL, "internal error")
	if strings.Contains(w.Body.String(), "nil pointer") {
		t.Fatalf("the panic leaked: %s", w.Body)
	}
}

// TestStepTimeNotLater: a step's time of day may not be later than now.
// A step the server dates (no "date") is on the account's clock (14:00
// in Paris at the test clock); a day the client named may be reckoned in
// another zone, so only a moment that has come nowhere yet (UTC+14, where
// it is 02:00 on Tuesday) is refused. The web app's edit form, which
// keeps a step's time of day, refuses moving a step to today before that
// time. Nothing refused is written.
func TestStepTimeNotLater(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	paris := "Europe/Paris"
	if _, err := e.svc.Auth.UpdateUser(ctxFor(ann), ann.ID, stride.UserUpdate{TimeZone: &paris}); err != nil {
		t.Fatal(err)
	}
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	walk := e.goal(ann, "walk", "30 min/day")
	post := func(body map[string]any) *httptest.ResponseRecorder {
		body["goal_id"], body["amount"] = walk.ID, 5
		return e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: body})
	}
	wantError(t, post(map[string]any{"time": 14*60 + 30}), http.StatusBadRequest, stride.EINVALID,
		`"time" 870 (14:30) is later than now (14:00 in Europe/Paris, the account's time zone): steps record what was done, so give a time up to 840 (14:00), or leave "time" out`)
	wantError(t, post(map[string]any{"date": "2026-06-16", "time": 3 * 60}), http.StatusBadRequest, stride.EINVALID,
		`"time" 180 (03:00) on 2026-06-16 has not come anywhere yet`)
	wantError(t, post(map[string]any{"time": 3000}), http.StatusBadRequest, stride.EINVALID, "time of day must be between 00:00 and 23:59")
	var steps []stride.Step
	want(t, e.do(req{method: "GET", path: "/api/v1/steps", token: tok}), http.StatusOK, &steps)
	if len(steps) != 0 {
		t.Fatalf("refused steps were stored: %+v", steps)
	}

	var c, early, late stride.StepCreated
	want(t, post(map[string]any{"time": 14 * 60}), http.StatusCreated, &c)                        // this minute
	want(t, post(map[string]any{"date": "2026-06-15", "time": 23 * 60}), http.StatusCreated, nil) // begun in UTC+14
	want(t, post(map[string]any{"date": "2026-06-16", "time": 60}), http.StatusCreated, &early)
	want(t, post(map[string]any{"date": "2026-06-14", "time": 23*60 + 59}), http.StatusCreated, &late)

	// PATCH: the day or the time the request leaves is the step's
	patch := func(st *stride.Step, body map[string]any) *httptest.ResponseRecorder {
		return e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/steps/%d", st.ID), token: tok, body: body})
	}
	wantError(t, patch(c.Step, map[string]any{"date": "2026-06-16"}), http.StatusBadRequest, stride.EINVALID,
		`"time" 840 (14:00) on 2026-06-16 has not come anywhere yet`)
	wantError(t, patch(early.Step, map[string]any{"time": 3 * 60}), http.StatusBadRequest, stride.EINVALID, "(03:00) on 2026-06-16 has not come")
	wantError(t, patch(c.Step, map[string]any{"date": "2026-06-16", "time": 5 * 60, "note": "moved"}), http.StatusBadRequest, stride.EINVALID, "has not come")
	want(t, e.do(req{method: "GET", path: "/api/v1/steps", token: tok}), http.StatusOK, &steps)
	for _, st := range steps {
		if st.Day == stride.NewDate(2026, 6, 16) && *st.Time != 60 || st.Note != "" {
			t.Errorf("a refused change was stored: %+v", st)
		}
	}
	want(t, patch(c.Step, map[string]any{"time": 23 * 60}), http.StatusOK, nil)
	want(t, patch(c.Step, map[string]any{"date": "2026-06-16", "time": nil}), http.StatusOK, nil)
	wantError(t, patch(&stride.Step{ID: 424242}, map[string]any{"time": 60}), http.StatusNotFound, stride.ENOTFOUND, "")

	// The web app's edit form keeps the step's time of day: 23:59 has not
	// come yet today in Paris.
	cookie := e.session(ann)
	edit := fmt.Sprintf("/steps/%d/edit", late.Step.ID)
	e.page(cookie, "POST", edit, url.Values{"amount": {"5"}, "date": {"2026-06-15"}}, 422,
		"This step was logged at 23:59, and today has not reached that time yet: keep it on an earlier day.", `id="date-err"`)
	if st, err := e.svc.Steps.FindStepByID(ctxFor(ann), late.Step.ID); err != nil || st.Day != stride.NewDate(2026, 6, 14) {
		t.Errorf("the refused edit moved the step: %+v, %v", st, err)
	}
	e.page(cookie, "POST", edit, url.Values{"amount": {"5"}, "date": {"2026-06-13"}}, 303)
}

// PATCH /api/v1/steps/{id} reads an amount as POST does: a number, or a
// string in the goal's unit; a unit the goal does not count is refused
// and changes nothing.
func TestAPIStepPatchAmountText(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	walk := e.goal(ann, "walk", "30 min/day")
	var c stride.StepCreated
	want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": "20m"}}), http.StatusCreated, &c)
	path := fmt.Sprintf("/api/v1/steps/%d", c.Step.ID)
	var st stride.Step
	want(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{"amount": "1h30m"}}), http.StatusOK, &st)
	if st.Amount != 90 {
		t.Errorf("amount %v after \"1h30m\", want 90", st.Amount)
	}
	want(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{"amount": 25}}), http.StatusOK, &st)
	want(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{"amount": nil, "note": "kept"}}), http.StatusOK, &st)
	if st.Amount != 25 || st.Note != "kept" {
		t.Errorf("step %+v, want amount 25 and the note", st)
	}
	wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{"amount": "3 pages"}}), http.StatusBadRequest, stride.EINVALID, "")
	wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: map[string]any{"amount": "0m"}}), http.StatusBadRequest, stride.EINVALID, "to take the step back, DELETE /api/v1/steps/{id}")
	wantError(t, e.do(req{method: "PATCH", path: "/api/v1/steps/424242", token: tok, body: map[string]any{"amount": "5m"}}), http.StatusNotFound, stride.ENOTFOUND, "")
	if got, err := e.svc.Steps.FindStepByID(ctxFor(ann), c.Step.ID); err != nil || got.Amount != 25 {
		t.Errorf("a refused amount was stored: %+v, %v", got, err)
	}
}
